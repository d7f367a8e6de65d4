package reco.kernels.opencl.ffi;

import java.lang.foreign.SymbolLookup;

import reco.kernels.NativeLibrary;

/**
 * Finds the OpenCL ICD loader without binding any function, so that a machine without OpenCL gets a
 * sentence instead of a {@link LinkageError}. Only the loader is opened (never a driver such as
 * libpocl directly), so that whichever drivers are registered in {@code /etc/OpenCL/vendors} work.
 */
public final class ClLibrary {
    /** The loader's soname; {@code -Dreco.opencl.library=PATH} names another ICD loader. */
    public static final String NAME = System.getProperty("reco.opencl.library", "libOpenCL.so.1");

    /** How to get an OpenCL device, for every message that says there is none. */
    public static final String HOW_TO_GET_ONE = "install an OpenCL driver: apt-get install pocl-opencl-icd "
            + "ocl-icd-libopencl1 (any CPU), or your GPU vendor's driver";

    /** Opened on first use only. */
    private static final NativeLibrary LIBRARY = new NativeLibrary(NAME, "OpenCL loader", HOW_TO_GET_ONE);

    private ClLibrary() {
    }

    /** Null when the library can be opened, else why not (with {@link #HOW_TO_GET_ONE}). */
    public static String absentReason() {
        return LIBRARY.absentReason();
    }

    /** Its symbols; throws {@link UnsatisfiedLinkError} when it is absent. */
    static SymbolLookup lookup() {
        return LIBRARY.lookup();
    }
}
