package reco.kernels.cuda.ffi;

/**
 * Device memory from {@code cuMemAlloc_v2}. The size is rounded up to a whole 64-byte granule, so
 * that every buffer, even an empty one, is a real allocation and int32 fills cover it whole.
 * Freeing does not wait for work that may still use the memory: the owner synchronises its stream
 * first.
 */
public final class CudaBuffer extends CudaHandle {
    private static final long SIZE_GRANULE = 64;

    private final CudaContext context;
    private final long pointer; // CUdeviceptr
    private final long byteSize;
    private final long allocatedBytes;

    private CudaBuffer(CudaContext context, long pointer, long byteSize, long allocatedBytes) {
        super("CUDA buffer of " + byteSize + " bytes");
        this.context = context;
        this.pointer = pointer;
        this.byteSize = byteSize;
        this.allocatedBytes = allocatedBytes;
    }

    static CudaBuffer allocate(CudaContext context, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative buffer size " + bytes);
        }
        long allocated = Math.max(SIZE_GRANULE, (bytes + SIZE_GRANULE - 1) / SIZE_GRANULE * SIZE_GRANULE);
        return new CudaBuffer(context, CudaDriver.cuMemAlloc(allocated), bytes, allocated);
    }

    /** The device address, checked to be live. */
    long pointer() {
        checkLive();
        return pointer;
    }

    /** The size asked for. */
    public long byteSize() {
        return byteSize;
    }

    /** The size allocated: {@link #byteSize()} rounded up to a whole granule. */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    @Override
    void release() {
        context.makeCurrent();
        CudaDriver.cuMemFree(pointer);
    }
}
