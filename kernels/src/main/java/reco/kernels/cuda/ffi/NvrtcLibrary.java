package reco.kernels.cuda.ffi;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds NVRTC, CUDA's run-time compiler, which ships with the toolkit or the {@code nvidia-cuda-nvrtc}
 * wheel rather than the driver, under a soname that carries its major version. Tried in order: the
 * path in {@code -Dreco.nvrtc.library=PATH} alone when it is set; else {@code libnvrtc.so}, then
 * {@code libnvrtc.so.13}, {@code .12}, {@code .11.2}, {@code .11.1}, {@code .11.0} on the loader's
 * path, then {@code libnvrtc.so} under {@code /usr/local/cuda/lib64} and every
 * {@code /usr/local/cuda-X.Y} (newest first). The first that opens is used.
 */
public final class NvrtcLibrary {
    /** The system property naming the library to use. */
    public static final String PROPERTY = "reco.nvrtc.library";

    /** How to get NVRTC, for every message that says there is none. */
    public static final String HOW_TO_GET_ONE = "install the CUDA toolkit's NVRTC (libnvrtc.so) or the "
            + "nvidia-cuda-nvrtc wheel, or name the library with -D" + PROPERTY + "=PATH";

    static final List<String> SONAMES = List.of("libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2",
            "libnvrtc.so.11.1", "libnvrtc.so.11.0");

    private NvrtcLibrary() {
    }

    /** The names and paths to try, in order. */
    public static List<String> candidates() {
        String named = System.getProperty(PROPERTY);
        if (named != null && !named.isBlank()) {
            return List.of(named);
        }
        List<String> out = new ArrayList<>(SONAMES);
        out.add("/usr/local/cuda/lib64/libnvrtc.so");
        for (Path toolkit : toolkits(Path.of("/usr/local"))) {
            out.add(toolkit.resolve("lib64").resolve("libnvrtc.so").toString());
        }
        return out;
    }

    /** Null when NVRTC was found, else why not (every name tried, with {@link #HOW_TO_GET_ONE}). */
    public static String absentReason() {
        return Holder.ABSENT;
    }

    /** The name or path that opened, or null. */
    public static String loaded() {
        return Holder.LOADED;
    }

    /** NVRTC's symbols; throws {@link UnsatisfiedLinkError} when it is absent. */
    static SymbolLookup lookup() {
        if (Holder.LOOKUP == null) {
            throw new UnsatisfiedLinkError(Holder.ABSENT);
        }
        return Holder.LOOKUP;
    }

    /** {@code dir/cuda-X.Y} folders, newest version first. */
    static List<Path> toolkits(Path dir) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "cuda-*")) {
            s.forEach(found::add);
        } catch (IOException e) {
            return List.of(); // no such folder: nothing installed there
        }
        found.sort(Comparator.comparing((Path p) -> version(p.getFileName().toString())).reversed());
        return found;
    }

    /** {@code cuda-12.10} as a number that sorts after {@code cuda-12.9}. */
    private static long version(String folder) {
        long v = 0;
        for (String part : folder.substring("cuda-".length()).split("\\.")) {
            try {
                v = v * 1000 + Integer.parseInt(part);
            } catch (NumberFormatException e) {
                v = v * 1000;
            }
        }
        return v;
    }

    /** Opens the library once, on first use. */
    private static final class Holder {
        static final SymbolLookup LOOKUP;
        static final String LOADED;
        static final String ABSENT;

        static {
            SymbolLookup lookup = null;
            String loaded = null;
            List<String> tried = candidates();
            for (String name : tried) {
                try {
                    // Process scope: a compiler library stays mapped for the life of the JVM.
                    lookup = SymbolLookup.libraryLookup(name, Arena.global());
                    loaded = name;
                    break;
                } catch (IllegalArgumentException e) {
                    // try the next
                }
            }
            if (lookup != null) {
                loadBuiltins(loaded);
            }
            LOOKUP = lookup;
            LOADED = loaded;
            ABSENT = lookup != null ? null : "no NVRTC (tried " + String.join(", ", tried) + "); " + HOW_TO_GET_ONE;
        }

        /**
         * NVRTC opens its builtins library ({@code libnvrtc-builtins.so.MAJOR.MINOR}) by soname when it
         * first compiles; a wheel keeps it beside NVRTC, off the loader's path. Loading it from there first
         * lets the loader find it among the libraries already in the process, so that naming NVRTC's path
         * is enough.
         */
        private static void loadBuiltins(String nvrtc) {
            Path parent = Path.of(nvrtc).getParent();
            if (parent == null) {
                return; // found by soname on the loader's path: its builtins are there too
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, "libnvrtc-builtins.so.*")) {
                for (Path builtins : s) {
                    SymbolLookup.libraryLookup(builtins, Arena.global());
                }
            } catch (IOException | IllegalArgumentException e) {
                // NVRTC itself will say which library it could not open, in its compile log
            }
        }

        private Holder() {
        }
    }
}
