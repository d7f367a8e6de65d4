package reco.kernels.opencl.ffi;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import reco.kernels.DeviceException;

/**
 * The binding to the OpenCL ICD loader ({@code libOpenCL.so.1}): one {@code MethodHandle} per C
 * function, each beside a wrapper named like the function that checks its status. Every handle is
 * resolved when this class initialises; a missing required symbol is an {@link UnsatisfiedLinkError}
 * then, never a null handle later. The class is touched only once OpenCL is listed or opened.
 *
 * <p>Widths follow {@code CL/cl.h}: {@code cl_int}, {@code cl_uint}, {@code cl_bool} and every
 * {@code *_info} enum are 32-bit; {@code cl_bitfield} types ({@code cl_mem_flags},
 * {@code cl_device_type}, {@code cl_map_flags}, {@code cl_command_queue_properties}) are 64-bit;
 * {@code size_t} comes from the native linker. Handles are pointers.
 */
final class OpenCl {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final AddressLayout PTR = ValueLayout.ADDRESS;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;     // cl_int, cl_uint, cl_bool, *_info
    private static final ValueLayout.OfLong BITS = ValueLayout.JAVA_LONG;  // cl_bitfield (64-bit)
    /** {@code size_t}; the binding requires it to be 64-bit, which the wrappers' {@code long}s assume. */
    static final ValueLayout SIZE_T = sizeT();

    // Constants from CL/cl.h, named as there.
    static final int CL_PLATFORM_NAME = 0x0902;
    static final long CL_DEVICE_TYPE_CPU = 1L << 1;
    static final long CL_DEVICE_TYPE_GPU = 1L << 2;
    static final long CL_DEVICE_TYPE_ALL = 0xFFFFFFFFL;
    static final int CL_DEVICE_TYPE = 0x1000;
    static final int CL_DEVICE_MAX_COMPUTE_UNITS = 0x1002;
    static final int CL_DEVICE_MAX_WORK_GROUP_SIZE = 0x1004;
    static final int CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT = 0x100A;
    static final int CL_DEVICE_MAX_CLOCK_FREQUENCY = 0x100C;
    static final int CL_DEVICE_MAX_MEM_ALLOC_SIZE = 0x1010;
    static final int CL_DEVICE_GLOBAL_MEM_SIZE = 0x101F;
    static final int CL_DEVICE_LOCAL_MEM_SIZE = 0x1023;
    static final int CL_DEVICE_NAME = 0x102B;
    static final int CL_DEVICE_VENDOR = 0x102C;
    static final int CL_DRIVER_VERSION = 0x102D;
    static final int CL_DEVICE_VERSION = 0x102F;
    static final int CL_DEVICE_HOST_UNIFIED_MEMORY = 0x1035;
    static final int CL_DEVICE_OPENCL_C_VERSION = 0x103D;
    static final long CL_QUEUE_PROFILING_ENABLE = 1L << 1;
    static final long CL_QUEUE_PROPERTIES = 0x1093;
    static final long CL_MEM_READ_WRITE = 1L;
    static final long CL_MEM_USE_HOST_PTR = 1L << 3;
    static final long CL_MAP_READ = 1L;
    static final long CL_MAP_WRITE_INVALIDATE_REGION = 1L << 2;
    static final int CL_PROGRAM_BUILD_LOG = 0x1183;
    static final int CL_KERNEL_WORK_GROUP_SIZE = 0x11B0;
    static final int CL_PROFILING_COMMAND_START = 0x1282;
    static final int CL_PROFILING_COMMAND_END = 0x1283;
    static final int CL_TRUE = 1;

