package reco.kernels.cuda.ffi;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import reco.kernels.DeviceException;

/**
 * The binding to the CUDA driver API ({@code libcuda.so.1}): one {@code MethodHandle} per C function,
 * each beside a wrapper named like the function that checks its {@code CUresult}. Every handle is
 * resolved when this class initialises; a missing required symbol is an {@link UnsatisfiedLinkError}
 * then, never a null handle later. The class is touched only once CUDA is listed or opened.
 *
 * <p>Symbols are the versioned ones {@code cuda.h} maps the plain names to ({@code cuMemAlloc_v2},
 * {@code cuMemcpyHtoDAsync_v2}, {@code cuStreamDestroy_v2}, ...): the unversioned exports keep the
 * old 32-bit-size ABI for binaries built before CUDA 3.2. Widths follow {@code cuda.h}:
 * {@code CUresult}, {@code CUdevice}, {@code int}, {@code unsigned int} and the attribute enums are
 * 32-bit; {@code CUdeviceptr} is {@code unsigned long long}; {@code size_t} comes from the native
 * linker; contexts, modules, functions, streams and events are pointers.
 */
final class CudaDriver {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final AddressLayout PTR = ValueLayout.ADDRESS;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;      // CUresult, CUdevice, int, unsigned int, enums
    private static final ValueLayout.OfLong DPTR = ValueLayout.JAVA_LONG;   // CUdeviceptr
    private static final ValueLayout SIZE_T = SizeT.LAYOUT;

    // Constants from cuda.h, named as there.
    static final int CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 1;
    static final int CU_DEVICE_ATTRIBUTE_WARP_SIZE = 10;
    static final int CU_DEVICE_ATTRIBUTE_CLOCK_RATE = 13;
    static final int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    static final int CU_DEVICE_ATTRIBUTE_INTEGRATED = 18;
    static final int CU_DEVICE_ATTRIBUTE_PCI_BUS_ID = 33;
    static final int CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE = 36;
    static final int CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH = 37;
    static final int CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE = 38;
    static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    static final int CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 0;
    static final int CU_FUNC_ATTRIBUTE_LOCAL_SIZE_BYTES = 3;
    static final int CU_FUNC_ATTRIBUTE_NUM_REGS = 4;
    static final int CU_JIT_ERROR_LOG_BUFFER = 5;
    static final int CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
    static final int CU_STREAM_NON_BLOCKING = 1;
    static final int CU_EVENT_DEFAULT = 0;

