package reco.kernels.opencl.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * A context on one device: makes its queue, buffers and programs. Driver errors reported outside any
 * call go to a callback that logs them (an upcall must never throw).
 */
public final class ClContext extends ClObject {
    private final ClDevice device;

    private ClContext(ClDevice device, MemorySegment handle) {
        super("OpenCL context on " + device.name(), handle);
        this.device = device;
    }

    public static ClContext create(ClDevice device) {
        try (Arena call = Arena.ofShared()) {
            MemorySegment ids = call.allocate(ValueLayout.ADDRESS);
            ids.set(ValueLayout.ADDRESS, 0, device.id());
            return new ClContext(device, OpenCl.clCreateContext(ids, 1, call.allocate(Integer.BYTES)));
        }
    }

    public ClDevice device() {
        return device;
    }

    /** An in-order queue; with {@code profiling}, launches can be timed. */
    public ClQueue createQueue(boolean profiling) {
        long properties = profiling ? OpenCl.CL_QUEUE_PROFILING_ENABLE : 0;
        try (Arena call = Arena.ofShared()) {
            MemorySegment errcode = call.allocate(Integer.BYTES);
            if (OpenCl.hasCreateCommandQueueWithProperties() && device.versionMajor() >= 2) {
                // A zero-terminated list of (cl_queue_properties name, value) pairs, each 64-bit.
                MemorySegment list = call.allocateFrom(ValueLayout.JAVA_LONG, OpenCl.CL_QUEUE_PROPERTIES, properties, 0L);
                return new ClQueue(OpenCl.clCreateCommandQueueWithProperties(handle(), device.id(), list, errcode));
            }
            return new ClQueue(OpenCl.clCreateCommandQueue(handle(), device.id(), properties, errcode));
        }
    }

    /**
     * A buffer of {@code bytes} bytes: host-backed and zero-filled when {@code hostBacked}, else device
     * memory with undefined contents (fill it through the queue).
     */
    public ClMem createBuffer(long bytes, boolean hostBacked) {
        return ClMem.create(handle(), bytes, hostBacked);
    }

    /**
     * Compiles {@code sources} (concatenated in order, as {@code clCreateProgramWithSource} does) with
     * {@code options}; a failed build throws {@link OpenClException} carrying the whole build log.
     *
     * @param what names the program in messages
     */
    public ClProgram buildProgram(String what, List<String> sources, String options) {
        try (Arena call = Arena.ofShared()) {
            MemorySegment strings = call.allocate(ValueLayout.ADDRESS, sources.size());
            MemorySegment lengths = call.allocate(OpenCl.SIZE_T, sources.size());
            for (int s = 0; s < sources.size(); s++) {
                MemorySegment text = call.allocateFrom(sources.get(s));
                strings.setAtIndex(ValueLayout.ADDRESS, s, text);
                lengths.setAtIndex(ValueLayout.JAVA_LONG, s, text.byteSize() - 1); // without the NUL
            }
            ClProgram program = new ClProgram(what, OpenCl.clCreateProgramWithSource(handle(), sources.size(), strings,
                    lengths, call.allocate(Integer.BYTES)));
            MemorySegment ids = call.allocate(ValueLayout.ADDRESS);
            ids.set(ValueLayout.ADDRESS, 0, device.id());
            try {
                OpenCl.clBuildProgram(program.handle(), ids, call.allocateFrom(options));
            } catch (OpenClException e) {
                String log = buildLog(program, call);
                program.close();
                throw new OpenClException("clBuildProgram", e.status(), "program " + what + " with options '"
                        + options + "'", log);
            }
            return program;
        }
    }

    private String buildLog(ClProgram program, Arena call) {
        MemorySegment size = call.allocate(OpenCl.SIZE_T);
        OpenCl.clGetProgramBuildInfo(program.handle(), device.id(), OpenCl.CL_PROGRAM_BUILD_LOG, 0, MemorySegment.NULL,
                size);
        long n = size.get(ValueLayout.JAVA_LONG, 0);
        MemorySegment log = call.allocate(Math.max(n, 1));
        OpenCl.clGetProgramBuildInfo(program.handle(), device.id(), OpenCl.CL_PROGRAM_BUILD_LOG, n, log,
                MemorySegment.NULL);
        return log.getString(0).strip();
    }

    @Override
    void release(MemorySegment handle) {
        OpenCl.clReleaseContext(handle);
    }
}
