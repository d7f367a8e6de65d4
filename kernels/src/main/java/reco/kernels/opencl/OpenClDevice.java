package reco.kernels.opencl;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import reco.kernels.Releaser;
import reco.kernels.AdamMoments;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.DeviceException;
import reco.kernels.DeviceInfo;
import reco.kernels.Exclusions;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;
import reco.kernels.opencl.ffi.ClContext;
import reco.kernels.opencl.ffi.ClDevice;
import reco.kernels.opencl.ffi.ClKernel;
import reco.kernels.opencl.ffi.ClMem;
import reco.kernels.opencl.ffi.ClQueue;

/**
 * A {@link ComputeDevice} on one OpenCL device: one context, one in-order queue, kernels built from
 * the {@code .cl} resources on first use and kept. Ops enqueue and return; {@link #read} and ops that
 * return a value wait. On a device sharing memory with the host, buffers are host segments the driver
 * uses in place; elsewhere they are device memory with explicit copies.
 */
public final class OpenClDevice implements ComputeDevice {
    static final String WORK_GROUP_PROPERTY = "reco.opencl.workGroup";
    /**
     * Work-items per group in every launch. 64 is a multiple of every GPU's warp or wavefront, and on
     * PoCL it keeps a group's work-item loop long enough to amortise its barriers.
     */
    static final int WORK_GROUP = Integer.getInteger(WORK_GROUP_PROPERTY, 64);

    private static final System.Logger LOG = System.getLogger("reco.kernels.opencl");

    private final ClDevice device;
    private final boolean hostBacked;
    private final int workGroup;
    private final DeviceInfo info;
    private final ClContext context;
    private final ClQueue queue;
    private final Programs programs;
    private final Set<OpenClBuffer> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final MfKernels mf;
    private final KMeansKernels kmeans;
    private final TopKKernel topK;
    private boolean closed;

