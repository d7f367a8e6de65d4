package reco.engine.data;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Ratings as four off-heap columns of {@link #size()} entries: dense user index (int32), dense item
 * index (int32), rating (float32) and timestamp (int64, seconds since the epoch, 0 when unknown).
 * The columns are 64-byte aligned native segments so that a device can use them in place.
 *
 * <p>Owns its memory through a shared arena (several threads fill and read it); close it to free.
 */
public final class RatingTable implements AutoCloseable {
    private static final long ALIGNMENT = 64;
    /** Where {@link Libc} is used for unfilled columns. */
    private static final boolean LINUX = System.getProperty("os.name", "").startsWith("Linux");
    /** Native bytes per row: user and item (int32), rating (float32), timestamp (int64). */
    public static final long BYTES_PER_ROW = Integer.BYTES + Integer.BYTES + Float.BYTES + Long.BYTES;

    private final Arena arena;          // object scope: lives as long as this table
    private final long size;
    private final MemorySegment users;      // int32 × size
    private final MemorySegment items;      // int32 × size
    private final MemorySegment ratings;    // float32 × size
    private final MemorySegment timestamps; // int64 × size

    private RatingTable(long size, boolean zeroed) {
        this.arena = Arena.ofShared();
        this.size = size;
        long n = Math.max(size, 1);
        try {
            this.users = column(n * Integer.BYTES, zeroed);
            this.items = column(n * Integer.BYTES, zeroed);
            this.ratings = column(n * Float.BYTES, zeroed);
            this.timestamps = column(n * Long.BYTES, zeroed);
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private MemorySegment column(long bytes, boolean zeroed) {
        return zeroed || !LINUX || bytes < Libc.HUGE_PAGE ? arena.allocate(bytes, ALIGNMENT)
                : Libc.allocateUntouched(arena, bytes);
    }

    /** A zero-filled table of {@code size} rows, to be filled with the setters. */
    public static RatingTable allocate(long size) {
        return new RatingTable(checkedSize(size), true);
    }

    /**
     * A table of {@code size} rows whose content is unspecified until written: for a caller that writes
     * every row it later reads, from the threads that will use them. Large columns are left untouched
     * (no zero-filling pass) and advised onto huge pages ({@link Libc}), so that their first-touch cost
     * is paid by the writers, in parallel, instead of by one thread up front. Elsewhere than Linux the
     * columns are zero-filled as by {@link #allocate}.
     */
    static RatingTable allocateUnfilled(long size) {
        return new RatingTable(checkedSize(size), false);
    }

    private static long checkedSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        return size;
    }

    public long size() {
        return size;
    }

    public int user(long row) {
        return users.getAtIndex(ValueLayout.JAVA_INT, row);
    }

    public int item(long row) {
        return items.getAtIndex(ValueLayout.JAVA_INT, row);
    }

    public float rating(long row) {
        return ratings.getAtIndex(ValueLayout.JAVA_FLOAT, row);
    }

    public long timestamp(long row) {
        return timestamps.getAtIndex(ValueLayout.JAVA_LONG, row);
    }

    public void set(long row, int user, int item, float rating, long timestamp) {
        users.setAtIndex(ValueLayout.JAVA_INT, row, user);
        items.setAtIndex(ValueLayout.JAVA_INT, row, item);
        ratings.setAtIndex(ValueLayout.JAVA_FLOAT, row, rating);
        timestamps.setAtIndex(ValueLayout.JAVA_LONG, row, timestamp);
    }

    /** The user column, int32 × size (a view: valid until {@link #close()}). */
    public MemorySegment users() {
        return users.asSlice(0, size * Integer.BYTES);
    }

    /** The item column, int32 × size. */
    public MemorySegment items() {
        return items.asSlice(0, size * Integer.BYTES);
    }

    /** The rating column, float32 × size. */
    public MemorySegment ratings() {
        return ratings.asSlice(0, size * Float.BYTES);
    }

    /** The timestamp column, int64 × size. */
    public MemorySegment timestamps() {
        return timestamps.asSlice(0, size * Long.BYTES);
    }

    /** A new table holding the rows {@code rows[0..n)} of this one, in that order. */
    public RatingTable select(long[] rows) {
        RatingTable out = allocateUnfilled(rows.length);
        for (int i = 0; i < rows.length; i++) {
            long r = rows[i];
            out.set(i, user(r), item(r), rating(r), timestamp(r));
        }
        return out;
    }

    /** Moves rows {@code [from, from + count)} to start at row {@code to} (the ranges may overlap). */
    void moveRows(long from, long to, long count) {
        MemorySegment.copy(users, from * Integer.BYTES, users, to * Integer.BYTES, count * Integer.BYTES);
        MemorySegment.copy(items, from * Integer.BYTES, items, to * Integer.BYTES, count * Integer.BYTES);
        MemorySegment.copy(ratings, from * Float.BYTES, ratings, to * Float.BYTES, count * Float.BYTES);
        MemorySegment.copy(timestamps, from * Long.BYTES, timestamps, to * Long.BYTES, count * Long.BYTES);
    }

    /** A new table holding a copy of every row. */
    public RatingTable copy() {
        return copyOfFirst(size);
    }

    /** A new table holding the rows of {@code a}, then those of {@code b}. */
    public static RatingTable concat(RatingTable a, RatingTable b) {
        RatingTable out = allocateUnfilled(a.size + b.size);
        copyRows(a, out, 0);
        copyRows(b, out, a.size);
        return out;
    }

    private static void copyRows(RatingTable from, RatingTable to, long at) {
        long n = from.size;
        MemorySegment.copy(from.users, 0, to.users, at * Integer.BYTES, n * Integer.BYTES);
        MemorySegment.copy(from.items, 0, to.items, at * Integer.BYTES, n * Integer.BYTES);
        MemorySegment.copy(from.ratings, 0, to.ratings, at * Float.BYTES, n * Float.BYTES);
        MemorySegment.copy(from.timestamps, 0, to.timestamps, at * Long.BYTES, n * Long.BYTES);
    }

    /** A new table holding a copy of rows {@code [0, n)}. */
    RatingTable copyOfFirst(long n) {
        RatingTable out = allocateUnfilled(n);
        MemorySegment.copy(users, 0, out.users, 0, n * Integer.BYTES);
        MemorySegment.copy(items, 0, out.items, 0, n * Integer.BYTES);
        MemorySegment.copy(ratings, 0, out.ratings, 0, n * Float.BYTES);
        MemorySegment.copy(timestamps, 0, out.timestamps, 0, n * Long.BYTES);
        return out;
    }

    /** Row numbers grouped by user (ascending user index), table order within a user: a counting sort. */
    public int[] rowsByUser() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("more than 2^31 ratings are not supported: " + size);
        }
        int n = (int) size;
        int users = 0;
        for (int i = 0; i < n; i++) {
            users = Math.max(users, user(i) + 1);
        }
        int[] next = new int[users + 1];
        for (int i = 0; i < n; i++) {
            next[user(i) + 1]++;
        }
        for (int u = 0; u < users; u++) {
            next[u + 1] += next[u];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[user(i)]++] = i;
        }
        return order;
    }

    /** Mean of the rating column (0 for an empty table). */
    public double meanRating() {
        double sum = 0;
        for (long i = 0; i < size; i++) {
            sum += rating(i);
        }
        return size == 0 ? 0 : sum / size;
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
