package reco.kernels.cuda.ffi;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

import reco.kernels.DeviceException;

/**
 * The binding to NVRTC ({@code libnvrtc.so.*}, found by {@link NvrtcLibrary}): one
 * {@code MethodHandle} per C function, each beside a wrapper named like the function that checks
 * its {@code nvrtcResult}. Resolved when this class initialises; touched only when a CUDA device is
 * listed or opened. Widths follow {@code nvrtc.h}: {@code nvrtcResult} and {@code int} are 32-bit,
 * {@code size_t} is the native linker's, {@code nvrtcProgram} is a pointer.
 */
final class Nvrtc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final AddressLayout PTR = ValueLayout.ADDRESS;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout SIZE_T = SizeT.LAYOUT;

    private static final MethodHandle NVRTC_VERSION = bind("nvrtcVersion", INT, PTR, PTR);
    private static final MethodHandle NVRTC_GET_ERROR_STRING = bind("nvrtcGetErrorString", PTR, INT);
    private static final MethodHandle NVRTC_CREATE_PROGRAM = bind("nvrtcCreateProgram", INT, PTR, PTR, PTR, INT, PTR, PTR);
    private static final MethodHandle NVRTC_COMPILE_PROGRAM = bind("nvrtcCompileProgram", INT, PTR, INT, PTR);
    private static final MethodHandle NVRTC_GET_PTX_SIZE = bind("nvrtcGetPTXSize", INT, PTR, PTR);
    private static final MethodHandle NVRTC_GET_PTX = bind("nvrtcGetPTX", INT, PTR, PTR);
    private static final MethodHandle NVRTC_GET_PROGRAM_LOG_SIZE = bind("nvrtcGetProgramLogSize", INT, PTR, PTR);
    private static final MethodHandle NVRTC_GET_PROGRAM_LOG = bind("nvrtcGetProgramLog", INT, PTR, PTR);
    private static final MethodHandle NVRTC_DESTROY_PROGRAM = bind("nvrtcDestroyProgram", INT, PTR);
    /** NVRTC 11.2+; older ones compile for whatever architecture they are asked, or refuse it. */
    private static final MethodHandle NVRTC_GET_NUM_SUPPORTED_ARCHS = bindOptional("nvrtcGetNumSupportedArchs", INT, PTR);
    private static final MethodHandle NVRTC_GET_SUPPORTED_ARCHS = bindOptional("nvrtcGetSupportedArchs", INT, PTR);

    private Nvrtc() {
    }

    /** {major, minor}. */
    static int[] nvrtcVersion() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment major = call.allocate(INT);
            MemorySegment minor = call.allocate(INT);
            check((int) NVRTC_VERSION.invokeExact(major, minor), "nvrtcVersion");
            return new int[] {major.get(INT, 0), minor.get(INT, 0)};
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** NVRTC's name for {@code code}, or the table's when it gives none. */
    static String nvrtcGetErrorString(int code) {
        try {
            MemorySegment text = (MemorySegment) NVRTC_GET_ERROR_STRING.invokeExact(code);
            return text.address() == 0 ? NvrtcResult.name(code) : text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return NvrtcResult.name(code); // only for a message: the error being reported matters more
        }
    }

    /** A program of one source text, no headers; the program's handle is written into {@code slot}. */
    static void nvrtcCreateProgram(MemorySegment slot, String source, String name) {
        try (Arena call = Arena.ofConfined()) {
            check((int) NVRTC_CREATE_PROGRAM.invokeExact(slot, call.allocateFrom(source), call.allocateFrom(name), 0,
                    MemorySegment.NULL, MemorySegment.NULL), "nvrtcCreateProgram");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void nvrtcCompileProgram(MemorySegment program, List<String> options) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment array = call.allocate(PTR, Math.max(1, options.size()));
            for (int o = 0; o < options.size(); o++) {
                array.setAtIndex(PTR, o, call.allocateFrom(options.get(o)));
            }
            check((int) NVRTC_COMPILE_PROGRAM.invokeExact(program, options.size(), array), "nvrtcCompileProgram");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String nvrtcGetPTX(MemorySegment program) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment size = call.allocate(SIZE_T);
            check((int) NVRTC_GET_PTX_SIZE.invokeExact(program, size), "nvrtcGetPTXSize");
            MemorySegment ptx = call.allocate(Math.max(1, size.get(ValueLayout.JAVA_LONG, 0)));
            check((int) NVRTC_GET_PTX.invokeExact(program, ptx), "nvrtcGetPTX");
            return ptx.getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String nvrtcGetProgramLog(MemorySegment program) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment size = call.allocate(SIZE_T);
            check((int) NVRTC_GET_PROGRAM_LOG_SIZE.invokeExact(program, size), "nvrtcGetProgramLogSize");
            MemorySegment log = call.allocate(Math.max(1, size.get(ValueLayout.JAVA_LONG, 0)));
            check((int) NVRTC_GET_PROGRAM_LOG.invokeExact(program, log), "nvrtcGetProgramLog");
            return log.getString(0).strip();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Destroys the program whose handle is in {@code slot} (an {@code nvrtcProgram*}). */
    static void nvrtcDestroyProgram(MemorySegment slot) {
        try {
            check((int) NVRTC_DESTROY_PROGRAM.invokeExact(slot), "nvrtcDestroyProgram");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The virtual architectures this NVRTC compiles for (e.g. 75, 80, ..., 120), ascending; null if it cannot say. */
    static int[] nvrtcGetSupportedArchs() {
        if (NVRTC_GET_NUM_SUPPORTED_ARCHS == null || NVRTC_GET_SUPPORTED_ARCHS == null) {
            return null;
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment n = call.allocate(INT);
            check((int) NVRTC_GET_NUM_SUPPORTED_ARCHS.invokeExact(n), "nvrtcGetNumSupportedArchs");
            MemorySegment archs = call.allocate(INT, Math.max(1, n.get(INT, 0)));
            check((int) NVRTC_GET_SUPPORTED_ARCHS.invokeExact(archs), "nvrtcGetSupportedArchs");
            return archs.asSlice(0, 4L * n.get(INT, 0)).toArray(INT);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Throws {@link CudaException} naming {@code function} unless {@code code} is {@code NVRTC_SUCCESS}. */
    static void check(int code, String function) {
        if (code != NvrtcResult.SUCCESS) {
            throw new CudaException(function, code, nvrtcGetErrorString(code), null, null, null);
        }
    }

    private static MethodHandle bind(String name, MemoryLayout result, MemoryLayout... args) {
        MemorySegment symbol = NvrtcLibrary.lookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError(NvrtcLibrary.loaded() + " has no symbol " + name));
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args));
    }

    private static MethodHandle bindOptional(String name, MemoryLayout result, MemoryLayout... args) {
        return NvrtcLibrary.lookup().find(name)
                .map(symbol -> LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args)))
                .orElse(null);
    }

    /** A downcall declares {@code Throwable}; only our own status exceptions and errors can really come out. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new DeviceException("NVRTC downcall failed unexpectedly: " + t, t);
    }
}
