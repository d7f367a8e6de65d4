package reco.engine.data;

import it.unimi.dsi.fastutil.longs.LongArrayList;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Finds repeated (user, movie) pairs. Policy: the last rating in file order wins — a later row is a
 * re-rating, as when MovieLens users change their mind — and the earlier ones are dropped.
 *
 * <p>Rows are visited user by user in file order (the published files are sorted by user, which the
 * parser notes as it reads them; otherwise a stable counting sort by user gives the order), with one
 * stamp per movie saying which user saw it last and in which row: a repeat is found in O(1), the whole
 * pass is O(rows).
 */
final class Duplicates {
    private Duplicates() {
    }

    /**
     * Rows to drop, ascending: every row of a (user, movie) pair except its last. {@code sortedByUser}:
     * whether the table's users never decrease from row to row ({@link RawRatings#usersAscending()}).
     */
    static long[] earlierRepeats(RatingTable table, int users, int items, boolean sortedByUser) {
        int n = checkedSize(table);
        Stamps stamps = new Stamps(items);
        if (sortedByUser) {
            // Window by window through heap copies of the two columns: see RawChunk.copyIds for why.
            int[] user = new int[IdMapping.WINDOW];
            int[] item = new int[IdMapping.WINDOW];
            for (int from = 0; from < n; from += user.length) {
                int m = Math.min(user.length, n - from);
                MemorySegment.copy(table.users(), ValueLayout.JAVA_INT, (long) from * Integer.BYTES, user, 0, m);
                MemorySegment.copy(table.items(), ValueLayout.JAVA_INT, (long) from * Integer.BYTES, item, 0, m);
                for (int k = 0; k < m; k++) {
                    stamps.visit(from + k, user[k], item[k]);
                }
            }
        } else {
            for (int row : table.rowsByUser()) {
                stamps.visit(row, table.user(row), table.item(row));
            }
        }
        long[] rows = stamps.drop.toLongArray();
        Arrays.sort(rows);
        return rows;
    }

    /** Per movie, the user that last rated it and in which row; rows visited user by user. */
    private static final class Stamps {
        final int[] stamp;      // 1 + the user that last rated the movie, 0 = none yet
        final int[] lastRow;    // that user's latest row for the movie
        final LongArrayList drop = new LongArrayList();

        Stamps(int items) {
            stamp = new int[items];
            lastRow = new int[items];
        }

        void visit(int row, int user, int item) {
            if (stamp[item] == user + 1) {
                drop.add(lastRow[item]);
            }
            stamp[item] = user + 1;
            lastRow[item] = row;
        }
    }

    /** All rows except {@code dropped} (ascending), in file order. */
    static long[] keptRows(long size, long[] dropped) {
        long[] kept = new long[Math.toIntExact(size - dropped.length)];
        int d = 0;
        int k = 0;
        for (long row = 0; row < size; row++) {
            if (d < dropped.length && dropped[d] == row) {
                d++;
            } else {
                kept[k++] = row;
            }
        }
        return kept;
    }

    private static int checkedSize(RatingTable table) {
        if (table.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("more than 2^31 ratings are not supported: " + table.size());
        }
        return (int) table.size();
    }
}