    /** @param hostBacked buffers in host memory used in place; only right where the device shares host memory */
    OpenClDevice(ClDevice device, boolean hostBacked) {
        this.device = device;
        this.hostBacked = hostBacked;
        this.workGroup = (int) Math.min(WORK_GROUP, device.maxWorkGroupSize());
        if (workGroup < 1) {
            throw new IllegalArgumentException("-D" + WORK_GROUP_PROPERTY + " must be at least 1, was " + WORK_GROUP);
        }
        this.info = OpenClBackend.describe(device, hostBacked, workGroup);
        this.context = ClContext.create(device);
        try {
            this.queue = context.createQueue(false);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        this.programs = new Programs(context, workGroup);
        this.mf = new MfKernels(this);
        this.kmeans = new KMeansKernels(this);
        this.topK = new TopKKernel(this);
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public synchronized DeviceBuffer allocate(long bytes) {
        checkOpen();
        if (bytes < 0) {
            throw new IllegalArgumentException("negative buffer size " + bytes);
        }
        OpenClBuffer buffer = new OpenClBuffer(this, newMem(bytes));
        live.add(buffer);
        return buffer;
    }

    @Override
    public void write(DeviceBuffer dst, long dstOffset, MemorySegment src) {
        ClMem m = mem(dst);
        checkSpan(dstOffset, src.byteSize(), m.byteSize());
        queue.write(m, dstOffset, src);
    }

    @Override
    public void read(DeviceBuffer src, long srcOffset, MemorySegment dst) {
        ClMem m = mem(src);
        checkSpan(srcOffset, dst.byteSize(), m.byteSize());
        queue.read(m, srcOffset, dst);
    }

    @Override
    public void predict(FactorModel model, RatingBuffers ratings, long first, long count, DeviceBuffer out) {
        mf.predict(model, ratings, first, count, out);
    }

    @Override
    public double train(FactorModel model, AdamMoments moments, RatingBuffers ratings, DeviceBuffer order,
                        long first, long count, StepConfig step, long firstStep) {
        return mf.train(model, moments, ratings, order, first, count, step, firstStep);
    }

    /**
     * One launch per stratum, one work-item per block ({@code blocks.cl}): the same bits from run to
     * run, as each block runs in order on one work-item.
     */
    @Override
    public double trainBlocks(FactorModel model, AdamMoments moments, RatingBuffers ratings, long[] starts,
                              long[] counts, StepConfig step, long firstStep) {
        return mf.trainBlocks(model, moments, ratings, starts, counts, step, firstStep);
    }

    @Override
    public void kmeansAssign(Matrix points, Matrix centroids, DeviceBuffer assignment, DeviceBuffer distance) {
        kmeans.assign(points, centroids, assignment, distance);
    }

    @Override
    public void kmeansUpdate(Matrix points, DeviceBuffer assignment, Matrix sums, DeviceBuffer counts) {
        kmeans.update(points, assignment, sums, counts);
    }

    @Override
    public void topK(Matrix queries, DeviceBuffer queryOffset, Matrix items, DeviceBuffer itemBias,
                     Exclusions exclusions, int k, DeviceBuffer outItems, DeviceBuffer outScores) {
        topK.run(queries, queryOffset, items, itemBias, exclusions, k, outItems, outScores);
    }

    @Override
    public void finish() {
        checkOpen();
        queue.finish();
    }

    /**
     * Finishes the queue, then releases buffers, kernels, programs, queue and context, in that order:
     * a host segment may be freed only once nothing can still use it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.finish();
        } catch (DeviceException e) {
            // Commands may still be using host memory: freeing it now could crash the JVM, so it leaks.
            LOG.log(System.Logger.Level.ERROR, "OpenCL queue did not finish; device resources are leaked", e);
            throw e;
        }
        List<AutoCloseable> order = new ArrayList<>();
        for (OpenClBuffer b : live) {
            order.add(b::release);
        }
        live.clear();
        order.addAll(List.of(mf, kmeans, programs, queue, context));
        Releaser.closeAll(order);
    }

    /** Buffers still allocated (for leak tests). */
    synchronized int liveBuffers() {
        return live.size();
    }

    synchronized void release(OpenClBuffer buffer) {
        if (closed || !live.remove(buffer)) {
            return;
        }
        queue.finish(); // a command may still use it
        buffer.release();
    }

    // ---- for the op classes of this package ----

    /** A zero-filled memory object for device-internal scratch; its owner closes it after a finish. */
    ClMem newMem(long bytes) {
        ClMem m = context.createBuffer(bytes, hostBacked);
        if (!m.hostBacked()) {
            queue.fill(m, 0, 0, m.allocatedBytes());
        }
        return m;
    }

    ClQueue queue() {
        checkOpen();
        return queue;
    }

    ClKernel kernel(String file, int width, String name, String... defines) {
        checkOpen();
        return programs.kernel(file, width, name, defines);
    }

    int workGroup() {
        return workGroup;
    }

    /** {@code n} rounded up to a whole number of work-groups. */
    long grid(long n) {
        return (n + workGroup - 1) / workGroup * workGroup;
    }

    /** The memory of one of this device's live buffers. */
    ClMem mem(DeviceBuffer buffer) {
        checkOpen();
        if (!(buffer instanceof OpenClBuffer b)) {
            throw new DeviceException("not an OpenCL buffer: " + buffer);
        }
        return b.mem(this);
    }

    /** {@link #mem} for an optional buffer. */
    ClMem memOrNull(DeviceBuffer buffer) {
        return buffer == null ? null : mem(buffer);
    }

    /** {@link #mem}, checked to hold at least {@code bytes} bytes, so that no kernel can go past its end. */
    ClMem mem(DeviceBuffer buffer, long bytes, String what) {
        ClMem m = mem(buffer);
        if (m.byteSize() < bytes) {
            throw new IllegalArgumentException(what + " needs " + bytes + " bytes, its buffer has " + m.byteSize());
        }
        return m;
    }

    private void checkOpen() {
        if (closed) {
            throw new DeviceException("OpenCL device " + info.spec() + " used after close");
        }
    }

    private static void checkSpan(long offset, long length, long size) {
        if (offset < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + (offset + length) + ") outside a buffer of "
                    + size + " bytes");
        }
    }
}
