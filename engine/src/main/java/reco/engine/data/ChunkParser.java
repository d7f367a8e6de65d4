package reco.engine.data;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Parses the rows of one chunk of a mapped ratings file straight from its bytes: no String per row, no
 * per-field allocation. A chunk starts at a line start and ends just after a newline (or at the end of
 * the file, where a last line without newline is accepted). CRLF line ends and blank lines are accepted.
 *
 * <p>Numbers: ids and timestamps are optionally signed decimal integers of at most 18 digits; a rating
 * is an optionally signed decimal with an optional fraction ({@code 4}, {@code 4.0}, {@code 3.5},
 * {@code .5}), so {@code NaN}, {@code Infinity} and exponents are rejected as malformed.
 */
final class ChunkParser {
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final int MAX_DIGITS = 18;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
    private static final String[] FIELD_NAMES = {"user id", "movie id", "rating", "timestamp"};

    private final MemorySegment data;
    private final Separator sep;
    private final int fields;
    private long pos;
    private long end;

    /** A malformed row, thrown inside the row loop only; no stack trace since it is data, not a bug. */
    private static final class BadRow extends RuntimeException {
        final int column;

        BadRow(int column, String problem) {
            super(problem, null, false, false);
            this.column = column;
        }
    }

    ChunkParser(MemorySegment data, RatingsFormat format) {
        this.data = data;
        this.sep = format.separator();
        this.fields = format.fields();
    }

    /** Parses {@code [from, to)}; {@code capacity} is the expected row count. */
    RawChunk parse(long from, long to, int capacity, boolean skipBadRows) {
        RawChunk out = new RawChunk(capacity, fields == 4, skipBadRows);
        pos = from;
        end = to;
        long line = 0;
        while (pos < end) {
            if (!atBlankLine()) {
                try {
                    parseRow(out);
                } catch (BadRow bad) {
                    out.bad(line, bad.column, bad.getMessage());
                    if (!skipBadRows) {
                        break;
                    }
                    skipToLineEnd();
                }
            }
            if (pos < end) {
                pos++; // the '\n' that ends this line
                line++;
            }
        }
        out.newlines = line;
        return out;
    }

    private void parseRow(RawChunk out) {
        long user = readLong(1);
        separator(1);
        long item = readLong(2);
        separator(2);
        float rating = readRating();
        long timestamp = 0;
        if (fields == 4) {
            separator(3);
            timestamp = readLong(4);
        }
        lineEnd();
        out.add(user, item, rating, timestamp);
    }

    private long readLong(int column) {
        long start = pos;
        byte first = peek();
        boolean negative = first == '-';
        if (negative || first == '+') {
            pos++;
        }
        long value = 0;
        int digits = 0;
        while (pos < end) {
            int d = data.get(BYTE, pos) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            value = value * 10 + d;
            digits++;
            pos++;
        }
        if (digits == 0 || digits > MAX_DIGITS || !atFieldEnd()) {
            throw malformed(column, start, digits > MAX_DIGITS ? "has more than " + MAX_DIGITS + " digits"
                    : "is not a whole number");
        }
        return negative ? -value : value;
    }

    private float readRating() {
        long start = pos;
        byte first = peek();
        boolean negative = first == '-';
        if (negative || first == '+') {
            pos++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1; // digits after the point, -1 before one is seen
        while (pos < end) {
            byte b = data.get(BYTE, pos);
            if (b == '.' && fraction < 0) {
                fraction = 0;
            } else if (b >= '0' && b <= '9') {
                mantissa = mantissa * 10 + (b - '0');
                digits++;
                fraction += fraction >= 0 ? 1 : 0;
            } else {
                break;
            }
            pos++;
        }
        if (digits == 0 || digits > MAX_DIGITS || !atFieldEnd()) {
            throw malformed(3, start, "is not a finite decimal number like 4, 4.0 or 3.5");
        }
        double value = mantissa / POW10[Math.max(fraction, 0)];
        return (float) (negative ? -value : value);
    }

    /** Consumes the separator after field {@code column}, or fails because the row ends too soon. */
    private void separator(int column) {
        if (isSeparator()) {
            pos += sep.length;
            return;
        }
        throw new BadRow(column + 1, "the row has " + column + " field" + (column == 1 ? "" : "s")
                + "; expected " + fields + " (user, movie, rating" + (fields == 4 ? ", timestamp)" : ")")
                + " separated by " + sep.shown);
    }

    /** Accepts the end of the line (leaving pos on its '\n' or at the end), after a '\r' if any. */
    private void lineEnd() {
        if (pos == end) {
            return;
        }
        byte b = data.get(BYTE, pos);
        if (b == '\r' && (pos + 1 == end || data.get(BYTE, pos + 1) == '\n')) {
            pos++;
            return;
        }
        if (b == '\n') {
            return;
        }
        throw new BadRow(fields + 1, isSeparator()
                ? "the row has more than " + fields + " fields; expected " + fields + " separated by " + sep.shown
                : "unexpected character '" + (char) (b & 0xFF) + "' after the last field");
    }

    private boolean atFieldEnd() {
        if (pos == end) {
            return true;
        }
        byte b = data.get(BYTE, pos);
        return b == '\n' || b == '\r' || isSeparator();
    }

    private boolean isSeparator() {
        if (pos + sep.length > end || data.get(BYTE, pos) != sep.first) {
            return false;
        }
        return sep.length == 1 || data.get(BYTE, pos + 1) == sep.first;
    }

    private boolean atBlankLine() {
        byte b = data.get(BYTE, pos);
        if (b == '\r' && (pos + 1 == end || data.get(BYTE, pos + 1) == '\n')) {
            pos++;
            return true;
        }
        return b == '\n';
    }

    private byte peek() {
        return pos < end ? data.get(BYTE, pos) : (byte) '\n';
    }

    private void skipToLineEnd() {
        while (pos < end && data.get(BYTE, pos) != '\n') {
            pos++;
        }
    }

    /** The field at {@code start} (up to the next separator or line end), as text for a message. */
    private BadRow malformed(int column, long start, String what) {
        long stop = start;
        while (stop < end && stop - start < 40) {
            byte b = data.get(BYTE, stop);
            if (b == '\n' || b == '\r' || (b == sep.first && (sep.length == 1
                    || (stop + 1 < end && data.get(BYTE, stop + 1) == sep.first)))) {
                break;
            }
            stop++;
        }
        String name = FIELD_NAMES[column - 1];
        if (stop == start) {
            return new BadRow(column, name + " is empty");
        }
        byte[] text = data.asSlice(start, stop - start).toArray(BYTE);
        return new BadRow(column, name + " '" + new String(text, StandardCharsets.UTF_8) + "' " + what);
    }
}
