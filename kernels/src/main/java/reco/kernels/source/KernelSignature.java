package reco.kernels.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel's parameter list as its source declares it. A CUDA launch passes each argument as a
 * pointer to its bytes and nothing checks their number or width, so a host that passes an
 * {@code int} where the kernel takes a {@code long} corrupts every later argument silently; reading
 * the list from the source lets the host check each argument as it sets it.
 *
 * @param kernel the kernel's name
 * @param params its parameters in order
 */
public record KernelSignature(String kernel, List<Param> params) {

    /** What a parameter holds, with its width in bytes on a 64-bit host (CUDA's long is 64-bit, as Java's). */
    public enum Kind {
        POINTER(8), INT(4), LONG(8), FLOAT(4);

        private final int bytes;

        Kind(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    /** One parameter: its name in the source and its kind. */
    public record Param(String name, Kind kind) {
    }

    private static final Pattern KERNEL = Pattern.compile("\\bKERNEL\\s+void\\s+(\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern PARAM = Pattern.compile("(.*?)\\s*(\\w+)\\s*");

    public KernelSignature {
        params = List.copyOf(params);
    }

    /** Every {@code KERNEL void name(...)} of {@code source}, by name, in source order. */
    public static Map<String, KernelSignature> parse(String source) {
        Map<String, KernelSignature> out = new LinkedHashMap<>();
        Matcher m = KERNEL.matcher(COMMENT.matcher(source).replaceAll(" "));
        while (m.find()) {
            List<Param> params = new ArrayList<>();
            String list = m.group(2).strip();
            if (!list.isEmpty() && !list.equals("void")) {
                for (String p : list.split(",")) {
                    params.add(param(m.group(1), p));
                }
            }
            out.put(m.group(1), new KernelSignature(m.group(1), params));
        }
        return out;
    }

    private static Param param(String kernel, String text) {
        Matcher m = PARAM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("kernel " + kernel + ": cannot read parameter '" + text.strip() + "'");
        }
        String type = m.group(1).replaceAll("\\b(GLOBAL|const)\\b", " ").strip();
        Kind kind = type.endsWith("*") ? Kind.POINTER : switch (type) {
            case "int" -> Kind.INT;
            case "long" -> Kind.LONG;
            case "float" -> Kind.FLOAT;
            default -> throw new IllegalArgumentException("kernel " + kernel + ": parameter " + m.group(2)
                    + " has type '" + type + "'; a host passes only pointers, int, long and float");
        };
        return new Param(m.group(2), kind);
    }
}
