package reco.kernels.opencl.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A command's event, from a profiled launch: wait for it and read how long the command ran. */
public final class ClEvent extends ClObject {

    ClEvent(MemorySegment handle) {
        super("OpenCL event", handle);
    }

    /** Waits until the command has finished. */
    public void await() {
        try (Arena call = Arena.ofShared()) {
            MemorySegment list = call.allocate(ValueLayout.ADDRESS);
            list.set(ValueLayout.ADDRESS, 0, handle());
            OpenCl.clWaitForEvents(1, list);
        }
    }

    /** Device time from the command's start to its end, in nanoseconds; waits for it first. */
    public long elapsedNanos() {
        await();
        try (Arena call = Arena.ofShared()) {
            MemorySegment t = call.allocate(ValueLayout.JAVA_LONG);
            OpenCl.clGetEventProfilingInfo(handle(), OpenCl.CL_PROFILING_COMMAND_START, Long.BYTES, t, MemorySegment.NULL);
            long start = t.get(ValueLayout.JAVA_LONG, 0);
            OpenCl.clGetEventProfilingInfo(handle(), OpenCl.CL_PROFILING_COMMAND_END, Long.BYTES, t, MemorySegment.NULL);
            return t.get(ValueLayout.JAVA_LONG, 0) - start;
        }
    }

    @Override
    void release(MemorySegment handle) {
        OpenCl.clReleaseEvent(handle);
    }
}
