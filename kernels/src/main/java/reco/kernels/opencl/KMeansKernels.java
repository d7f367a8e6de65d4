package reco.kernels.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import reco.kernels.Releaser;
import reco.kernels.DeviceBuffer;
import reco.kernels.Matrix;
import reco.kernels.opencl.ffi.ClKernel;
import reco.kernels.opencl.ffi.ClMem;
import reco.kernels.opencl.ffi.ClQueue;

/** k-means assignment and per-cluster sums with the kernels of {@code kmeans.cl}. */
final class KMeansKernels implements AutoCloseable {
    private static final String SOURCE = "kmeans.cl";
    /** Points per partial sum: enough work per work-item to hide the extra pass, few partials to add. */
    private static final int CHUNK = 1024;

    private final OpenClDevice device;
    private final Arena arena = Arena.ofShared(); // object scope: the host copy of the fault flag
    private final MemorySegment hostFault = arena.allocate(4, 4);
    private ClMem partial;      // chunks × clusters × dims float32, grown as needed
    private ClMem partialCount; // chunks × clusters int32
    private ClMem fault;        // 1 int32: lowest point with an out-of-range assignment

    KMeansKernels(OpenClDevice device) {
        this.device = device;
    }

    void assign(Matrix points, Matrix centroids, DeviceBuffer assignment, DeviceBuffer distance) {
        int dims = sameWidth(points, centroids);
        int n = points.rows();
        ClKernel kernel = device.kernel(SOURCE, dims, "kmeans_assign", "CHUNK=" + CHUNK);
        new Args(kernel).mem(device.mem(points.buffer())).i32(n).mem(device.mem(centroids.buffer())).i32(centroids.rows())
                .mem(device.mem(assignment, 4L * n, "assignment")).mem(device.mem(distance, 4L * n, "distance"));
        device.queue().launch(kernel, device.grid(n), device.workGroup());
        device.queue().flush(); // start now: the caller reads later
    }

    void update(Matrix points, DeviceBuffer assignment, Matrix sums, DeviceBuffer counts) {
        int dims = sameWidth(points, sums);
        int n = points.rows();
        int k = sums.rows();
        ClMem assigned = device.mem(assignment, 4L * n, "assignment");
        ClMem countMem = device.mem(counts, 4L * k, "counts");
        if (k == 0) {
            if (n > 0) {
                throw new IllegalArgumentException("no clusters to assign " + n + " points to");
            }
            return;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        ensureScratch((long) chunks * k, dims);
        ClQueue queue = device.queue();
        queue.fill(fault, Integer.MAX_VALUE, 0, 4);
        ClKernel sum = device.kernel(SOURCE, dims, "kmeans_partial", "CHUNK=" + CHUNK);
        new Args(sum).mem(device.mem(points.buffer())).i32(n).mem(assigned).i32(k).mem(partial).mem(partialCount)
                .mem(fault);
        queue.launch(sum, device.grid((long) chunks * k), device.workGroup());
        ClKernel reduce = device.kernel(SOURCE, dims, "kmeans_reduce", "CHUNK=" + CHUNK);
        new Args(reduce).mem(partial).mem(partialCount).i32(chunks).i32(k).mem(device.mem(sums.buffer())).mem(countMem);
        queue.launch(reduce, device.grid((long) k * dims), device.workGroup());
        // The reference rejects a bad assignment; reading the flag costs one small wait per iteration.
        queue.read(fault, 0, hostFault);
        int bad = hostFault.get(ValueLayout.JAVA_INT, 0);
        if (bad != Integer.MAX_VALUE) {
            queue.read(assigned, 4L * bad, hostFault);
            throw new IllegalArgumentException("assignment of point " + bad + " is "
                    + hostFault.get(ValueLayout.JAVA_INT, 0) + ", outside 0.." + (k - 1));
        }
    }

    private void ensureScratch(long partials, int dims) {
        if (fault == null) {
            fault = device.newMem(4);
        }
        if (partial == null || partialCount.byteSize() < 4 * partials || partial.byteSize() < 4 * partials * dims) {
            freeScratch();
            partial = device.newMem(4 * partials * dims);
            partialCount = device.newMem(4 * partials);
        }
    }

    private void freeScratch() {
        if (partial != null) {
            device.queue().finish();
            partial.close();
            partialCount.close();
            partial = null;
            partialCount = null;
        }
    }

    private static int sameWidth(Matrix a, Matrix b) {
        if (a.cols() != b.cols()) {
            throw new IllegalArgumentException("matrix widths differ: " + a.cols() + " vs " + b.cols());
        }
        return a.cols();
    }

    /** Frees the scratch; the device has finished its queue. */
    @Override
    public void close() {
        try {
            Releaser.closeAll(partial, partialCount, fault);
        } finally {
            partial = null;
            partialCount = null;
            fault = null;
            arena.close();
        }
    }
}
