package reco.engine.data;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ratings file: a {@link RatingTable} in file order whose user and item columns still hold the
 * file's ids, the chunks it was parsed in, and the malformed rows found. {@link #mapIds} turns the ids
 * into dense indices in place. Owns the table until {@link #table()} hands it on.
 */
final class RawRatings {
    private final Path file;
    private final RatingTable table;
    private final List<RawChunk> chunks;
    private final long badRows;
    private final List<RowProblem> firstBadRows;

    private RawRatings(Path file, RatingTable table, List<RawChunk> chunks, long badRows,
                       List<RowProblem> firstBadRows) {
        this.file = file;
        this.table = table;
        this.chunks = chunks;
        this.badRows = badRows;
        this.firstBadRows = firstBadRows;
    }

    /**
     * Numbers the chunks' lines and gathers their problems; in strict mode (not skipping) throws the
     * file's first malformed row, and throws when there are no rows at all. Then closes the gaps that
     * blank and skipped lines left: {@code table} is closed and replaced by an exact copy when there are.
     */
    static RawRatings of(Path file, RatingsFormat format, RatingTable table, List<RawChunk> chunks,
                         boolean skipBadRows) {
        long line = format.firstLine();
        long badRows = 0;
        long rows = 0;
        List<RowProblem> problems = new ArrayList<>();
        for (RawChunk chunk : chunks) {
            for (RawChunk.LocalProblem p : chunk.problems) {
                if (problems.size() < RawChunk.KEPT_PROBLEMS) {
                    problems.add(new RowProblem(file, line + p.localLine(), p.column(), p.problem()));
                }
            }
            if (!skipBadRows && chunk.failed()) {
                throw problems.getFirst().toException(RatingsParser.BAD_ROW_FIX);
            }
            badRows += chunk.badRows;
            line += chunk.lines;
            rows += chunk.rows;
        }
        if (rows == 0) {
            throw RatingsParser.noRatings(file, badRows, problems);
        }
        RatingTable exact = rows == table.size() ? table : closeGaps(table, chunks, rows);
        return new RawRatings(file, exact, chunks, badRows, List.copyOf(problems));
    }

    /** Moves each chunk's rows down to follow the previous chunk's, then copies the filled prefix. */
    private static RatingTable closeGaps(RatingTable table, List<RawChunk> chunks, long rows) {
        try (table) {
            long next = 0;
            for (RawChunk chunk : chunks) {
                if (chunk.firstRow != next) {
                    table.moveRows(chunk.firstRow, next, chunk.rows);
                    chunk.firstRow = next;
                }
                next += chunk.rows;
            }
            return table.copyOfFirst(rows);
        }
    }

    Path file() {
        return file;
    }

    long rows() {
        return table.size();
    }

    long badRows() {
        return badRows;
    }

    /** The first few malformed rows, in file order. */
    List<RowProblem> firstBadRows() {
        return firstBadRows;
    }

    /** The table (file ids until {@link #mapIds}, dense indices after). */
    RatingTable table() {
        return table;
    }

    List<RawChunk> chunks() {
        return chunks;
    }

    /** Whether the rows' users never decrease in file order (as in the published files), from the parser's notes. */
    boolean usersAscending() {
        long last = Long.MIN_VALUE;
        for (RawChunk chunk : chunks) {
            if (chunk.rows == 0) {
                continue;
            }
            if (!chunk.usersAscending || chunk.minUser < last) {
                return false;
            }
            last = chunk.maxUser;
        }
        return true;
    }

    /** Replaces the file's ids by their dense indices, in place. */
    void mapIds(IdMapping users, IdMapping items, int threads) {
        MemorySegment userColumn = table.users();
        MemorySegment itemColumn = table.items();
        Parallel.run(chunks.size(), threads, () -> new int[IdMapping.WINDOW], (window, c) -> {
            RawChunk chunk = chunks.get(c);
            users.mapInPlace(chunk, userColumn, chunk.wideUsers, window);
            items.mapInPlace(chunk, itemColumn, chunk.wideItems, window);
            chunk.wideUsers = null;
            chunk.wideItems = null;
        });
    }
}
