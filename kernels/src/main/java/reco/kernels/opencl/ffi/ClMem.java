package reco.kernels.opencl.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A buffer object. On a device that shares memory with the host it lives in a 4096-aligned host
 * segment created with {@code CL_MEM_USE_HOST_PTR}, which the driver uses in place (zero copy); on
 * any other device it is device memory reached by explicit copies. {@link ClQueue#write} and
 * {@link ClQueue#read} hide the difference.
 *
 * <p>The host segment must outlive every command that uses the buffer: release it only after the
 * queue has finished, which is why the device, not this class, decides when to close it.
 */
public final class ClMem extends ClObject {
    private static final long HOST_ALIGNMENT = 4096; // a page: what drivers need to use host memory in place
    private static final long SIZE_GRANULE = 64;    // a cache line; also keeps int32 fills whole

    private final long byteSize;
    private final long allocatedBytes;
    private final Arena hostArena; // object scope: the host memory of a zero-copy buffer; null otherwise

    private ClMem(MemorySegment handle, long byteSize, long allocatedBytes, Arena hostArena) {
        super("OpenCL buffer of " + byteSize + " bytes", handle);
        this.byteSize = byteSize;
        this.allocatedBytes = allocatedBytes;
        this.hostArena = hostArena;
    }

    /** A zero-filled host-backed buffer, or an uninitialised device buffer when {@code hostBacked} is false. */
    static ClMem create(MemorySegment context, long bytes, boolean hostBacked) {
        long allocated = Math.max(SIZE_GRANULE, (bytes + SIZE_GRANULE - 1) / SIZE_GRANULE * SIZE_GRANULE);
        try (Arena call = Arena.ofShared()) {
            MemorySegment errcode = call.allocate(Integer.BYTES);
            if (!hostBacked) {
                MemorySegment h = OpenCl.clCreateBuffer(context, OpenCl.CL_MEM_READ_WRITE, allocated,
                        MemorySegment.NULL, errcode);
                return new ClMem(h, bytes, allocated, null);
            }
            Arena host = Arena.ofShared();
            try {
                MemorySegment memory = host.allocate(allocated, HOST_ALIGNMENT);
                MemorySegment h = OpenCl.clCreateBuffer(context, OpenCl.CL_MEM_READ_WRITE | OpenCl.CL_MEM_USE_HOST_PTR,
                        allocated, memory, errcode);
                return new ClMem(h, bytes, allocated, host);
            } catch (RuntimeException | Error e) {
                host.close();
                throw e;
            }
        }
    }

    /** The size asked for. */
    public long byteSize() {
        return byteSize;
    }

    /** The size allocated: {@link #byteSize()} rounded up to a whole cache line. */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** Whether the buffer lives in host memory the driver uses in place. */
    public boolean hostBacked() {
        return hostArena != null;
    }

    @Override
    void release(MemorySegment handle) {
        OpenCl.clReleaseMemObject(handle);
        if (hostArena != null) {
            hostArena.close(); // only after the release succeeded: a driver may still hold the memory otherwise
        }
    }
}
