package reco.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

/**
 * A native library a backend binds (the OpenCL ICD loader, the CUDA driver), opened once on first use
 * and never before: the first dlopen is what costs, and a machine without the library must get a
 * sentence that says how to install it, not a {@link LinkageError}.
 */
public final class NativeLibrary {
    private final String name;
    private final String what;
    private final String howToGetOne;
    private boolean opened;
    private SymbolLookup lookup; // null when absent
    private String absent;       // why it is absent, or null

    /**
     * @param name        the soname or path to open
     * @param what        what it is, for the message ("OpenCL loader", "CUDA driver")
     * @param howToGetOne how to install it, appended to the message
     */
    public NativeLibrary(String name, String what, String howToGetOne) {
        this.name = name;
        this.what = what;
        this.howToGetOne = howToGetOne;
    }

    public String name() {
        return name;
    }

    /** Null when the library can be opened, else why not (with how to get it). */
    public synchronized String absentReason() {
        open();
        return absent;
    }

    /** The library's symbols; throws {@link UnsatisfiedLinkError} when it is absent. */
    public synchronized SymbolLookup lookup() {
        open();
        if (lookup == null) {
            throw new UnsatisfiedLinkError(absent);
        }
        return lookup;
    }

    private void open() {
        if (opened) {
            return;
        }
        opened = true;
        try {
            // Process scope: the library stays mapped for the life of the JVM, as every driver expects.
            lookup = SymbolLookup.libraryLookup(name, Arena.global());
        } catch (IllegalArgumentException e) {
            absent = "no " + what + " (" + name + " not found: " + e.getMessage() + "); " + howToGetOne;
        }
    }
}
