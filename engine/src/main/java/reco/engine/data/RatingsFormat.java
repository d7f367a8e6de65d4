package reco.engine.data;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a ratings file looks like, read from its first lines: whether a header line comes first, the
 * field separator and the number of fields (3 without timestamps, 4 with).
 *
 * <p>The first line is a header when none of its fields is a number (a data row has at least three);
 * a header is optional (ratings.dat and u.data have none) but, when present, must agree with the rows
 * ({@link RatingsHeader}). The separator is taken from the first data line: {@code ::} if present, else
 * a tab, else a comma — in that order, because a {@code ::} line contains no tabs or commas while a
 * title never appears in a ratings file. Files that are not text (UTF-16, archives) and files whose lines
 * end in a bare carriage return are refused here with what to do, rather than parsed into nonsense.
 *
 * @param separator   field separator
 * @param fields      3 (user, item, rating) or 4 (… timestamp)
 * @param dataStart   byte offset of the first line after the header (or of the first line)
 * @param firstLine   1-based line number of the line at {@code dataStart}
 */
record RatingsFormat(Separator separator, int fields, long dataStart, long firstLine) {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** Bytes looked at to tell text from UTF-16 or binary data. */
    private static final int SNIFF_BYTES = 4096;

    /** True when there are no data lines at all (an empty file or a header alone). */
    boolean empty() {
        return fields == 0;
    }

    static RatingsFormat sniff(Path file, MemorySegment data) {
        rejectNonText(file, data);
        long size = data.byteSize();
        long start = startsWith(data, UTF8_BOM) ? UTF8_BOM.length : 0;
        rejectBareCarriageReturns(file, data, start);
        long headerEnd = lineEnd(data, start);
        boolean header = start < size && headerEnd > start && !hasNumberField(data, start, headerEnd);
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
        if (header) {
            RatingsHeader.check(file, text(data, start, headerEnd), separator, fields);
        }
        return new RatingsFormat(separator, fields, dataStart, firstLine);
    }

    /** UTF-16 text, archives and other binary files have NUL bytes near their start; ratings never do. */
    private static void rejectNonText(Path file, MemorySegment data) {
        long n = Math.min(data.byteSize(), SNIFF_BYTES);
        int b0 = n > 0 ? byteAt(data, 0) & 0xFF : -1;
        int b1 = n > 1 ? byteAt(data, 1) & 0xFF : -1;
        if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
            throw DataException.of(file, "is UTF-16 text (it starts with a UTF-16 byte-order mark)",
                    "save it as UTF-8 or plain ASCII text, e.g. iconv -f UTF-16 -t UTF-8");
        }
        if (b0 == 'P' && b1 == 'K') {
            throw DataException.of(file, "is a zip archive, not a text file", "unzip it and give the folder it holds");
        }
        if (b0 == 0x1F && b1 == 0x8B) {
            throw DataException.of(file, "is gzip-compressed, not a text file", "decompress it first (gunzip)");
        }
        for (long i = 0; i < n; i++) {
            if (byteAt(data, i) == 0) {
                throw DataException.of(file, "is not a text file (it has NUL bytes; UTF-16 without a byte-order mark?)",
                        "give a ratings file saved as UTF-8 or plain ASCII text");
            }
        }
    }

    /** A '\r' not followed by '\n' before the first '\n': the file has classic Mac OS line ends. */
    private static void rejectBareCarriageReturns(Path file, MemorySegment data, long start) {
        long n = Math.min(data.byteSize(), start + SNIFF_BYTES);
        for (long i = start; i < n && byteAt(data, i) != '\n'; i++) {
            if (byteAt(data, i) == '\r' && i + 1 < data.byteSize() && byteAt(data, i + 1) != '\n') {
                throw DataException.at(file, 1, 0, "lines end in a bare carriage return (classic Mac OS line ends), "
                        + "so the file reads as one long line", "convert the line ends to \\n, e.g. tr '\\r' '\\n'");
            }
        }
    }

    /** Whether a field of the line (split on ',', tab or ':') is a number, as every data row's fields are. */
    private static boolean hasNumberField(MemorySegment data, long from, long to) {
        boolean digits = false;
        boolean other = false;
        for (long i = from; i <= to; i++) {
            byte b = i < to ? byteAt(data, i) : (byte) ',';
            if (b == ',' || b == '\t' || b == ':') {
                if (digits && !other) {
                    return true;
                }
                digits = false;
                other = false;
            } else if (b >= '0' && b <= '9') {
                digits = true;
            } else if (b != '.' && b != '-' && b != '+' && b != ' ') {
                other = true;
            }
        }
        return false;
    }

    private static String text(MemorySegment data, long from, long to) {
        byte[] bytes = new byte[(int) Math.min(to - from, 1000)];
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, from, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8);
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
