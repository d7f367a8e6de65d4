package reco.kernels.cuda;

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
import reco.kernels.cuda.ffi.CudaBuffer;
import reco.kernels.cuda.ffi.CudaContext;
import reco.kernels.cuda.ffi.CudaEvent;
import reco.kernels.cuda.ffi.CudaFunction;
import reco.kernels.cuda.ffi.CudaGpu;
import reco.kernels.cuda.ffi.CudaStream;
import reco.kernels.cuda.ffi.PtxCompiler;

/**
 * A {@link ComputeDevice} on one NVIDIA GPU through the CUDA driver API: the device's primary context,
 * one non-blocking stream, kernels compiled by NVRTC from the shared sources on first use and kept.
 * Ops enqueue on the stream and return; {@link #read} and ops that return a value wait. Every op makes
 * the context current on the calling thread first, since the device may be used from one thread and
 * then another.
 */
public final class CudaDevice implements ComputeDevice {
    static final String BLOCK_PROPERTY = "reco.cuda.block";
    /**
     * Threads per block in every launch (the kernels' work-group size WG). 128 is four warps: enough
     * for the per-block scans of mf.cl to amortise, small enough that mf_apply's registers (about 250
     * per thread at 64 factors) still allow it.
     */
    static final int BLOCK = Integer.getInteger(BLOCK_PROPERTY, 128);

    private static final System.Logger LOG = System.getLogger("reco.kernels.cuda");

    private final CudaGpu gpu;
    private final int block;
    private final DeviceInfo info;
    private final CudaContext context;
    private final CudaStream stream;
    private final Modules modules;
    private final Set<CudaDeviceBuffer> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final MfKernels mf;
    private final KMeansKernels kmeans;
    private final TopKKernel topK;
    private boolean closed;

