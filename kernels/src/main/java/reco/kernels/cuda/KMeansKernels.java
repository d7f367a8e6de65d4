package reco.kernels.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import reco.kernels.Releaser;
import reco.kernels.DeviceBuffer;
import reco.kernels.Matrix;
import reco.kernels.cuda.ffi.CudaArgs;
import reco.kernels.cuda.ffi.CudaBuffer;
import reco.kernels.cuda.ffi.CudaFunction;
import reco.kernels.cuda.ffi.CudaStream;

/** k-means assignment and per-cluster sums with the kernels of {@code kmeans.cl}. */
final class KMeansKernels implements AutoCloseable {
    private static final String SOURCE = "kmeans.cl";
    /** Points per partial sum: enough work per thread to hide the extra pass, few partials to add. */
    private static final int CHUNK = 1024;

    private final CudaDevice device;
    private final Arena arena = Arena.ofShared(); // object scope: the host copy of the fault flag
    private final MemorySegment hostFault = arena.allocate(4, 4);
    private CudaBuffer partial;      // chunks × clusters × dims float32, grown as needed
    private CudaBuffer partialCount; // chunks × clusters int32
    private CudaBuffer fault;        // 1 int32: lowest point with an out-of-range assignment

    KMeansKernels(CudaDevice device) {
        this.device = device;
    }

    void assign(Matrix points, Matrix centroids, DeviceBuffer assignment, DeviceBuffer distance) {
        int dims = sameWidth(points, centroids);
        int n = points.rows();
        CudaFunction kernel = device.function(SOURCE, dims, "kmeans_assign", "CHUNK=" + CHUNK);
        try (CudaArgs args = new CudaArgs(kernel)) {
            args.buffer(device.memory(points.buffer())).i32(n).buffer(device.memory(centroids.buffer()))
                    .i32(centroids.rows()).buffer(device.memory(assignment, 4L * n, "assignment"))
                    .buffer(device.memory(distance, 4L * n, "distance"));
            device.stream().launch(kernel, args, device.grid(n), device.block());
        }
    }

    void update(Matrix points, DeviceBuffer assignment, Matrix sums, DeviceBuffer counts) {
        int dims = sameWidth(points, sums);
        int n = points.rows();
        int k = sums.rows();
        CudaBuffer assigned = device.memory(assignment, 4L * n, "assignment");
        CudaBuffer countMemory = device.memory(counts, 4L * k, "counts");
        if (k == 0) {
            if (n > 0) {
                throw new IllegalArgumentException("no clusters to assign " + n + " points to");
            }
            return;
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        ensureScratch((long) chunks * k, dims);
        CudaStream stream = device.stream();
        stream.fill(fault, Integer.MAX_VALUE, 0, 4);
        CudaFunction sum = device.function(SOURCE, dims, "kmeans_partial", "CHUNK=" + CHUNK);
        CudaFunction reduce = device.function(SOURCE, dims, "kmeans_reduce", "CHUNK=" + CHUNK);
        try (CudaArgs sumArgs = new CudaArgs(sum); CudaArgs reduceArgs = new CudaArgs(reduce)) {
            sumArgs.buffer(device.memory(points.buffer())).i32(n).buffer(assigned).i32(k).buffer(partial)
                    .buffer(partialCount).buffer(fault);
            stream.launch(sum, sumArgs, device.grid((long) chunks * k), device.block());
            reduceArgs.buffer(partial).buffer(partialCount).i32(chunks).i32(k).buffer(device.memory(sums.buffer()))
                    .buffer(countMemory);
            stream.launch(reduce, reduceArgs, device.grid((long) k * dims), device.block());
        }
        // The reference rejects a bad assignment; reading the flag costs one small wait per iteration.
        stream.read(fault, 0, hostFault);
        int bad = hostFault.get(ValueLayout.JAVA_INT, 0);
        if (bad != Integer.MAX_VALUE) {
            stream.read(assigned, 4L * bad, hostFault);
            throw new IllegalArgumentException("assignment of point " + bad + " is "
                    + hostFault.get(ValueLayout.JAVA_INT, 0) + ", outside 0.." + (k - 1));
        }
    }

    private void ensureScratch(long partials, int dims) {
        if (fault == null) {
            fault = device.newMemory(4);
        }
        if (partial == null || partialCount.byteSize() < 4 * partials || partial.byteSize() < 4 * partials * dims) {
            freeScratch();
            partial = device.newMemory(4 * partials * dims);
            partialCount = device.newMemory(4 * partials);
        }
    }

    private void freeScratch() {
        if (partial != null) {
            device.stream().synchronize();
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

    /** Frees the scratch; the device has synchronised its stream. */
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
