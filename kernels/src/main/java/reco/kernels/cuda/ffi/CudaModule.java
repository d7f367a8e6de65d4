package reco.kernels.cuda.ffi;

import java.lang.foreign.MemorySegment;

import reco.kernels.source.KernelSignature;

/** A loaded PTX module; its functions live as long as it does. */
public final class CudaModule extends CudaHandle {
    /** Bytes for the JIT's error log: far more than a PTX error needs. */
    static final long LOG_BYTES = 16 * 1024;

    private final CudaContext context;
    private final String what;
    private final MemorySegment handle;

    CudaModule(CudaContext context, String what, MemorySegment handle) {
        super("CUDA module " + what);
        this.context = context;
        this.what = what;
        this.handle = handle;
    }

    /**
     * The kernel {@code signature.kernel()} of this module; {@code signature} is its parameter list as
     * the source declares it, which {@link CudaArgs} checks every argument against.
     */
    public CudaFunction function(KernelSignature signature) {
        checkLive();
        context.makeCurrent();
        return new CudaFunction(this, signature, CudaDriver.cuModuleGetFunction(handle, signature.kernel()));
    }

    String what() {
        return what;
    }

    @Override
    void release() {
        context.makeCurrent();
        CudaDriver.cuModuleUnload(handle);
    }
}
