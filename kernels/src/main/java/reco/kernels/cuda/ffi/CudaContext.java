package reco.kernels.cuda.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The device's primary context, retained for as long as this object is open: the context the CUDA
 * runtime and other libraries in the process share, so that opening Reco beside them costs no second
 * context. It makes the streams, buffers, events and modules, each of which makes it current before
 * its own driver calls: a context is current per thread, and a device may be used from several
 * threads in turn.
 */
public final class CudaContext extends CudaHandle {
    private final CudaGpu gpu;
    private final MemorySegment handle;

    private CudaContext(CudaGpu gpu, MemorySegment handle) {
        super("CUDA primary context of " + gpu);
        this.gpu = gpu;
        this.handle = handle;
    }

    /** Retains {@code gpu}'s primary context (creating it on first use) and makes it current. */
    public static CudaContext retainPrimary(CudaGpu gpu) {
        CudaContext context = new CudaContext(gpu, CudaDriver.cuDevicePrimaryCtxRetain(gpu.device()));
        try {
            context.makeCurrent();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return context;
    }

    public CudaGpu gpu() {
        return gpu;
    }

    /** Binds this context to the calling thread (cheap: a thread-local store in the driver). */
    public void makeCurrent() {
        checkLive();
        CudaDriver.cuCtxSetCurrent(handle);
    }

    /** A stream that does not synchronise with the legacy default stream. */
    public CudaStream createStream() {
        makeCurrent();
        return new CudaStream(this, CudaDriver.cuStreamCreate(CudaDriver.CU_STREAM_NON_BLOCKING));
    }

    public CudaEvent createEvent() {
        makeCurrent();
        return new CudaEvent(this, CudaDriver.cuEventCreate(CudaDriver.CU_EVENT_DEFAULT));
    }

    /** {@code bytes} of device memory, uninitialised (fill it through a stream). */
    public CudaBuffer allocate(long bytes) {
        makeCurrent();
        return CudaBuffer.allocate(this, bytes);
    }

    /**
     * Loads PTX text; a JIT failure throws {@link CudaException} carrying the JIT's error log.
     *
     * @param what names the module in messages
     */
    public CudaModule load(String what, String ptx) {
        makeCurrent();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment log = call.allocate(CudaModule.LOG_BYTES);
            return new CudaModule(this, what, CudaDriver.cuModuleLoadDataEx(call.allocateFrom(ptx), log, "module " + what));
        }
    }

    /**
     * Releases this object's reference; the driver destroys the context, and whatever is left in it,
     * when the last reference in the process goes.
     */
    @Override
    void release() {
        CudaDriver.cuDevicePrimaryCtxRelease(gpu.device());
    }
}
