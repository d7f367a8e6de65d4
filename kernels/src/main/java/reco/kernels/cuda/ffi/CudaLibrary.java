package reco.kernels.cuda.ffi;

import java.lang.foreign.SymbolLookup;

import reco.kernels.NativeLibrary;

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

    /** Opened on first use only. */
    private static final NativeLibrary LIBRARY = new NativeLibrary(NAME, "CUDA driver", HOW_TO_GET_ONE);

    private CudaLibrary() {
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
