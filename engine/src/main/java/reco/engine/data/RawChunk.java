package reco.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows parsed from one chunk of a ratings file, with external ids not yet mapped, and what went
 * wrong in it. Line numbers here are local: the number of newlines between the chunk's start and the
 * row, so that chunks can be parsed in parallel and numbered afterwards.
 */
final class RawChunk {
    /** Bad rows remembered per chunk; the report shows the first few of the whole file. */
    static final int KEPT_PROBLEMS = 5;

    long[] users;       // raw user ids, rows entries used
    long[] items;       // raw movie ids
    float[] ratings;
    long[] timestamps;  // null for 3-field files
    int rows;
    /** Newlines passed in this chunk (all of them unless {@link #failed()}). */
    long newlines;
    long badRows;
    /** Whether bad rows are skipped (true) or stop the chunk (false). */
    private final boolean skipping;
    /** The first {@link #KEPT_PROBLEMS} bad rows, lines local to the chunk. */
    final List<LocalProblem> problems = new ArrayList<>();

    /** A bad row at a chunk-local line (0 = the chunk's first line). */
    record LocalProblem(long localLine, int column, String problem) {
    }

    RawChunk(int capacity, boolean timestamps, boolean skipping) {
        this.skipping = skipping;
        int c = Math.max(16, capacity);
        users = new long[c];
        items = new long[c];
        ratings = new float[c];
        this.timestamps = timestamps ? new long[c] : null;
    }

    void add(long user, long item, float rating, long timestamp) {
        if (rows == users.length) {
            grow();
        }
        users[rows] = user;
        items[rows] = item;
        ratings[rows] = rating;
        if (timestamps != null) {
            timestamps[rows] = timestamp;
        }
        rows++;
    }

    void bad(long localLine, int column, String problem) {
        badRows++;
        if (problems.size() < KEPT_PROBLEMS) {
            problems.add(new LocalProblem(localLine, column, problem));
        }
    }

    /** True when a bad row stopped the chunk (rows were not being skipped). */
    boolean failed() {
        return badRows > 0 && !skipping;
    }

    /** Drops the columns once they have been copied into a table. */
    void release() {
        users = null;
        items = null;
        ratings = null;
        timestamps = null;
    }

    private void grow() {
        int c = (int) Math.min(Integer.MAX_VALUE - 8, users.length + (users.length >> 1) + 16L);
        if (c == users.length) {
            throw new IllegalStateException("more than " + c + " rows in one chunk");
        }
        users = Arrays.copyOf(users, c);
        items = Arrays.copyOf(items, c);
        ratings = Arrays.copyOf(ratings, c);
        if (timestamps != null) {
            timestamps = Arrays.copyOf(timestamps, c);
        }
    }
}
