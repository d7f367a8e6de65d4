package reco.kernels.cuda.ffi;

import java.lang.foreign.MemorySegment;

/** A point in a stream's work, for timing on the device's own clock ({@link CudaStream#record}). */
public final class CudaEvent extends CudaHandle {
    private final CudaContext context;
    private final MemorySegment handle;

    CudaEvent(CudaContext context, MemorySegment handle) {
        super("CUDA event");
        this.context = context;
        this.handle = handle;
    }

    MemorySegment handle() {
        checkLive();
        return handle;
    }

    /** Waits until the work recorded before this event has finished. */
    public void synchronize() {
        CudaDriver.cuEventSynchronize(handle());
    }

    /** Device milliseconds from {@code start} to this event; waits for this one first. */
    public float millisSince(CudaEvent start) {
        synchronize();
        return CudaDriver.cuEventElapsedTime(start.handle(), handle());
    }

    @Override
    void release() {
        context.makeCurrent();
        CudaDriver.cuEventDestroy(handle);
    }
}
