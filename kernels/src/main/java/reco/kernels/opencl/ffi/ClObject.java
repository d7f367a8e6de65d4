package reco.kernels.opencl.ffi;

import java.lang.foreign.MemorySegment;

import reco.kernels.DeviceException;

/**
 * An OpenCL object this process holds a reference to. Released once ({@link #close()} is safe to call
 * twice); using it afterwards throws {@link DeviceException} before any native call can see a dangling
 * handle, which would crash the JVM.
 */
abstract sealed class ClObject implements AutoCloseable permits ClContext, ClQueue, ClMem, ClProgram, ClKernel, ClEvent {
    private final String what;
    private MemorySegment handle;

    ClObject(String what, MemorySegment handle) {
        this.what = what;
        this.handle = handle;
    }

    /** The live handle; throws when released. */
    final synchronized MemorySegment handle() {
        if (handle == null) {
            throw new DeviceException(what + " used after it was released");
        }
        return handle;
    }

    public final synchronized boolean isReleased() {
        return handle == null;
    }

    @Override
    public final synchronized void close() {
        if (handle != null) {
            MemorySegment h = handle;
            handle = null;
            release(h);
        }
    }

    /** Releases the native object (and whatever memory only it used). */
    abstract void release(MemorySegment handle);

    @Override
    public String toString() {
        return what;
    }
}
