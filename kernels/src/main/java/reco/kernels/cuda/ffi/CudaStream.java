package reco.kernels.cuda.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An in-order stream. Launches and fills are enqueued without waiting, so that a train call's
 * batches run back to back; {@link #write} and {@link #read} wait, since they copy through caller
 * memory whose lifetime the stream cannot know.
 */
public final class CudaStream extends CudaHandle {
    private final CudaContext context;
    private final MemorySegment handle;

    CudaStream(CudaContext context, MemorySegment handle) {
        super("CUDA stream");
        this.context = context;
        this.handle = handle;
    }

    /** Copies {@code src} into {@code dst} at byte {@code offset}; returns when {@code src} may be reused. */
    public void write(CudaBuffer dst, long offset, MemorySegment src) {
        long size = src.byteSize();
        if (size == 0) {
            return;
        }
        if (src.isNative()) {
            CudaDriver.cuMemcpyHtoDAsync(dst.pointer() + offset, src, size, handle());
            synchronize();
            return;
        }
        try (Arena call = Arena.ofConfined()) { // a heap array cannot be handed to the driver: stage it
            MemorySegment staged = call.allocate(size, 64);
            MemorySegment.copy(src, 0, staged, 0, size);
            CudaDriver.cuMemcpyHtoDAsync(dst.pointer() + offset, staged, size, handle());
            synchronize();
        }
    }

    /** Copies {@code dst.byteSize()} bytes of {@code src} from byte {@code offset}; waits for all work before. */
    public void read(CudaBuffer src, long offset, MemorySegment dst) {
        long size = dst.byteSize();
        if (size == 0) {
            synchronize();
            return;
        }
        if (dst.isNative()) {
            CudaDriver.cuMemcpyDtoHAsync(dst, src.pointer() + offset, size, handle());
            synchronize();
            return;
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment staged = call.allocate(size, 64);
            CudaDriver.cuMemcpyDtoHAsync(staged, src.pointer() + offset, size, handle());
            synchronize();
            MemorySegment.copy(staged, 0, dst, 0, size);
        }
    }

    /** Enqueues filling {@code bytes} bytes from {@code offset} (both multiples of 4) with the int32 {@code pattern}. */
    public void fill(CudaBuffer dst, int pattern, long offset, long bytes) {
        if (offset % 4 != 0 || bytes % 4 != 0) {
            throw new IllegalArgumentException("a fill covers whole int32s: offset " + offset + ", " + bytes + " bytes");
        }
        if (bytes > 0) {
            CudaDriver.cuMemsetD32Async(dst.pointer() + offset, pattern, bytes / 4, handle());
        }
    }

    /**
     * Enqueues a one-dimensional launch of {@code global} threads in blocks of {@code block};
     * {@code global} must be a multiple of {@code block}; 0 launches nothing.
     */
    public void launch(CudaFunction function, CudaArgs args, long global, int block) {
        if (global == 0) {
            return;
        }
        if (block < 1 || global % block != 0 || global / block > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot launch " + global + " threads in blocks of " + block);
        }
        CudaDriver.cuLaunchKernel(function.handle(), (int) (global / block), block, handle(),
                args.kernelParams(function.signature()), function.name());
    }

    /** Enqueues {@code event}: it completes when the work enqueued before it has. */
    public void record(CudaEvent event) {
        CudaDriver.cuEventRecord(event.handle(), handle());
    }

    /** Waits until every enqueued command has finished; a kernel's failure is reported here. */
    public void synchronize() {
        CudaDriver.cuStreamSynchronize(handle());
    }

    private MemorySegment handle() {
        checkLive();
        return handle;
    }

    @Override
    void release() {
        context.makeCurrent();
        CudaDriver.cuStreamDestroy(handle);
    }
}
