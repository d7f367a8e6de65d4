package reco.engine.data;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * One chunk of a ratings file as parsed into its slice of the table: where its rows start, how many
 * there are, and what went wrong. Until {@link IdMapping} rewrites them, the user and item columns hold
 * the file's own ids; an id that does not fit in 32 bits switches the chunk's column to a side array
 * ({@link #wideUsers}, {@link #wideItems}) — MovieLens ids never do, but ids are 64-bit in general.
 *
 * <p>Line numbers here are local (newlines between the chunk's start and the row), so that chunks can
 * be parsed in parallel and numbered afterwards.
 */
final class RawChunk {
    /** Bad rows remembered per chunk; the report shows the first few of the whole file. */
    static final int KEPT_PROBLEMS = 5;

    /** First table row of this chunk (moved down when gaps before it are closed). */
    long firstRow;
    /** Lines in the chunk: no chunk has more rows. */
    final int lines;
    private final boolean skipping;
    int rows;
    /** Newlines passed so far, i.e. the local line number of the row being parsed. */
    long newlines;
    long badRows;
    /** The first {@link #KEPT_PROBLEMS} bad rows, lines local to the chunk. */
    final List<LocalProblem> problems = new ArrayList<>();
    /** Raw 64-bit ids by chunk row, null while every id fits in the int column. */
    long[] wideUsers;
    long[] wideItems;

    /** A bad row at a chunk-local line (0 = the chunk's first line). */
    record LocalProblem(long localLine, int column, String problem) {
    }

    RawChunk(long firstRow, int lines, boolean skipping) {
        this.firstRow = firstRow;
        this.lines = lines;
        this.skipping = skipping;
    }

    void bad(int column, String problem) {
        badRows++;
        if (problems.size() < KEPT_PROBLEMS) {
            problems.add(new LocalProblem(newlines, column, problem));
        }
    }

    /** True when a bad row stopped the chunk (rows were not being skipped). */
    boolean failed() {
        return badRows > 0 && !skipping;
    }

    /** The raw id of chunk row {@code i} in {@code column} (the user or the item column). */
    long rawId(MemorySegment column, long[] wide, int i) {
        return wide != null ? wide[i] : column.getAtIndex(ValueLayout.JAVA_INT, firstRow + i);
    }

    /** The chunk's rows so far as 64-bit ids, room for all its lines; from now on ids go there. */
    long[] widen(MemorySegment column) {
        long[] wide = new long[lines];
        for (int i = 0; i < rows; i++) {
            wide[i] = column.getAtIndex(ValueLayout.JAVA_INT, firstRow + i);
        }
        return wide;
    }
}