    private static final MethodHandle CU_INIT = bind("cuInit", INT, INT);
    private static final MethodHandle CU_DRIVER_GET_VERSION = bind("cuDriverGetVersion", INT, PTR);
    private static final MethodHandle CU_GET_ERROR_NAME = bind("cuGetErrorName", INT, INT, PTR);
    private static final MethodHandle CU_GET_ERROR_STRING = bind("cuGetErrorString", INT, INT, PTR);
    private static final MethodHandle CU_DEVICE_GET_COUNT = bind("cuDeviceGetCount", INT, PTR);
    private static final MethodHandle CU_DEVICE_GET = bind("cuDeviceGet", INT, PTR, INT);
    private static final MethodHandle CU_DEVICE_GET_NAME = bind("cuDeviceGetName", INT, PTR, INT, INT);
    private static final MethodHandle CU_DEVICE_GET_ATTRIBUTE = bind("cuDeviceGetAttribute", INT, PTR, INT, INT);
    private static final MethodHandle CU_DEVICE_TOTAL_MEM = bind("cuDeviceTotalMem_v2", INT, PTR, INT);
    private static final MethodHandle CU_DEVICE_PRIMARY_CTX_RETAIN = bind("cuDevicePrimaryCtxRetain", INT, PTR, INT);
    private static final MethodHandle CU_DEVICE_PRIMARY_CTX_RELEASE = bind("cuDevicePrimaryCtxRelease_v2", INT, INT);
    private static final MethodHandle CU_CTX_SET_CURRENT = bind("cuCtxSetCurrent", INT, PTR);
    private static final MethodHandle CU_MODULE_LOAD_DATA_EX = bind("cuModuleLoadDataEx", INT, PTR, PTR, INT, PTR, PTR);
    private static final MethodHandle CU_MODULE_GET_FUNCTION = bind("cuModuleGetFunction", INT, PTR, PTR, PTR);
    private static final MethodHandle CU_MODULE_UNLOAD = bind("cuModuleUnload", INT, PTR);
    private static final MethodHandle CU_FUNC_GET_ATTRIBUTE = bind("cuFuncGetAttribute", INT, PTR, INT, PTR);
    private static final MethodHandle CU_MEM_ALLOC = bind("cuMemAlloc_v2", INT, PTR, SIZE_T);
    private static final MethodHandle CU_MEM_FREE = bind("cuMemFree_v2", INT, DPTR);
    private static final MethodHandle CU_MEMCPY_HTOD_ASYNC = bind("cuMemcpyHtoDAsync_v2", INT, DPTR, PTR, SIZE_T, PTR);
    private static final MethodHandle CU_MEMCPY_DTOH_ASYNC = bind("cuMemcpyDtoHAsync_v2", INT, PTR, DPTR, SIZE_T, PTR);
    private static final MethodHandle CU_MEMSET_D32_ASYNC = bind("cuMemsetD32Async", INT, DPTR, INT, SIZE_T, PTR);
    private static final MethodHandle CU_LAUNCH_KERNEL =
            bind("cuLaunchKernel", INT, PTR, INT, INT, INT, INT, INT, INT, INT, PTR, PTR, PTR);
    private static final MethodHandle CU_STREAM_CREATE = bind("cuStreamCreate", INT, PTR, INT);
    private static final MethodHandle CU_STREAM_SYNCHRONIZE = bind("cuStreamSynchronize", INT, PTR);
    private static final MethodHandle CU_STREAM_DESTROY = bind("cuStreamDestroy_v2", INT, PTR);
    private static final MethodHandle CU_EVENT_CREATE = bind("cuEventCreate", INT, PTR, INT);
    private static final MethodHandle CU_EVENT_RECORD = bind("cuEventRecord", INT, PTR, PTR);
    private static final MethodHandle CU_EVENT_SYNCHRONIZE = bind("cuEventSynchronize", INT, PTR);
    /** CUDA 12.8+ exports a _v2 (cuda.h of 13.0 maps the plain name to it); older drivers have the plain one. */
    private static final MethodHandle CU_EVENT_ELAPSED_TIME = bindFirst(new String[] {"cuEventElapsedTime_v2",
            "cuEventElapsedTime"}, INT, PTR, PTR, PTR);
    private static final MethodHandle CU_EVENT_DESTROY = bind("cuEventDestroy_v2", INT, PTR);

    private CudaDriver() {
    }