    private static final MethodHandle CL_GET_PLATFORM_IDS = bind("clGetPlatformIDs", INT, INT, PTR, PTR);
    private static final MethodHandle CL_GET_PLATFORM_INFO = bind("clGetPlatformInfo", INT, PTR, INT, SIZE_T, PTR, PTR);
    private static final MethodHandle CL_GET_DEVICE_IDS = bind("clGetDeviceIDs", INT, PTR, BITS, INT, PTR, PTR);
    private static final MethodHandle CL_GET_DEVICE_INFO = bind("clGetDeviceInfo", INT, PTR, INT, SIZE_T, PTR, PTR);
    private static final MethodHandle CL_CREATE_CONTEXT = bind("clCreateContext", PTR, PTR, INT, PTR, PTR, PTR, PTR);
    private static final MethodHandle CL_RELEASE_CONTEXT = bind("clReleaseContext", INT, PTR);
    /** OpenCL 2.0+; the loader may predate it, so it is optional and {@link #CL_CREATE_COMMAND_QUEUE} stands in. */
    private static final MethodHandle CL_CREATE_COMMAND_QUEUE_WITH_PROPERTIES =
            bindOptional("clCreateCommandQueueWithProperties", PTR, PTR, PTR, PTR, PTR);
    private static final MethodHandle CL_CREATE_COMMAND_QUEUE = bind("clCreateCommandQueue", PTR, PTR, PTR, BITS, PTR);
    private static final MethodHandle CL_RELEASE_COMMAND_QUEUE = bind("clReleaseCommandQueue", INT, PTR);
    private static final MethodHandle CL_FLUSH = bind("clFlush", INT, PTR);
    private static final MethodHandle CL_FINISH = bind("clFinish", INT, PTR);
    private static final MethodHandle CL_CREATE_BUFFER = bind("clCreateBuffer", PTR, PTR, BITS, SIZE_T, PTR, PTR);
    private static final MethodHandle CL_RELEASE_MEM_OBJECT = bind("clReleaseMemObject", INT, PTR);
    private static final MethodHandle CL_ENQUEUE_WRITE_BUFFER =
            bind("clEnqueueWriteBuffer", INT, PTR, PTR, INT, SIZE_T, SIZE_T, PTR, INT, PTR, PTR);
    private static final MethodHandle CL_ENQUEUE_READ_BUFFER =
            bind("clEnqueueReadBuffer", INT, PTR, PTR, INT, SIZE_T, SIZE_T, PTR, INT, PTR, PTR);
    private static final MethodHandle CL_ENQUEUE_FILL_BUFFER =
            bind("clEnqueueFillBuffer", INT, PTR, PTR, PTR, SIZE_T, SIZE_T, SIZE_T, INT, PTR, PTR);
    private static final MethodHandle CL_ENQUEUE_MAP_BUFFER =
            bind("clEnqueueMapBuffer", PTR, PTR, PTR, INT, BITS, SIZE_T, SIZE_T, INT, PTR, PTR, PTR);
    private static final MethodHandle CL_ENQUEUE_UNMAP_MEM_OBJECT =
            bind("clEnqueueUnmapMemObject", INT, PTR, PTR, PTR, INT, PTR, PTR);
    private static final MethodHandle CL_CREATE_PROGRAM_WITH_SOURCE =
            bind("clCreateProgramWithSource", PTR, PTR, INT, PTR, PTR, PTR);
    private static final MethodHandle CL_BUILD_PROGRAM = bind("clBuildProgram", INT, PTR, INT, PTR, PTR, PTR, PTR);
    private static final MethodHandle CL_GET_PROGRAM_BUILD_INFO =
            bind("clGetProgramBuildInfo", INT, PTR, PTR, INT, SIZE_T, PTR, PTR);
    private static final MethodHandle CL_RELEASE_PROGRAM = bind("clReleaseProgram", INT, PTR);
    private static final MethodHandle CL_CREATE_KERNEL = bind("clCreateKernel", PTR, PTR, PTR, PTR);
    private static final MethodHandle CL_SET_KERNEL_ARG = bind("clSetKernelArg", INT, PTR, INT, SIZE_T, PTR);
    private static final MethodHandle CL_GET_KERNEL_WORK_GROUP_INFO =
            bind("clGetKernelWorkGroupInfo", INT, PTR, PTR, INT, SIZE_T, PTR, PTR);
    private static final MethodHandle CL_RELEASE_KERNEL = bind("clReleaseKernel", INT, PTR);
    private static final MethodHandle CL_ENQUEUE_ND_RANGE_KERNEL =
            bind("clEnqueueNDRangeKernel", INT, PTR, PTR, INT, PTR, PTR, PTR, INT, PTR, PTR);
    private static final MethodHandle CL_WAIT_FOR_EVENTS = bind("clWaitForEvents", INT, INT, PTR);
    private static final MethodHandle CL_GET_EVENT_PROFILING_INFO =
            bind("clGetEventProfilingInfo", INT, PTR, INT, SIZE_T, PTR, PTR);
    private static final MethodHandle CL_RELEASE_EVENT = bind("clReleaseEvent", INT, PTR);

