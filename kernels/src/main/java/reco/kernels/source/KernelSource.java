package reco.kernels.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import reco.kernels.DeviceException;

/**
 * Loads the shared kernel sources and puts them together for one dialect: the dialect's prelude,
 * then {@code common.cl}, then the op's file. The op files are OpenCL C whose four qualifiers are
 * macros ({@code KERNEL}, {@code GLOBAL}, {@code LOCAL}, {@code INLINE}); each prelude gives them,
 * and the row vector type {@code floatv}, their meaning in its language.
 */
public final class KernelSource {
    /** The two languages the sources are built as, each with its prelude. */
    public enum Dialect {
        OPENCL("opencl.h", 16),
        CUDA("cuda.h", 4);

        private final String prelude;
        private final int widestVector;

        Dialect(String prelude, int widestVector) {
            this.prelude = prelude;
            this.widestVector = widestVector;
        }
    }

    /** Shared helpers, built before every op file. */
    public static final String COMMON = "common.cl";
    private static final String RESOURCES = "/reco/kernels/source/";

    private KernelSource() {
    }

    /** The text of source file {@code file}, failing with the resource's name. */
    public static String read(String file) {
        String path = RESOURCES + file;
        try (InputStream in = KernelSource.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new DeviceException("kernel source " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeviceException("cannot read kernel source " + path + ": " + e.getMessage(), e);
        }
    }

    /** The texts to build, in order: prelude, {@code common.cl}, {@code op}. */
    public static List<String> parts(Dialect dialect, String op) {
        return List.of(read(dialect.prelude), read(COMMON), read(op));
    }

    /**
     * The parts as one text, each after a {@code #line 1 "file"} directive so that a compiler's
     * messages name the file and line a reader can open.
     */
    public static String assemble(Dialect dialect, String op) {
        List<String> names = List.of(dialect.prelude, COMMON, op);
        List<String> texts = parts(dialect, op);
        StringBuilder s = new StringBuilder();
        for (int p = 0; p < names.size(); p++) {
            s.append("#line 1 \"").append(names.get(p)).append("\"\n").append(texts.get(p));
            if (!texts.get(p).endsWith("\n")) {
                s.append('\n');
            }
        }
        return s.toString();
    }

    /**
     * Floats per vector load for rows of {@code width}: the largest power of two up to the dialect's
     * widest float vector (OpenCL 16, CUDA 4) that divides {@code width}; CUDA has only 4 or 1, as
     * its prelude defines vector arithmetic for float4 alone.
     */
    public static int vectorWidth(Dialect dialect, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("row width must be at least 1, was " + width);
        }
        int vw = dialect.widestVector;
        while (width % vw != 0) {
            vw = dialect == Dialect.CUDA ? 1 : vw / 2;
        }
        return vw;
    }
}
