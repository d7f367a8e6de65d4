package reco.kernels.opencl;

import reco.kernels.DeviceBuffer;
import reco.kernels.DeviceException;
import reco.kernels.opencl.ffi.ClMem;

/** A buffer of an {@link OpenClDevice}: the device's memory object, checked on every use. */
final class OpenClBuffer implements DeviceBuffer {
    private final OpenClDevice owner;
    private final ClMem mem;

    OpenClBuffer(OpenClDevice owner, ClMem mem) {
        this.owner = owner;
        this.mem = mem;
    }

    /** The memory object, checked to be alive and to belong to {@code device}. */
    ClMem mem(OpenClDevice device) {
        if (device != owner) {
            throw new DeviceException("buffer belongs to another device (" + owner.info().spec() + ")");
        }
        if (mem.isReleased()) {
            throw new DeviceException("OpenCL buffer of " + mem.byteSize() + " bytes used after close");
        }
        return mem;
    }

    /** Releases the memory object; the device has finished its queue first. */
    void release() {
        mem.close();
    }

    @Override
    public long byteSize() {
        return mem.byteSize();
    }

    @Override
    public boolean isClosed() {
        return mem.isReleased();
    }

    @Override
    public void close() {
        owner.release(this);
    }
}
