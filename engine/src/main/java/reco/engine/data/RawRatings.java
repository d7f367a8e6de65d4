package reco.engine.data;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ratings file whose ids are still the file's own: its chunks in file order, each with the line
 * number it starts at. {@link #writeInto} maps the ids and copies the rows into a {@link RatingTable}.
 */
final class RawRatings {
    private final Path file;
    private final List<RawChunk> chunks;
    private final long[] rowOffsets;   // first row of each chunk in the file's row order
    private final long rows;
    private final long badRows;
    private final List<RowProblem> firstBadRows;
    private final boolean timestamps;

    private RawRatings(Path file, List<RawChunk> chunks, long[] rowOffsets, long badRows,
                       List<RowProblem> firstBadRows, boolean timestamps) {
        this.file = file;
        this.chunks = chunks;
        this.rowOffsets = rowOffsets;
        this.rows = rowOffsets[chunks.size()];
        this.badRows = badRows;
        this.firstBadRows = firstBadRows;
        this.timestamps = timestamps;
    }

    /**
     * Numbers the chunks' lines and gathers their problems; in strict mode (not skipping) throws the
     * file's first malformed row.
     */
    static RawRatings of(Path file, RatingsFormat format, List<RawChunk> chunks, boolean skipBadRows) {
        long line = format.firstLine();
        long[] rowOffsets = new long[chunks.size() + 1];
        long badRows = 0;
        List<RowProblem> problems = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            RawChunk chunk = chunks.get(c);
            for (RawChunk.LocalProblem p : chunk.problems) {
                if (problems.size() < RawChunk.KEPT_PROBLEMS) {
                    problems.add(new RowProblem(file, line + p.localLine(), p.column(), p.problem()));
                }
            }
            if (!skipBadRows && chunk.failed()) {
                throw problems.getFirst().toException(RatingsParser.BAD_ROW_FIX);
            }
            badRows += chunk.badRows;
            line += chunk.newlines;
            rowOffsets[c + 1] = rowOffsets[c] + chunk.rows;
        }
        return new RawRatings(file, chunks, rowOffsets, badRows, List.copyOf(problems), format.hasTimestamps());
    }

    Path file() {
        return file;
    }

    long rows() {
        return rows;
    }

    long badRows() {
        return badRows;
    }

    /** The first few malformed rows, in file order. */
    List<RowProblem> firstBadRows() {
        return firstBadRows;
    }

    boolean hasTimestamps() {
        return timestamps;
    }

    List<RawChunk> chunks() {
        return chunks;
    }

    /** Copies all rows in file order into {@code table} from row 0, ids mapped, then drops the raw columns. */
    void writeInto(RatingTable table, IdMapping users, IdMapping items, int threads) {
        MemorySegment userColumn = table.users();
        MemorySegment itemColumn = table.items();
        MemorySegment ratingColumn = table.ratings();
        MemorySegment timeColumn = table.timestamps();
        Parallel.run(chunks.size(), threads, c -> {
            RawChunk chunk = chunks.get(c);
            long row = rowOffsets[c];
            for (int i = 0; i < chunk.rows; i++) {
                userColumn.setAtIndex(ValueLayout.JAVA_INT, row + i, users.map(chunk.users[i]));
                itemColumn.setAtIndex(ValueLayout.JAVA_INT, row + i, items.map(chunk.items[i]));
            }
            MemorySegment.copy(chunk.ratings, 0, ratingColumn, ValueLayout.JAVA_FLOAT, row * Float.BYTES, chunk.rows);
            if (chunk.timestamps != null) {
                MemorySegment.copy(chunk.timestamps, 0, timeColumn, ValueLayout.JAVA_LONG, row * Long.BYTES,
                        chunk.rows);
            }
            chunk.release();
        });
    }
}
