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
    /**
     * What the passes after parsing need, gathered while each row is stored so that they need not read
     * the columns again: the range of the raw user and item ids ({@link IdMapping}), the count of each
     * rating value ({@link RatingScale}), and whether the users never decrease from row to row
     * ({@link Duplicates}; ids map to their ranks, so this holds for the dense indices too).
     */
    long minUser = Long.MAX_VALUE;
    long maxUser = Long.MIN_VALUE;
    long minItem = Long.MAX_VALUE;
    long maxItem = Long.MIN_VALUE;
    final RatingCounts ratingCounts = new RatingCounts();
    boolean usersAscending = true;

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

    /** Notes a stored row's raw ids and rating (see {@link #minUser}); call before counting it in {@link #rows}. */
    void note(long user, long item, float rating) {
        usersAscending &= rows == 0 || user >= maxUser;
        minUser = Math.min(minUser, user);
        maxUser = Math.max(maxUser, user);
        minItem = Math.min(minItem, item);
        maxItem = Math.max(maxItem, item);
        ratingCounts.add(rating);
    }

    /** True when a bad row stopped the chunk (rows were not being skipped). */
    boolean failed() {
        return badRows > 0 && !skipping;
    }

    /**
     * Copies the int ids of chunk rows {@code [from, from + n)} of {@code column} into {@code window},
     * {@code n} = as many as fit; returns {@code n}. Passes over a column read it window by window into a
     * heap array because a bulk copy is fast from the first call, while a loop of single segment reads
     * crawls until the JIT has compiled it, which on a cold JVM is much of such a pass.
     */
    int copyIds(MemorySegment column, int from, int[] window) {
        int n = Math.min(window.length, rows - from);
        MemorySegment.copy(column, ValueLayout.JAVA_INT, (firstRow + from) * Integer.BYTES, window, 0, n);
        return n;
    }

    /** Writes {@code window[0, n)} back to chunk rows {@code [from, from + n)} of {@code column}. */
    void storeIds(int[] window, int n, MemorySegment column, int from) {
        MemorySegment.copy(window, 0, column, ValueLayout.JAVA_INT, (firstRow + from) * Integer.BYTES, n);
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