    /** Initialises the driver; returns its status instead of throwing, since a machine without a GPU answers here. */
    static int cuInit() {
        try {
            return (int) CU_INIT.invokeExact(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int cuDriverGetVersion() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment v = call.allocate(INT);
            check((int) CU_DRIVER_GET_VERSION.invokeExact(v), "cuDriverGetVersion");
            return v.get(INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int cuDeviceGetCount() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment n = call.allocate(INT);
            check((int) CU_DEVICE_GET_COUNT.invokeExact(n), "cuDeviceGetCount");
            return n.get(INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int cuDeviceGet(int ordinal) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment d = call.allocate(INT);
            check((int) CU_DEVICE_GET.invokeExact(d, ordinal), "cuDeviceGet");
            return d.get(INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String cuDeviceGetName(int device) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment name = call.allocate(256);
            check((int) CU_DEVICE_GET_NAME.invokeExact(name, 256, device), "cuDeviceGetName");
            return name.getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int cuDeviceGetAttribute(int attribute, int device) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment v = call.allocate(INT);
            check((int) CU_DEVICE_GET_ATTRIBUTE.invokeExact(v, attribute, device), "cuDeviceGetAttribute");
            return v.get(INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long cuDeviceTotalMem(int device) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment bytes = call.allocate(SIZE_T);
            check((int) CU_DEVICE_TOTAL_MEM.invokeExact(bytes, device), "cuDeviceTotalMem_v2");
            return bytes.get(ValueLayout.JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static MemorySegment cuDevicePrimaryCtxRetain(int device) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment ctx = call.allocate(PTR);
            check((int) CU_DEVICE_PRIMARY_CTX_RETAIN.invokeExact(ctx, device), "cuDevicePrimaryCtxRetain");
            return nonNull(ctx.get(PTR, 0), "cuDevicePrimaryCtxRetain");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuDevicePrimaryCtxRelease(int device) {
        try {
            check((int) CU_DEVICE_PRIMARY_CTX_RELEASE.invokeExact(device), "cuDevicePrimaryCtxRelease_v2");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuCtxSetCurrent(MemorySegment context) {
        call(CU_CTX_SET_CURRENT, context, "cuCtxSetCurrent");
    }

    /**
     * Loads a PTX image ({@code image}: NUL-terminated text); on failure the JIT's error log, written
     * into {@code log} (whose size is passed to the driver), is put in the exception.
     */
    static MemorySegment cuModuleLoadDataEx(MemorySegment image, MemorySegment log, String subject) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment module = call.allocate(PTR);
            MemorySegment options = call.allocateFrom(INT, CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
            MemorySegment values = call.allocate(PTR, 2);
            values.setAtIndex(PTR, 0, log);
            // An option's value is passed in the pointer slot itself when it is a number (cuda.h, CUjit_option).
            values.setAtIndex(PTR, 1, MemorySegment.ofAddress(log.byteSize()));
            int code = (int) CU_MODULE_LOAD_DATA_EX.invokeExact(module, image, 2, options, values);
            if (code != CudaResult.SUCCESS) {
                throw failure("cuModuleLoadDataEx", code, subject, log.getString(0).strip());
            }
            return nonNull(module.get(PTR, 0), "cuModuleLoadDataEx");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static MemorySegment cuModuleGetFunction(MemorySegment module, String name) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment function = call.allocate(PTR);
            int code = (int) CU_MODULE_GET_FUNCTION.invokeExact(function, module, call.allocateFrom(name));
            if (code != CudaResult.SUCCESS) {
                throw failure("cuModuleGetFunction", code, "kernel " + name, null);
            }
            return nonNull(function.get(PTR, 0), "cuModuleGetFunction");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuModuleUnload(MemorySegment module) {
        call(CU_MODULE_UNLOAD, module, "cuModuleUnload");
    }

    static int cuFuncGetAttribute(int attribute, MemorySegment function) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment v = call.allocate(INT);
            check((int) CU_FUNC_GET_ATTRIBUTE.invokeExact(v, attribute, function), "cuFuncGetAttribute");
            return v.get(INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long cuMemAlloc(long bytes) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment p = call.allocate(DPTR);
            int code = (int) CU_MEM_ALLOC.invokeExact(p, bytes);
            if (code != CudaResult.SUCCESS) {
                throw failure("cuMemAlloc_v2", code, bytes + " bytes", null);
            }
            return p.get(DPTR, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuMemFree(long pointer) {
        try {
            check((int) CU_MEM_FREE.invokeExact(pointer), "cuMemFree_v2");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuMemcpyHtoDAsync(long dst, MemorySegment src, long bytes, MemorySegment stream) {
        try {
            check((int) CU_MEMCPY_HTOD_ASYNC.invokeExact(dst, src, bytes, stream), "cuMemcpyHtoDAsync_v2");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuMemcpyDtoHAsync(MemorySegment dst, long src, long bytes, MemorySegment stream) {
        try {
            check((int) CU_MEMCPY_DTOH_ASYNC.invokeExact(dst, src, bytes, stream), "cuMemcpyDtoHAsync_v2");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuMemsetD32Async(long dst, int value, long count, MemorySegment stream) {
        try {
            check((int) CU_MEMSET_D32_ASYNC.invokeExact(dst, value, count, stream), "cuMemsetD32Async");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A one-dimensional launch with static shared memory only; {@code params} is the {@code void*[]} of argument pointers. */
    static void cuLaunchKernel(MemorySegment function, int grid, int block, MemorySegment stream, MemorySegment params,
                               String kernel) {
        try {
            int code = (int) CU_LAUNCH_KERNEL.invokeExact(function, grid, 1, 1, block, 1, 1, 0, stream, params,
                    MemorySegment.NULL);
            if (code != CudaResult.SUCCESS) {
                throw failure("cuLaunchKernel", code, "kernel " + kernel + " (" + grid + " blocks of " + block + ")", null);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static MemorySegment cuStreamCreate(int flags) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment s = call.allocate(PTR);
            check((int) CU_STREAM_CREATE.invokeExact(s, flags), "cuStreamCreate");
            return nonNull(s.get(PTR, 0), "cuStreamCreate");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuStreamSynchronize(MemorySegment stream) {
        call(CU_STREAM_SYNCHRONIZE, stream, "cuStreamSynchronize");
    }

    static void cuStreamDestroy(MemorySegment stream) {
        call(CU_STREAM_DESTROY, stream, "cuStreamDestroy_v2");
    }

    static MemorySegment cuEventCreate(int flags) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment e = call.allocate(PTR);
            check((int) CU_EVENT_CREATE.invokeExact(e, flags), "cuEventCreate");
            return nonNull(e.get(PTR, 0), "cuEventCreate");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuEventRecord(MemorySegment event, MemorySegment stream) {
        try {
            check((int) CU_EVENT_RECORD.invokeExact(event, stream), "cuEventRecord");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuEventSynchronize(MemorySegment event) {
        call(CU_EVENT_SYNCHRONIZE, event, "cuEventSynchronize");
    }

    static float cuEventElapsedTime(MemorySegment start, MemorySegment end) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment ms = call.allocate(ValueLayout.JAVA_FLOAT);
            check((int) CU_EVENT_ELAPSED_TIME.invokeExact(ms, start, end), "cuEventElapsedTime");
            return ms.get(ValueLayout.JAVA_FLOAT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void cuEventDestroy(MemorySegment event) {
        call(CU_EVENT_DESTROY, event, "cuEventDestroy_v2");
    }

    /** The driver's name for {@code code} ({@code cuGetErrorName}), or the table's when the driver has none. */
    static String errorName(int code) {
        String n = driverString(CU_GET_ERROR_NAME, code);
        return n != null ? n : CudaResult.name(code);
    }

    /** The driver's sentence for {@code code} ({@code cuGetErrorString}), or null. */
    static String errorString(int code) {
        return driverString(CU_GET_ERROR_STRING, code);
    }

    /** Throws {@link CudaException} naming {@code function} unless {@code code} is {@code CUDA_SUCCESS}. */
    static void check(int code, String function) {
        if (code != CudaResult.SUCCESS) {
            throw failure(function, code, null, null);
        }
    }

    static CudaException failure(String function, int code, String subject, String log) {
        return new CudaException(function, code, errorName(code), errorString(code), subject, log);
    }

    private static String driverString(MethodHandle function, int code) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(PTR);
            int status = (int) function.invokeExact(code, out);
            MemorySegment text = out.get(PTR, 0);
            return status == CudaResult.SUCCESS && text.address() != 0 ? text.reinterpret(1024).getString(0) : null;
        } catch (Throwable t) {
            return null; // only for a message: the error being reported matters more
        }
    }

    /** Every {@code CUresult f(handle)} function: unload, synchronize, destroy, set current. */
    private static void call(MethodHandle function, MemorySegment handle, String name) {
        try {
            check((int) function.invokeExact(handle), name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MemorySegment nonNull(MemorySegment handle, String function) {
        if (handle.address() == 0) {
            throw new DeviceException(function + " returned CUDA_SUCCESS and no handle");
        }
        return handle;
    }

    private static MethodHandle bind(String name, MemoryLayout result, MemoryLayout... args) {
        MemorySegment symbol = CudaLibrary.lookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError(CudaLibrary.NAME + " has no symbol " + name));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args));
    }

    private static MethodHandle bindFirst(String[] names, MemoryLayout result, MemoryLayout... args) {
        for (String name : names) {
            var symbol = CudaLibrary.lookup().find(name);
            if (symbol.isPresent()) {
                return LINKER.downcallHandle(symbol.get(), FunctionDescriptor.of(result, args));
            }
        }
        throw new UnsatisfiedLinkError(CudaLibrary.NAME + " has none of the symbols " + String.join(", ", names));
    }

    /** A downcall declares {@code Throwable}; only our own status exceptions and errors can really come out. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new DeviceException("CUDA downcall failed unexpectedly: " + t, t);
    }
}
