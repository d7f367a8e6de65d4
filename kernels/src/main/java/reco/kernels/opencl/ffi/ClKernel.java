package reco.kernels.opencl.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A kernel with its arguments. {@code clSetKernelArg} copies the value at once and a launch captures
 * the arguments when it is enqueued, so one kernel object serves launch after launch, with only the
 * arguments that change set again in between.
 */
public final class ClKernel extends ClObject {
    private final String name;
    private final Arena arena;          // object scope: the argument slot below, reused by every call
    private final MemorySegment value;  // one argument's bytes on their way to clSetKernelArg

    ClKernel(String name, MemorySegment handle) {
        super("OpenCL kernel " + name, handle);
        this.name = name;
        this.arena = Arena.ofShared();
        this.value = arena.allocate(Long.BYTES, Long.BYTES);
    }

    public String name() {
        return name;
    }

    /** A buffer argument; null passes a NULL pointer, which the kernel must not dereference. */
    public ClKernel set(int index, ClMem buffer) {
        // For a buffer, clSetKernelArg takes a pointer to the cl_mem handle, not the handle.
        value.set(ValueLayout.ADDRESS, 0, buffer == null ? MemorySegment.NULL : buffer.handle());
        OpenCl.clSetKernelArg(handle(), index, ValueLayout.ADDRESS.byteSize(), value);
        return this;
    }

    /** An {@code int} argument. */
    public ClKernel set(int index, int v) {
        value.set(ValueLayout.JAVA_INT, 0, v);
        OpenCl.clSetKernelArg(handle(), index, Integer.BYTES, value);
        return this;
    }

    /** A {@code long} argument. */
    public ClKernel set(int index, long v) {
        value.set(ValueLayout.JAVA_LONG, 0, v);
        OpenCl.clSetKernelArg(handle(), index, Long.BYTES, value);
        return this;
    }

    /** A {@code float} argument. */
    public ClKernel set(int index, float v) {
        value.set(ValueLayout.JAVA_FLOAT, 0, v);
        OpenCl.clSetKernelArg(handle(), index, Float.BYTES, value);
        return this;
    }

    /** The largest work-group this kernel can run with on {@code device}. */
    public long maxWorkGroupSize(ClDevice device) {
        value.set(ValueLayout.JAVA_LONG, 0, 0);
        OpenCl.clGetKernelWorkGroupInfo(handle(), device.id(), OpenCl.CL_KERNEL_WORK_GROUP_SIZE, Long.BYTES, value,
                MemorySegment.NULL);
        return value.get(ValueLayout.JAVA_LONG, 0);
    }

    @Override
    void release(MemorySegment handle) {
        OpenCl.clReleaseKernel(handle);
        arena.close();
    }
}
