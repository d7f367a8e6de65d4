package reco.engine.data;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses the rows of chunks of a ratings file straight from its bytes into each chunk's slice of a
 * {@link RatingTable} (ids still the file's): no String per row, no per-field allocation. A chunk starts
 * at a line start and ends just after a newline (or at the end of the file, where a last line without
 * newline is accepted). CRLF line ends and blank lines are accepted. One parser per thread, for any
 * number of chunks in turn.
 *
 * <p>A chunk is read window by window into a reused heap array ({@link RatingsBytes#read}) and parsed
 * there with local positions: the bulk copy costs little next to parsing, and array loops with a
 * {@code '\n'} sentinel after the window's last complete line need no bounds or end-of-data tests per
 * byte (parsing the mapped segment byte by byte was several times slower).
 *
 * <p>Numbers: ids are unsigned decimal integers of at most 18 digits (MovieLens ids start at 1; a
 * negative id is a damaged row, not an id), timestamps optionally signed ones; a rating is an
 * optionally signed decimal with an optional fraction ({@code 4}, {@code 4.0}, {@code 3.5}, {@code .5}),
 * so {@code NaN}, {@code Infinity}, exponents and a bare trailing point ({@code 4.}, what a file cut
 * off mid-number ends with) are rejected as malformed. With a {@link RatingScale}, a rating off the
 * file's scale is a malformed row too (see {@link RatingsParser} for the two passes).
 */
final class ChunkParser {
    private static final int WINDOW = 1 << 18;
    /** Rows staged in heap arrays before they are copied into the table's columns in bulk. */
    private static final int STAGE = 1 << 12;
    private static final int MAX_DIGITS = 18;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
    private static final String[] FIELD_NAMES = {"user id", "movie id", "rating", "timestamp"};
    /** Added to the problem of a malformed last line that has no line end. */
    static final String CUT_OFF = " (it is the last line and has no line end: was the file cut off?)";

    private final RatingsBytes data;
    private final MemorySegment users;      // int32 column of the table being filled
    private final MemorySegment items;
    private final MemorySegment ratings;
    private final MemorySegment timestamps;
    private final byte sep;
    private final boolean doubleSep;
    private final Separator separator;
    private final int fields;
    private final RatingScale scale;     // null: every finite rating is accepted
    private final boolean unterminated;  // the file's last line has no '\n'
    private byte[] buf = new byte[0];
    // Rows parsed but not yet in the table: single segment stores cost far more than array stores until
    // the JIT has compiled the loop, which on a cold JVM is a good part of the pass; bulk copies do not.
    private int[] stagedUsers = new int[0];
    private int[] stagedItems = new int[0];
    private float[] stagedRatings = new float[0];
    private long[] stagedTimestamps = new long[0];
    private int staged;
    /** The number just parsed by {@link #integer} or {@link #decimal}; their return value is the position. */
    private long integerValue;
    private float decimalValue;

    /** A malformed row, thrown inside the row loop only; no stack trace since it is data, not a bug. */
    private static final class BadRow extends RuntimeException {
        final int column;

        BadRow(int column, String problem) {
            super(problem, null, false, false);
            this.column = column;
        }
    }

    ChunkParser(RatingsBytes data, RatingsFormat format, RatingTable table, RatingScale scale) {
        this.data = data;
        this.users = table.users();
        this.items = table.items();
        this.ratings = table.ratings();
        this.timestamps = table.timestamps();
        this.separator = format.separator();
        this.sep = separator.first;
        this.doubleSep = separator.length == 2;
        this.fields = format.fields();
        this.scale = scale;
        long size = data.size();
        this.unterminated = size > 0 && data.byteAt(size - 1) != '\n';
    }

    /** Parses the bytes {@code [from, to)} into table rows from {@code out.firstRow}, skipping bad rows or not. */
    void parse(RawChunk out, long from, long to, boolean skipBadRows) {
        int window = (int) Math.min(WINDOW, to - from) + 1;
        if (buf.length < window) {
            buf = new byte[window];
        }
        int stage = Math.clamp(out.lines, 1, STAGE);
        if (stagedUsers.length < stage) {
            stagedUsers = new int[stage];
            stagedItems = new int[stage];
            stagedRatings = new float[stage];
            stagedTimestamps = new long[stage];
        }
        long next = from;
        int carry = 0;   // bytes of an unfinished line kept at the start of buf
        while (next < to || carry > 0) {
            int read = (int) Math.min(buf.length - 1 - carry, to - next);
            data.read(next, buf, carry, read);
            next += read;
            int filled = carry + read;
            boolean last = next == to;
            int limit = last ? filled : lastNewline(filled) + 1;
            if (limit == 0) {            // one line longer than the window: widen it
                buf = Arrays.copyOf(buf, buf.length * 2);
                carry = filled;
                continue;
            }
            byte kept = buf[limit];
            buf[limit] = '\n';           // sentinel: every line of the window ends in '\n'
            boolean stopped = parseWindow(limit, out, skipBadRows, last && to == data.size());
            buf[limit] = kept;
            if (stopped) {
                break;
            }
            carry = filled - limit;
            System.arraycopy(buf, limit, buf, 0, carry);
        }
        flush(out);
    }

    /**
     * Parses the complete lines {@code buf[0, limit)}; true when a bad row stopped the chunk.
     * {@code endOfFile}: the window ends where the file does.
     */
    private boolean parseWindow(int limit, RawChunk out, boolean skipBadRows, boolean endOfFile) {
        byte[] b = buf;
        int p = 0;
        while (p < limit) {
            if (b[p] == '\r' && b[p + 1] == '\n') {
                p++;
            }
            if (b[p] != '\n') {
                int start = p;
                try {
                    p = row(b, p, out);
                } catch (BadRow bad) {
                    p = start;
                    while (b[p] != '\n') {
                        p++;
                    }
                    boolean cutOff = endOfFile && unterminated && p == limit;
                    out.bad(bad.column, bad.getMessage() + (cutOff ? CUT_OFF : ""));
                    if (!skipBadRows) {
                        return true;
                    }
                }
            }
            if (p < limit) {
                out.newlines++;
            }
            p++;
        }
        return false;
    }

    /** Parses the row at {@code p}; returns the position of its '\n'. */
    private int row(byte[] b, int p, RawChunk out) {
        p = id(b, p, 1);
        long user = integerValue;
        p = separator(b, p, 1);
        p = id(b, p, 2);
        long item = integerValue;
        p = separator(b, p, 2);
        p = decimal(b, p);
        float rating = decimalValue;
        long timestamp = 0;
        if (fields == 4) {
            p = separator(b, p, 3);
            p = integer(b, p, 4);
            timestamp = integerValue;
        }
        p = lineEnd(b, p);
        if (scale != null && !scale.accepts(rating)) {
            throw new BadRow(3, scale.outsideMessage(rating));
        }
        store(out, user, item, rating, timestamp);
        return p;
    }

    private void store(RawChunk out, long user, long item, float rating, long timestamp) {
        if (user != (int) user && out.wideUsers == null) {
            flush(out);
            out.wideUsers = out.widen(users);
        }
        if (item != (int) item && out.wideItems == null) {
            flush(out);
            out.wideItems = out.widen(items);
        }
        if (out.wideUsers != null) {
            out.wideUsers[out.rows] = user;
        }
        if (out.wideItems != null) {
            out.wideItems[out.rows] = item;
        }
        stagedUsers[staged] = (int) user;
        stagedItems[staged] = (int) item;
        stagedRatings[staged] = rating;
        stagedTimestamps[staged] = timestamp; // 0 without a timestamp field: the table is not zero-filled
        staged++;
        out.note(user, item, rating);
        out.rows++;
        if (staged == stagedUsers.length) {
            flush(out);
        }
    }

    /** Copies the staged rows, the chunk's last {@code staged} rows, into the table. */
    private void flush(RawChunk out) {
        long row = out.firstRow + out.rows - staged;
        MemorySegment.copy(stagedUsers, 0, users, ValueLayout.JAVA_INT, row * Integer.BYTES, staged);
        MemorySegment.copy(stagedItems, 0, items, ValueLayout.JAVA_INT, row * Integer.BYTES, staged);
        MemorySegment.copy(stagedRatings, 0, ratings, ValueLayout.JAVA_FLOAT, row * Float.BYTES, staged);
        MemorySegment.copy(stagedTimestamps, 0, timestamps, ValueLayout.JAVA_LONG, row * Long.BYTES, staged);
        staged = 0;
    }

    /** A user or movie id: a whole number without a sign. */
    private int id(byte[] b, int p, int column) {
        if (b[p] == '-' && b[p + 1] >= '0' && b[p + 1] <= '9') {
            throw malformed(b, p, column, "is negative; ids are whole numbers from 0 up");
        }
        return integer(b, p, column);
    }

    private int integer(byte[] b, int p, int column) {
        if (p + 2 * Long.BYTES <= b.length) {
            int end = unsignedFast(b, p);
            if (end > p && atFieldEnd(b, end)) {
                return end;
            }
        }
        int start = p;
        boolean negative = b[p] == '-';
        if (negative || b[p] == '+') {
            p++;
        }
        int digitsFrom = p;
        long value = 0;
        int d;
        while ((d = b[p] - '0') >= 0 && d <= 9) {
            value = value * 10 + d;
            p++;
        }
        int digits = p - digitsFrom;
        if (digits == 0 || digits > MAX_DIGITS || !atFieldEnd(b, p)) {
            throw malformed(b, start, column, digits > MAX_DIGITS ? "is too large (more than " + MAX_DIGITS + " digits)"
                    : "is not a whole number");
        }
        integerValue = negative ? -value : value;
        return p;
    }

    /**
     * The common case of {@link #integer}: 1 to 15 digits, no sign, read eight bytes at a time
     * ({@link Digits}). Returns the position after the digits with {@link #integerValue} set, or {@code p}
     * when the field is anything else, which the byte-by-byte loop then parses or rejects. Reads the 16
     * bytes from {@code p}; the run of digits stops at the window's {@code '\n'} sentinel at the latest.
     */
    private int unsignedFast(byte[] b, int p) {
        long first = Digits.word(b, p);
        int n = Digits.run(first);
        if (n == 0) {
            return p;
        }
        if (n < Long.BYTES) {
            integerValue = Digits.value(first, n);
            return p + n;
        }
        long second = Digits.word(b, p + Long.BYTES);
        int m = Digits.run(second);
        if (m == Long.BYTES) {
            return p;
        }
        long high = Digits.value(first, Long.BYTES);
        integerValue = m == 0 ? high : high * Digits.pow10(m) + Digits.value(second, m);
        return p + Long.BYTES + m;
    }

    private int decimal(byte[] b, int p) {
        // Fast path for the published form "d.d" (4.0, 3.5). Each index read is guarded by the byte before it
        // not being the '\n' sentinel, so it stays inside the window.
        int whole = b[p] - '0';
        if (whole >= 0 && whole <= 9 && b[p + 1] == '.') {
            int tenth = b[p + 2] - '0';
            if (tenth >= 0 && tenth <= 9 && atFieldEnd(b, p + 3)) {
                decimalValue = (float) ((whole * 10 + tenth) / 10.0);
                return p + 3;
            }
        }
        int start = p;
        boolean negative = b[p] == '-';
        if (negative || b[p] == '+') {
            p++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = 0;
        boolean point = false;
        for (; ; p++) {
            int d = b[p] - '0';
            if (d >= 0 && d <= 9) {
                mantissa = mantissa * 10 + d;
                digits++;
                fraction += point ? 1 : 0;
            } else if (b[p] == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0 || digits > MAX_DIGITS || (point && fraction == 0) || !atFieldEnd(b, p)) {
            throw malformed(b, start, 3, "is not a finite decimal number like 4, 4.0 or 3.5");
        }
        double value = mantissa / POW10[fraction];
        decimalValue = (float) (negative ? -value : value);
        return p;
    }

    /** Consumes the separator after field {@code column}, or fails because the row ends too soon. */
    private int separator(byte[] b, int p, int column) {
        if (isSeparator(b, p)) {
            return p + separator.length;
        }
        throw new BadRow(column + 1, "the row has " + column + " field" + (column == 1 ? "" : "s")
                + "; expected " + fields + " (user, movie, rating" + (fields == 4 ? ", timestamp)" : ")")
                + " separated by " + separator.shown);
    }

    /** Accepts the end of the line, after a '\r' if any; returns the position of the '\n'. */
    private int lineEnd(byte[] b, int p) {
        if (b[p] == '\n') {
            return p;
        }
        if (b[p] == '\r' && b[p + 1] == '\n') {
            return p + 1;
        }
        throw new BadRow(fields + 1, isSeparator(b, p)
                ? "the row has more than " + fields + " fields; expected " + fields + " separated by " + separator.shown
                : "unexpected character '" + (char) (b[p] & 0xFF) + "' after the last field");
    }

    private boolean atFieldEnd(byte[] b, int p) {
        byte c = b[p];
        return c == '\n' || c == '\r' || isSeparator(b, p);
    }

    /** {@code b[p + 1]} exists whenever {@code b[p]} is not the sentinel, which is '\n'. */
    private boolean isSeparator(byte[] b, int p) {
        return b[p] == sep && (!doubleSep || b[p + 1] == sep);
    }

    private int lastNewline(int filled) {
        for (int i = filled - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The field at {@code start} (up to the next separator or line end), as text for a message. */
    private BadRow malformed(byte[] b, int start, int column, String what) {
        int stop = start;
        while (stop - start < 40 && b[stop] != '\n' && b[stop] != '\r' && !isSeparator(b, stop)) {
            stop++;
        }
        String name = FIELD_NAMES[column - 1];
        if (stop == start) {
            return new BadRow(column, name + " is empty");
        }
        return new BadRow(column, name + " '" + new String(b, start, stop - start, StandardCharsets.UTF_8) + "' " + what);
    }
}
