package reco.engine.data;

import it.unimi.dsi.fastutil.longs.LongArrayList;

import java.util.Arrays;

/**
 * Finds repeated (user, movie) pairs. Policy: the last rating in file order wins — a later row is a
 * re-rating, as when MovieLens users change their mind — and the earlier ones are dropped.
 *
 * <p>Rows are visited user by user in file order (the published files are sorted by user, which is
 * checked first; otherwise a stable counting sort by user gives the order), with one stamp per movie
 * saying which user saw it last and in which row: a repeat is found in O(1), the whole pass is O(rows).
 */
final class Duplicates {
    private Duplicates() {
    }

    /** Rows to drop, ascending: every row of a (user, movie) pair except its last. */
    static long[] earlierRepeats(RatingTable table, int users, int items) {
        int n = checkedSize(table);
        int[] order = sortedByUser(table) ? null : table.rowsByUser();
        int[] stamp = new int[items];      // 1 + the user that last rated the movie, 0 = none yet
        int[] lastRow = new int[items];    // that user's latest row for the movie
        LongArrayList drop = new LongArrayList();
        for (int k = 0; k < n; k++) {
            int row = order == null ? k : order[k];
            int user = table.user(row);
            int item = table.item(row);
            if (stamp[item] == user + 1) {
                drop.add(lastRow[item]);
            }
            stamp[item] = user + 1;
            lastRow[item] = row;
        }
        long[] rows = drop.toLongArray();
        Arrays.sort(rows);
        return rows;
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

    private static boolean sortedByUser(RatingTable table) {
        for (long i = 1; i < table.size(); i++) {
            if (table.user(i) < table.user(i - 1)) {
                return false;
            }
        }
        return true;
    }

    private static int checkedSize(RatingTable table) {
        if (table.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("more than 2^31 ratings are not supported: " + table.size());
        }
        return (int) table.size();
    }
}
