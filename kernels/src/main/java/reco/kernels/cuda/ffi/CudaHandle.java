package reco.kernels.cuda.ffi;

import reco.kernels.DeviceException;

/**
 * A driver object this process owns. Released once ({@link #close()} is safe to call twice); using it
 * afterwards throws {@link DeviceException} before any native call can see a dangling handle, which
 * would crash the JVM or corrupt the context.
 */
abstract sealed class CudaHandle implements AutoCloseable permits CudaContext, CudaStream, CudaBuffer, CudaModule,
        CudaEvent {
    private final String what;
    private boolean released;

    CudaHandle(String what) {
        this.what = what;
    }

    /** Throws when released; every accessor of the native handle calls this first. */
    final synchronized void checkLive() {
        if (released) {
            throw new DeviceException(what + " used after it was released");
        }
    }

    public final synchronized boolean isReleased() {
        return released;
    }

    @Override
    public final synchronized void close() {
        if (!released) {
            released = true;
            release();
        }
    }

    /** Releases the native object. */
    abstract void release();

    @Override
    public String toString() {
        return what;
    }
}
