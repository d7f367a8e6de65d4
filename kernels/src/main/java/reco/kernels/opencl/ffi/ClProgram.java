package reco.kernels.opencl.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A program built for one device; its kernels are released before it. */
public final class ClProgram extends ClObject {

    ClProgram(String what, MemorySegment handle) {
        super("OpenCL program " + what, handle);
    }

    /** A new kernel object for the kernel function {@code name}. */
    public ClKernel kernel(String name) {
        try (Arena call = Arena.ofShared()) {
            MemorySegment h = OpenCl.clCreateKernel(handle(), call.allocateFrom(name), call.allocate(Integer.BYTES));
            return new ClKernel(name, h);
        }
    }

    @Override
    void release(MemorySegment handle) {
        OpenCl.clReleaseProgram(handle);
    }
}
