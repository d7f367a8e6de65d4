package reco.kernels.cuda.ffi;

import java.lang.foreign.MemorySegment;

import reco.kernels.source.KernelSignature;

/**
 * A kernel of a loaded module, with its parameter list from the source. The driver has no call to
 * release a function: it is valid while its module is loaded, so this class is not closeable and
 * every use checks the module instead.
 */
public final class CudaFunction {
    private final CudaModule module;
    private final KernelSignature signature;
    private final MemorySegment handle;

    CudaFunction(CudaModule module, KernelSignature signature, MemorySegment handle) {
        this.module = module;
        this.signature = signature;
        this.handle = handle;
    }

    public String name() {
        return signature.kernel();
    }

    public KernelSignature signature() {
        return signature;
    }

    MemorySegment handle() {
        module.checkLive();
        return handle;
    }

    /** The most threads per block this kernel can be launched with (its registers limit it). */
    public int maxThreadsPerBlock() {
        return CudaDriver.cuFuncGetAttribute(CudaDriver.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, handle());
    }

    /** Registers per thread, as the JIT allocated them. */
    public int registers() {
        return CudaDriver.cuFuncGetAttribute(CudaDriver.CU_FUNC_ATTRIBUTE_NUM_REGS, handle());
    }

    /** Local memory per thread in bytes: register spills and arrays the JIT could not keep in registers. */
    public int localBytes() {
        return CudaDriver.cuFuncGetAttribute(CudaDriver.CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES, handle());
    }

    @Override
    public String toString() {
        return "kernel " + name() + " of " + module.what();
    }
}
