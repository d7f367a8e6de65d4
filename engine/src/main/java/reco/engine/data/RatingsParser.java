package reco.engine.data;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ratings file of any MovieLens layout ({@code ratings.csv}, {@code ratings.dat}, {@code u.data},
 * the ml-100k {@code u1.base}…) in parallel: the file is cut into chunks at line boundaries, and each
 * chunk is read ({@link RatingsBytes}) and parsed from its bytes on a pool thread ({@link ChunkParser}).
 *
 * <p>Two passes, both parallel over chunks. The first counts each chunk's lines ({@link LineCounter}):
 * a chunk has at most that many rows, so the prefix sums say where its rows go in the table, and a
 * chunk's first line number is the sum of the lines before it, exact although chunks finish in any
 * order. The second parses each chunk straight into its slice of one {@link RatingTable}, noting on the
 * way what the later steps would otherwise read the columns again for ({@link RawChunk#note}). Memory
 * touched for the first time is what costs most: on the 2-core development VM a first-touch page fault
 * costs about 13 µs, 1.6 s for a 25-million-row table. So the table is written directly, never filled
 * in per-chunk arrays and copied; it is not zero-filled first, and its first touches fall on huge pages
 * and on the parsing threads ({@link RatingTable#allocateUnfilled}); and the file is read into reused
 * windows, not mapped page by page. Blank or skipped lines leave gaps, closed afterwards
 * ({@link RawRatings}).
 */
final class RatingsParser {
    /** The advice on every malformed-row error; the CLI spells the option {@code --skip-bad-rows}. */
    static final String BAD_ROW_FIX = "correct or delete that row, or skip malformed rows (--skip-bad-rows)";

    /** Chunks per thread: more than one evens out threads whose chunks parse at different speeds. */
    private static final int CHUNKS_PER_THREAD = 4;
    private static final long MIN_CHUNK_BYTES = 1L << 20;
    private static final long MAX_CHUNK_BYTES = 32L << 20;

    /**
     * Native bytes per row a load may hold at its peak: the table (int32 + int32 + float32 + int64) and a
     * copy of it (closing the gaps of blank or skipped lines, dropping duplicates).
     */
    static final long NATIVE_BYTES_PER_ROW = 2L * RatingTable.BYTES_PER_ROW;
    /** Heap bytes per row at the peak: the duplicate finder's row order (int) and kept rows (long). */
    static final long HEAP_BYTES_PER_ROW = Integer.BYTES + Long.BYTES;

    private final int threads;
    private final boolean skipBadRows;
    private final long chunkBytes; // 0: chosen from the file size
    private final MemoryBudget memory;

    RatingsParser(LoadOptions options) {
        this(options.threads(), options.skipBadRows(), 0, options.memory());
    }

    /** With a fixed chunk size, so that tests can make a small file span many chunks. */
    RatingsParser(int threads, boolean skipBadRows, long chunkBytes) {
        this(threads, skipBadRows, chunkBytes, MemoryBudget.machine());
    }

    RatingsParser(int threads, boolean skipBadRows, long chunkBytes, MemoryBudget memory) {
        this.threads = threads;
        this.skipBadRows = skipBadRows;
        this.chunkBytes = chunkBytes;
        this.memory = memory;
    }

    /** Parses {@code file}; the result's ids are still the file's. Throws if it holds no ratings. */
    RawRatings parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw DataException.of(file, Files.exists(file) ? "is not a regular file" : "no such file",
                    "give the path of a ratings file");
        }
        // Call scope: the mapping is only read here; every value is copied out before it closes.
        try (Arena arena = Arena.ofShared(); FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return parse(file, RatingsBytes.ofFile(file, mapping, channel));
        } catch (IOException e) {
            throw DataException.io(file, "cannot read", "check that the file exists and is readable", e);
        }
    }

    /**
     * Parses the bytes of a ratings file already in memory ({@code file} only names them in messages).
     * A first pass keeps every finite rating; when the file's own rating scale ({@link RatingScale}) has
     * ratings off it, a second pass over the same bytes treats those as malformed rows, so that they are
     * reported (or skipped) with their line like any other. The second pass is rare, so the usual load
     * pays only for counting the rating values.
     */
    RawRatings parse(Path file, MemorySegment data) {
        return parse(file, RatingsBytes.inMemory(file, data));
    }

    private RawRatings parse(Path file, RatingsBytes data) {
        RatingsFormat format = RatingsFormat.sniff(file, data.segment());
        if (format.empty()) {
            throw noRatings(file, 0, null);
        }
        long[] bounds = chunkBounds(data.segment(), format.dataStart());
        int chunks = bounds.length - 1;
        long[] lines = new long[chunks];
        Parallel.run(chunks, threads, () -> new LineCounter(data),
                (counter, c) -> lines[c] = counter.lines(bounds[c], bounds[c + 1]));
        long rows = 0;
        for (long n : lines) {
            rows += n;
        }
        memory.require(file, "loading " + rows + " rating rows", rows * NATIVE_BYTES_PER_ROW, 0, rows * HEAP_BYTES_PER_ROW);
        RawRatings raw = parseChunks(file, data, format, bounds, lines, null);
        RatingScale scale;
        try {
            scale = RatingScale.ifAnyOutside(raw.chunks());
        } catch (RuntimeException | Error e) {
            raw.table().close();
            throw e;
        }
        if (scale == null) {
            return raw;
        }
        raw.table().close();
        return parseChunks(file, data, format, bounds, lines, scale);
    }

    private RawRatings parseChunks(Path file, RatingsBytes data, RatingsFormat format, long[] bounds, long[] lines,
                                   RatingScale scale) {
        int chunks = lines.length;
        RawChunk[] out = new RawChunk[chunks];
        long rows = 0;
        for (int c = 0; c < chunks; c++) {
            out[c] = new RawChunk(rows, Math.toIntExact(lines[c]), skipBadRows);
            rows += lines[c];
        }
        RatingTable table = RatingTable.allocateUnfilled(rows);
        try {
            Parallel.run(chunks, threads, () -> new ChunkParser(data, format, table, scale),
                    (parser, c) -> parser.parse(out[c], bounds[c], bounds[c + 1], skipBadRows));
            return RawRatings.of(file, format, table, List.of(out), skipBadRows);
        } catch (RuntimeException | Error e) {
            table.close();
            throw e;
        }
    }

    static DataException noRatings(Path file, long badRows, List<RowProblem> examples) {
        return DataException.of(file, "no ratings" + (badRows > 0 ? ": all " + badRows
                        + " rows are malformed, e.g. " + examples.getFirst() : " in this file"),
                "give a file with rows like 1,31,2.5,1260759144 (user, movie, rating, timestamp)");
    }

    /** Chunk starts (plus the end): each after a '\n', so no line is split. */
    private long[] chunkBounds(MemorySegment data, long start) {
        long size = data.byteSize();
        long target = chunkBytes > 0 ? chunkBytes
                : Math.clamp((size - start) / ((long) threads * CHUNKS_PER_THREAD), MIN_CHUNK_BYTES, MAX_CHUNK_BYTES);
        List<Long> bounds = new ArrayList<>();
        bounds.add(start);
        long at = start;
        while (at < size) {
            at = at + target >= size ? size : RatingsFormat.nextLine(data, at + target - 1);
            bounds.add(at);
        }
        return bounds.stream().mapToLong(Long::longValue).toArray();
    }
}
