package reco.kernels.cuda.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

/**
 * Finds the CUDA driver library without binding any function, so that a machine without an NVIDIA
 * driver gets a sentence instead of a {@link LinkageError}. The soname {@code libcuda.so.1} is the
 * one the driver installs (the unversioned {@code libcuda.so} is a toolkit stub that links but
 * cannot run anything).
 */
public final class CudaLibrary {
    /** The driver's soname; {@code -Dreco.cuda.library=PATH} names another. */
    public static final String NAME = System.getProperty("reco.cuda.library", "libcuda.so.1");

    /** How to get a CUDA device, for every message that says there is none. */
    public static final String HOW_TO_GET_ONE = "install the NVIDIA driver (it provides libcuda.so.1) on a "
            + "machine with an NVIDIA GPU";

    private CudaLibrary() {
    }

    /** Null when the driver library can be opened, else why not (with {@link #HOW_TO_GET_ONE}). */
    public static String absentReason() {
        return Holder.ABSENT;
    }

    /** The driver's symbols; throws {@link UnsatisfiedLinkError} when it is absent. */
    static SymbolLookup lookup() {
        if (Holder.LOOKUP == null) {
            throw new UnsatisfiedLinkError(Holder.ABSENT);
        }
        return Holder.LOOKUP;
    }

    /** Opens the library once, on first use. */
    private static final class Holder {
        static final SymbolLookup LOOKUP;
        static final String ABSENT;

        static {
            SymbolLookup lookup = null;
            String absent = null;
            try {
                // Process scope: the driver stays mapped for the life of the JVM; contexts live inside it.
                lookup = SymbolLookup.libraryLookup(NAME, Arena.global());
            } catch (IllegalArgumentException e) {
                absent = "no CUDA driver (" + NAME + " not found: " + e.getMessage() + "); " + HOW_TO_GET_ONE;
            }
            LOOKUP = lookup;
            ABSENT = absent;
        }

        private Holder() {
        }
    }
}
