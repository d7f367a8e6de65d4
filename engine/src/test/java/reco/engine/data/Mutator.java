package reco.engine.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Makes damaged variants of a well-formed file, the way files get damaged: bytes flipped, inserted or
 * deleted, lines cut, repeated or swapped, fields replaced by hostile values (huge, signed, NaN, empty,
 * exponent), separators and quotes added, encodings mixed (byte-order marks, latin-1, invalid UTF-8),
 * line ends changed. Deterministic for a seed, so a failing input can be made again from its seed.
 */
final class Mutator {
    /** Bytes that mean something to a parser, weighted towards them over random ones. */
    private static final byte[] INTERESTING = ",:\t\n\r\"-+.0123456789eENaI| \u0000".getBytes(StandardCharsets.ISO_8859_1);
    private static final String[] FIELDS = {"", "-1", "-0", "+7", "0", "4.", ".5", "NaN", "Infinity", "-Infinity",
            "1e3", "99999999999999999999", "999999999999999999", "9223372036854775807", "2147483648", "10", "0.0",
            "3.7", "\"", "\"\"", "\"a,b\"", "abc", "é", "\u00ff", " 4", "4 ", "::", "\t"};
    private static final byte[][] PREFIXES = {{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFF, (byte) 0xFE},
            {(byte) 0xFE, (byte) 0xFF}, {'P', 'K', 3, 4}, {0x1F, (byte) 0x8B}, {'\n'}, {'\r', '\n'}};

    private final SplittableRandom rng;

    Mutator(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** {@code base} with 1 to 4 mutations. */
    byte[] mutate(byte[] base) {
        byte[] b = base;
        int n = 1 + rng.nextInt(4);
        for (int k = 0; k < n; k++) {
            b = once(b);
        }
        return b;
    }

    private byte[] once(byte[] b) {
        if (b.length == 0) {
            return new byte[]{randomByte()};
        }
        return switch (rng.nextInt(12)) {
            case 0 -> flip(b);
            case 1 -> insert(b, rng.nextInt(b.length + 1), new byte[]{randomByte()});
            case 2 -> delete(b);
            case 3 -> Arrays.copyOf(b, rng.nextInt(b.length));   // cut off anywhere
            case 4 -> replaceField(b);
            case 5 -> repeatLine(b);
            case 6 -> swapLines(b);
            case 7 -> insert(b, 0, PREFIXES[rng.nextInt(PREFIXES.length)]);
            case 8 -> lineEnds(b);
            case 9 -> insert(b, rng.nextInt(b.length + 1), "é".getBytes(rng.nextBoolean()
                    ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
            case 10 -> insert(b, rng.nextInt(b.length + 1), new byte[]{(byte) (0x80 + rng.nextInt(0x80))});
            default -> once(replaceField(b));
        };
    }

    private byte randomByte() {
        return rng.nextInt(4) == 0 ? (byte) rng.nextInt(256) : INTERESTING[rng.nextInt(INTERESTING.length)];
    }

    private byte[] flip(byte[] b) {
        byte[] out = b.clone();
        out[rng.nextInt(out.length)] = randomByte();
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    private byte[] delete(byte[] b) {
        int from = rng.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + rng.nextInt(8));
        byte[] out = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, to, out, from, b.length - to);
        return out;
    }

    /** Replaces the text between two separators (or line ends) at a random place with a hostile field. */
    private byte[] replaceField(byte[] b) {
        int at = rng.nextInt(b.length);
        int from = at;
        while (from > 0 && !isBoundary(b[from - 1])) {
            from--;
        }
        int to = at;
        while (to < b.length && !isBoundary(b[to])) {
            to++;
        }
        byte[] field = FIELDS[rng.nextInt(FIELDS.length)].getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + field.length);
        out.write(b, 0, from);
        out.write(field, 0, field.length);
        out.write(b, to, b.length - to);
        return out.toByteArray();
    }

    private static boolean isBoundary(byte c) {
        return c == ',' || c == ':' || c == '\t' || c == '|' || c == '\n' || c == '\r';
    }

    private byte[] repeatLine(byte[] b) {
        int[] line = lineAt(b, rng.nextInt(b.length));
        byte[] l = Arrays.copyOfRange(b, line[0], line[1]);
        int times = 1 + rng.nextInt(rng.nextInt(8) == 0 ? 200 : 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, line[1]);
        for (int t = 0; t < times; t++) {
            out.write(l, 0, l.length);
        }
        out.write(b, line[1], b.length - line[1]);
        return out.toByteArray();
    }

    private byte[] swapLines(byte[] b) {
        int[] first = lineAt(b, rng.nextInt(b.length));
        int[] second = lineAt(b, rng.nextInt(b.length));
        if (first[0] == second[0]) {
            return b;
        }
        int[] lo = first[0] < second[0] ? first : second;
        int[] hi = first[0] < second[0] ? second : first;
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, lo[0]);
        out.write(b, hi[0], hi[1] - hi[0]);
        out.write(b, lo[1], hi[0] - lo[1]);
        out.write(b, lo[0], lo[1] - lo[0]);
        out.write(b, hi[1], b.length - hi[1]);
        return out.toByteArray();
    }

    /** All '\n' become "\r\n", or bare '\r', or are dropped from the end. */
    private byte[] lineEnds(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String t = switch (rng.nextInt(3)) {
            case 0 -> s.replace("\n", "\r\n");
            case 1 -> s.replace("\n", "\r");
            default -> s.stripTrailing();
        };
        return t.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {start, end} of the line holding byte {@code at}, end just after its '\n' (or the end). */
    private static int[] lineAt(byte[] b, int at) {
        int from = at;
        while (from > 0 && b[from - 1] != '\n') {
            from--;
        }
        int to = at;
        while (to < b.length && b[to] != '\n') {
            to++;
        }
        return new int[]{from, Math.min(b.length, to + 1)};
    }
}
