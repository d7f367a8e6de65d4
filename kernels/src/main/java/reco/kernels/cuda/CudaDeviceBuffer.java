package reco.kernels.cuda;

import reco.kernels.DeviceBuffer;
import reco.kernels.DeviceException;
import reco.kernels.cuda.ffi.CudaBuffer;

/** A buffer of a {@link CudaDevice}: the device's memory, checked on every use. */
final class CudaDeviceBuffer implements DeviceBuffer {
    private final CudaDevice owner;
    private final CudaBuffer memory;

    CudaDeviceBuffer(CudaDevice owner, CudaBuffer memory) {
        this.owner = owner;
        this.memory = memory;
    }

    /** The memory, checked to be alive and to belong to {@code device}. */
    CudaBuffer memory(CudaDevice device) {
        if (device != owner) {
            throw new DeviceException("buffer belongs to another device (" + owner.info().spec() + ")");
        }
        if (memory.isReleased()) {
            throw new DeviceException("CUDA buffer of " + memory.byteSize() + " bytes used after close");
        }
        return memory;
    }

    /** Frees the memory; the device has synchronised its stream first. */
    void release() {
        memory.close();
    }

    @Override
    public long byteSize() {
        return memory.byteSize();
    }

    @Override
    public boolean isClosed() {
        return memory.isReleased();
    }

    @Override
    public void close() {
        owner.release(this);
    }
}