    CudaDevice(CudaGpu gpu, int driverVersion) {
        this.gpu = gpu;
        this.block = Math.min(BLOCK, gpu.maxThreadsPerBlock());
        if (block < 1) {
            throw new IllegalArgumentException("-D" + BLOCK_PROPERTY + " must be at least 1, was " + BLOCK);
        }
        int arch = PtxCompiler.architectureFor(gpu.computeCapability());
        this.info = CudaBackend.describe(gpu, driverVersion, arch, block);
        this.context = CudaContext.retainPrimary(gpu);
        try {
            this.stream = context.createStream();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        this.modules = new Modules(context, arch, block);
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
        enter();
        if (bytes < 0) {
            throw new IllegalArgumentException("negative buffer size " + bytes);
        }
        CudaDeviceBuffer buffer = new CudaDeviceBuffer(this, newMemory(bytes));
        live.add(buffer);
        return buffer;
    }

    @Override
    public void write(DeviceBuffer dst, long dstOffset, MemorySegment src) {
        CudaBuffer m = memory(dst);
        checkSpan(dstOffset, src.byteSize(), m.byteSize());
        stream().write(m, dstOffset, src);
    }

    @Override
    public void read(DeviceBuffer src, long srcOffset, MemorySegment dst) {
        CudaBuffer m = memory(src);
        checkSpan(srcOffset, dst.byteSize(), m.byteSize());
        stream().read(m, srcOffset, dst);
    }

    @Override
    public void predict(FactorModel model, RatingBuffers ratings, long first, long count, DeviceBuffer out) {
        enter();
        mf.predict(model, ratings, first, count, out);
    }

    @Override
    public double train(FactorModel model, AdamMoments moments, RatingBuffers ratings, DeviceBuffer order,
                        long first, long count, StepConfig step, long firstStep) {
        enter();
        return mf.train(model, moments, ratings, order, first, count, step, firstStep);
    }

    /**
     * One launch per stratum, one thread per block ({@code blocks.cl}): exact and the same from run to
     * run, as each block runs in order on one thread.
     */
    @Override
    public double trainBlocks(FactorModel model, AdamMoments moments, RatingBuffers ratings, long[] starts,
                              long[] counts, StepConfig step, long firstStep) {
        enter();
        return mf.trainBlocks(model, moments, ratings, starts, counts, step, firstStep);
    }

    @Override
    public void kmeansAssign(Matrix points, Matrix centroids, DeviceBuffer assignment, DeviceBuffer distance) {
        enter();
        kmeans.assign(points, centroids, assignment, distance);
    }

    @Override
    public void kmeansUpdate(Matrix points, DeviceBuffer assignment, Matrix sums, DeviceBuffer counts) {
        enter();
        kmeans.update(points, assignment, sums, counts);
    }

    @Override
    public void topK(Matrix queries, DeviceBuffer queryOffset, Matrix items, DeviceBuffer itemBias,
                     Exclusions exclusions, int k, DeviceBuffer outItems, DeviceBuffer outScores) {
        enter();
        topK.run(queries, queryOffset, items, itemBias, exclusions, k, outItems, outScores);
    }

    @Override
    public void finish() {
        stream().synchronize();
    }

    /**
     * Runs {@code work} (ops of this device) between two events on the stream and returns the device
     * milliseconds between them: the GPU's own time for the work, without the host's share, for the
     * GPU check's timings.
     */
    public float deviceMillis(Runnable work) {
        enter();
        try (CudaEvent start = context.createEvent(); CudaEvent end = context.createEvent()) {
            stream.record(start);
            work.run();
            enter();
            stream.record(end);
            return end.millisSince(start);
        }
    }

    /**
     * Synchronises the stream, then releases buffers, scratch, modules, stream and context, in that
     * order: memory may be freed only once no kernel can still use it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            context.makeCurrent();
            stream.synchronize();
        } catch (DeviceException e) {
            // A kernel failed: the context is unusable, and the driver frees its memory with it.
            LOG.log(System.Logger.Level.ERROR, "CUDA stream did not finish; releasing the context", e);
        }
        List<AutoCloseable> order = new ArrayList<>();
        for (CudaDeviceBuffer b : live) {
            order.add(b::release);
        }
        live.clear();
        order.addAll(List.of(mf, kmeans, modules, stream, context));
        Releaser.closeAll(order);
    }

    /** Buffers still allocated (for leak tests). */
    synchronized int liveBuffers() {
        return live.size();
    }

    synchronized void release(CudaDeviceBuffer buffer) {
        if (closed || !live.remove(buffer)) {
            return;
        }
        enter();
        stream.synchronize(); // a kernel may still use it
        buffer.release();
    }

    // ---- for the op classes of this package ----

    /** Zero-filled device memory for scratch; its owner closes it after a synchronise. */
    CudaBuffer newMemory(long bytes) {
        CudaBuffer m = context.allocate(bytes);
        stream.fill(m, 0, 0, m.allocatedBytes());
        return m;
    }

    /** The stream, with the context current on this thread. */
    CudaStream stream() {
        enter();
        return stream;
    }

    CudaFunction function(String file, int width, String name, String... defines) {
        enter();
        return modules.function(file, width, name, defines);
    }

    int block() {
        return block;
    }

    /** {@code n} rounded up to a whole number of blocks. */
    long grid(long n) {
        return (n + block - 1) / block * block;
    }

    /** The memory of one of this device's live buffers. */
    CudaBuffer memory(DeviceBuffer buffer) {
        checkOpen();
        if (!(buffer instanceof CudaDeviceBuffer b)) {
            throw new DeviceException("not a CUDA buffer: " + buffer);
        }
        return b.memory(this);
    }

    /** {@link #memory} for an optional buffer. */
    CudaBuffer memoryOrNull(DeviceBuffer buffer) {
        return buffer == null ? null : memory(buffer);
    }

    /** {@link #memory}, checked to hold at least {@code bytes} bytes, so that no kernel can go past its end. */
    CudaBuffer memory(DeviceBuffer buffer, long bytes, String what) {
        CudaBuffer m = memory(buffer);
        if (m.byteSize() < bytes) {
            throw new IllegalArgumentException(what + " needs " + bytes + " bytes, its buffer has " + m.byteSize());
        }
        return m;
    }

    private void enter() {
        checkOpen();
        context.makeCurrent();
    }

    private void checkOpen() {
        if (closed) {
            throw new DeviceException("CUDA device " + info.spec() + " used after close");
        }
    }

    private static void checkSpan(long offset, long length, long size) {
        if (offset < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + (offset + length) + ") outside a buffer of "
                    + size + " bytes");
        }
    }

    @Override
    public String toString() {
        return "CUDA device " + info.spec() + " (" + gpu.name() + ")";
    }
}