    /** The context's error callback; process scope, since a context may report until it is released. */
    static final MemorySegment CONTEXT_NOTIFY = LINKER.upcallStub(
            findStatic("contextNotify", MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class,
                    long.class, MemorySegment.class)),
            FunctionDescriptor.ofVoid(PTR, PTR, SIZE_T, PTR), Arena.global());

    private static final System.Logger LOG = System.getLogger("reco.kernels.opencl");

    private OpenCl() {
    }

    static int clGetPlatformIDs(int entries, MemorySegment platforms, MemorySegment count) {
        try {
            return (int) CL_GET_PLATFORM_IDS.invokeExact(entries, platforms, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clGetPlatformInfo(MemorySegment platform, int param, long size, MemorySegment value, MemorySegment sizeRet) {
        try {
            ClStatus.check((int) CL_GET_PLATFORM_INFO.invokeExact(platform, param, size, value, sizeRet), "clGetPlatformInfo");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clGetDeviceIDs(MemorySegment platform, long type, int entries, MemorySegment devices, MemorySegment count) {
        try {
            ClStatus.check((int) CL_GET_DEVICE_IDS.invokeExact(platform, type, entries, devices, count), "clGetDeviceIDs");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clGetDeviceInfo(MemorySegment device, int param, long size, MemorySegment value, MemorySegment sizeRet) {
        try {
            ClStatus.check((int) CL_GET_DEVICE_INFO.invokeExact(device, param, size, value, sizeRet), "clGetDeviceInfo");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static MemorySegment clCreateContext(MemorySegment devices, int count, MemorySegment errcode) {
        try {
            MemorySegment h = (MemorySegment) CL_CREATE_CONTEXT.invokeExact(MemorySegment.NULL, count, devices,
                    CONTEXT_NOTIFY, MemorySegment.NULL, errcode);
            return created(h, errcode, "clCreateContext");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clReleaseContext(MemorySegment context) {
        release(CL_RELEASE_CONTEXT, context, "clReleaseContext");
    }

    static boolean hasCreateCommandQueueWithProperties() {
        return CL_CREATE_COMMAND_QUEUE_WITH_PROPERTIES != null;
    }

    static MemorySegment clCreateCommandQueueWithProperties(MemorySegment context, MemorySegment device,
                                                            MemorySegment properties, MemorySegment errcode) {
        try {
            MemorySegment h = (MemorySegment) CL_CREATE_COMMAND_QUEUE_WITH_PROPERTIES.invokeExact(context, device,
                    properties, errcode);
            return created(h, errcode, "clCreateCommandQueueWithProperties");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static MemorySegment clCreateCommandQueue(MemorySegment context, MemorySegment device, long properties,
                                              MemorySegment errcode) {
        try {
            MemorySegment h = (MemorySegment) CL_CREATE_COMMAND_QUEUE.invokeExact(context, device, properties, errcode);
            return created(h, errcode, "clCreateCommandQueue");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clReleaseCommandQueue(MemorySegment queue) {
        release(CL_RELEASE_COMMAND_QUEUE, queue, "clReleaseCommandQueue");
    }

    static void clFlush(MemorySegment queue) {
        release(CL_FLUSH, queue, "clFlush");
    }

    static void clFinish(MemorySegment queue) {
        release(CL_FINISH, queue, "clFinish");
    }

    static MemorySegment clCreateBuffer(MemorySegment context, long flags, long size, MemorySegment hostPtr,
                                        MemorySegment errcode) {
        try {
            MemorySegment h = (MemorySegment) CL_CREATE_BUFFER.invokeExact(context, flags, size, hostPtr, errcode);
            return created(h, errcode, "clCreateBuffer");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clReleaseMemObject(MemorySegment mem) {
        release(CL_RELEASE_MEM_OBJECT, mem, "clReleaseMemObject");
    }

    static void clEnqueueWriteBuffer(MemorySegment queue, MemorySegment mem, long offset, long size, MemorySegment src) {
        try {
            ClStatus.check((int) CL_ENQUEUE_WRITE_BUFFER.invokeExact(queue, mem, CL_TRUE, offset, size, src, 0,
                    MemorySegment.NULL, MemorySegment.NULL), "clEnqueueWriteBuffer");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clEnqueueReadBuffer(MemorySegment queue, MemorySegment mem, long offset, long size, MemorySegment dst) {
        try {
            ClStatus.check((int) CL_ENQUEUE_READ_BUFFER.invokeExact(queue, mem, CL_TRUE, offset, size, dst, 0,
                    MemorySegment.NULL, MemorySegment.NULL), "clEnqueueReadBuffer");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clEnqueueFillBuffer(MemorySegment queue, MemorySegment mem, MemorySegment pattern, long patternSize,
                                    long offset, long size) {
        try {
            ClStatus.check((int) CL_ENQUEUE_FILL_BUFFER.invokeExact(queue, mem, pattern, patternSize, offset, size, 0,
                    MemorySegment.NULL, MemorySegment.NULL), "clEnqueueFillBuffer");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Blocking map; the returned pointer has the mapped size. */
    static MemorySegment clEnqueueMapBuffer(MemorySegment queue, MemorySegment mem, long flags, long offset, long size,
                                            MemorySegment errcode) {
        try {
            MemorySegment p = (MemorySegment) CL_ENQUEUE_MAP_BUFFER.invokeExact(queue, mem, CL_TRUE, flags, offset, size,
                    0, MemorySegment.NULL, MemorySegment.NULL, errcode);
            return created(p, errcode, "clEnqueueMapBuffer").reinterpret(size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clEnqueueUnmapMemObject(MemorySegment queue, MemorySegment mem, MemorySegment mapped) {
        try {
            ClStatus.check((int) CL_ENQUEUE_UNMAP_MEM_OBJECT.invokeExact(queue, mem, mapped, 0, MemorySegment.NULL,
                    MemorySegment.NULL), "clEnqueueUnmapMemObject");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static MemorySegment clCreateProgramWithSource(MemorySegment context, int count, MemorySegment strings,
                                                   MemorySegment lengths, MemorySegment errcode) {
        try {
            MemorySegment h = (MemorySegment) CL_CREATE_PROGRAM_WITH_SOURCE.invokeExact(context, count, strings, lengths,
                    errcode);
            return created(h, errcode, "clCreateProgramWithSource");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clBuildProgram(MemorySegment program, MemorySegment device, MemorySegment options) {
        try {
            ClStatus.check((int) CL_BUILD_PROGRAM.invokeExact(program, 1, device, options, MemorySegment.NULL,
                    MemorySegment.NULL), "clBuildProgram");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clGetProgramBuildInfo(MemorySegment program, MemorySegment device, int param, long size,
                                      MemorySegment value, MemorySegment sizeRet) {
        try {
            ClStatus.check((int) CL_GET_PROGRAM_BUILD_INFO.invokeExact(program, device, param, size, value, sizeRet),
                    "clGetProgramBuildInfo");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clReleaseProgram(MemorySegment program) {
        release(CL_RELEASE_PROGRAM, program, "clReleaseProgram");
    }

    static MemorySegment clCreateKernel(MemorySegment program, MemorySegment name, MemorySegment errcode) {
        try {
            MemorySegment h = (MemorySegment) CL_CREATE_KERNEL.invokeExact(program, name, errcode);
            return created(h, errcode, "clCreateKernel");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clSetKernelArg(MemorySegment kernel, int index, long size, MemorySegment value) {
        try {
            ClStatus.check((int) CL_SET_KERNEL_ARG.invokeExact(kernel, index, size, value), "clSetKernelArg");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clGetKernelWorkGroupInfo(MemorySegment kernel, MemorySegment device, int param, long size,
                                         MemorySegment value, MemorySegment sizeRet) {
        try {
            ClStatus.check((int) CL_GET_KERNEL_WORK_GROUP_INFO.invokeExact(kernel, device, param, size, value, sizeRet),
                    "clGetKernelWorkGroupInfo");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clReleaseKernel(MemorySegment kernel) {
        release(CL_RELEASE_KERNEL, kernel, "clReleaseKernel");
    }

    /** One-dimensional launch; {@code event} is a pointer slot for the event, or NULL for none. */
    static void clEnqueueNDRangeKernel(MemorySegment queue, MemorySegment kernel, MemorySegment globalSize,
                                       MemorySegment localSize, MemorySegment event) {
        try {
            ClStatus.check((int) CL_ENQUEUE_ND_RANGE_KERNEL.invokeExact(queue, kernel, 1, MemorySegment.NULL, globalSize,
                    localSize, 0, MemorySegment.NULL, event), "clEnqueueNDRangeKernel");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clWaitForEvents(int count, MemorySegment events) {
        try {
            ClStatus.check((int) CL_WAIT_FOR_EVENTS.invokeExact(count, events), "clWaitForEvents");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clGetEventProfilingInfo(MemorySegment event, int param, long size, MemorySegment value,
                                        MemorySegment sizeRet) {
        try {
            ClStatus.check((int) CL_GET_EVENT_PROFILING_INFO.invokeExact(event, param, size, value, sizeRet),
                    "clGetEventProfilingInfo");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void clReleaseEvent(MemorySegment event) {
        release(CL_RELEASE_EVENT, event, "clReleaseEvent");
    }

    /** Every {@code cl_int f(handle)} function: release, flush, finish. */
    private static void release(MethodHandle function, MemorySegment handle, String name) {
        try {
            ClStatus.check((int) function.invokeExact(handle), name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A create function's result: both the handle and {@code errcode_ret} must say it worked. */
    private static MemorySegment created(MemorySegment handle, MemorySegment errcode, String function) {
        ClStatus.check(errcode.get(INT, 0), function);
        if (handle.address() == 0) {
            throw new DeviceException(function + " returned no handle and no error status");
        }
        return handle;
    }

    /** Logs what a driver reports asynchronously; an upcall must never throw, so this catches everything. */
    private static void contextNotify(MemorySegment errinfo, MemorySegment privateInfo, long size, MemorySegment user) {
        try {
            LOG.log(System.Logger.Level.WARNING, "OpenCL driver reports: " + errinfo.reinterpret(4096).getString(0));
        } catch (Throwable t) {
            // Nothing may escape an upcall: the JVM would abort.
        }
    }

    private static MethodHandle bind(String name, MemoryLayout result, MemoryLayout... args) {
        MemorySegment symbol = ClLibrary.lookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError(ClLibrary.NAME + " has no symbol " + name));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args));
    }

    private static MethodHandle bindOptional(String name, MemoryLayout result, MemoryLayout... args) {
        return ClLibrary.lookup().find(name)
                .map(symbol -> LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args)))
                .orElse(null);
    }

    private static MethodHandle findStatic(String name, MethodType type) {
        try {
            return MethodHandles.lookup().findStatic(OpenCl.class, name, type);
        } catch (ReflectiveOperationException e) {
            throw new LinkageError("OpenCL callback " + name + " not found", e);
        }
    }

    private static ValueLayout sizeT() {
        ValueLayout layout = (ValueLayout) LINKER.canonicalLayouts().get("size_t");
        if (layout.carrier() != long.class) {
            throw new LinkageError("the OpenCL binding needs a 64-bit size_t, this platform has " + layout);
        }
        return layout;
    }

    /** A downcall declares {@code Throwable}; only our own status exceptions and errors can really come out. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new DeviceException("OpenCL downcall failed unexpectedly: " + t, t);
    }
}
