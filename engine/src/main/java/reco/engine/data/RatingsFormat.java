package reco.engine.data;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * What a ratings file looks like, read from its first lines: whether a header line comes first, the
 * field separator and the number of fields (3 without timestamps, 4 with).
 *
 * <p>The first line is a header when it does not start with a digit or a sign, since every data row
 * starts with a user id. The separator is taken from the first data line: {@code ::} if present, else a
 * tab, else a comma — in that order, because a {@code ::} line contains no tabs or commas while a title
 * never appears in a ratings file.
 *
 * @param separator   field separator
 * @param fields      3 (user, item, rating) or 4 (… timestamp)
 * @param dataStart   byte offset of the first line after the header (or of the first line)
 * @param firstLine   1-based line number of the line at {@code dataStart}
 */
record RatingsFormat(Separator separator, int fields, long dataStart, long firstLine) {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** True when there are no data lines at all (an empty file or a header alone). */
    boolean empty() {
        return fields == 0;
    }

    static RatingsFormat sniff(Path file, MemorySegment data) {
        long size = data.byteSize();
        long start = startsWith(data, UTF8_BOM) ? UTF8_BOM.length : 0;
        boolean header = start < size && !startsNumber(byteAt(data, start));
        long dataStart = header ? nextLine(data, start) : start;
        long firstLine = header ? 2 : 1;
        long line = firstLine;
        long at = dataStart;
        while (at < size && isBlank(data, at)) {
            at = nextLine(data, at);
            line++;
        }
        if (at >= size) {
            return new RatingsFormat(Separator.COMMA, 0, dataStart, firstLine);
        }
        long end = lineEnd(data, at);
        Separator separator = separatorOf(file, data, at, end, line);
        int fields = countSeparators(data, at, end, separator) + 1;
        if (fields != 3 && fields != 4) {
            throw DataException.at(file, line, 0, "found " + fields + " fields separated by " + separator.shown
                            + "; a ratings row has 3 or 4: user, movie, rating[, timestamp]",
                    "give a ratings file (userId,movieId,rating,timestamp), not another MovieLens file");
        }
        return new RatingsFormat(separator, fields, dataStart, firstLine);
    }

    private static Separator separatorOf(Path file, MemorySegment data, long from, long to, long line) {
        boolean tab = false;
        boolean comma = false;
        for (long i = from; i < to; i++) {
            byte b = byteAt(data, i);
            if (b == ':' && i + 1 < to && byteAt(data, i + 1) == ':') {
                return Separator.DOUBLE_COLON;
            }
            tab |= b == '\t';
            comma |= b == ',';
        }
        if (tab) {
            return Separator.TAB;
        }
        if (comma) {
            return Separator.COMMA;
        }
        throw DataException.at(file, line, 0, "cannot tell the field separator: the first data row has no ',', '::' or tab",
                "separate user, movie, rating and timestamp with ',' (ratings.csv), '::' (ratings.dat) or a tab (u.data)");
    }

    private static int countSeparators(MemorySegment data, long from, long to, Separator sep) {
        int n = 0;
        for (long i = from; i < to; i++) {
            if (byteAt(data, i) == sep.first && (sep.length == 1 || (i + 1 < to && byteAt(data, i + 1) == sep.first))) {
                n++;
                i += sep.length - 1;
            }
        }
        return n;
    }

    private static boolean startsNumber(byte b) {
        return (b >= '0' && b <= '9') || b == '-' || b == '+';
    }

    private static boolean isBlank(MemorySegment data, long at) {
        byte b = byteAt(data, at);
        return b == '\n' || (b == '\r' && (at + 1 == data.byteSize() || byteAt(data, at + 1) == '\n'));
    }

    private static boolean startsWith(MemorySegment data, byte[] prefix) {
        if (data.byteSize() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (byteAt(data, i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Offset of the line's end: its '\n', its "\r\n", or the end of the data. */
    private static long lineEnd(MemorySegment data, long at) {
        long nl = nextLine(data, at);
        long end = nl > at && nl <= data.byteSize() && byteAt(data, nl - 1) == '\n' ? nl - 1 : nl;
        return end > at && byteAt(data, end - 1) == '\r' ? end - 1 : end;
    }

    /** Offset just after the next '\n' at or after {@code at}, or the data's size when there is none. */
    static long nextLine(MemorySegment data, long at) {
        long size = data.byteSize();
        for (long i = at; i < size; i++) {
            if (byteAt(data, i) == '\n') {
                return i + 1;
            }
        }
        return size;
    }

    private static byte byteAt(MemorySegment data, long at) {
        return data.get(ValueLayout.JAVA_BYTE, at);
    }
}
