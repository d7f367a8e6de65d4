package reco.kernels.opencl.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

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

    private ClLibrary() {
    }

    /** Null when the loader can be opened, else why not (with {@link #HOW_TO_GET_ONE}). */
    public static String absentReason() {
        return Holder.ABSENT;
    }

    /** The loader's symbols; throws {@link UnsatisfiedLinkError} when it is absent. */
    static SymbolLookup lookup() {
        if (Holder.LOOKUP == null) {
            throw new UnsatisfiedLinkError(Holder.ABSENT);
        }
        return Holder.LOOKUP;
    }

    /** Opens the loader once, on first use: dlopen of the loader is what costs, so it is lazy. */
    private static final class Holder {
        static final SymbolLookup LOOKUP;
        static final String ABSENT;

        static {
            SymbolLookup lookup = null;
            String absent = null;
            try {
                // Process scope: the loader stays mapped for the life of the JVM, as every driver expects.
                lookup = SymbolLookup.libraryLookup(NAME, Arena.global());
            } catch (IllegalArgumentException e) {
                absent = "no OpenCL loader (" + NAME + " not found: " + e.getMessage() + "); " + HOW_TO_GET_ONE;
            }
            LOOKUP = lookup;
            ABSENT = absent;
        }

        private Holder() {
        }
    }
}
