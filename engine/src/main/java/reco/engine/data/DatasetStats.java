package reco.engine.data;

import it.unimi.dsi.fastutil.ints.Int2LongMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What {@code reco info} shows about a data set, computed from its rating table. Users and movies are
 * counted when they have at least one rating in the table (a shared id index may hold more).
 *
 * @param ratings          rows in the table
 * @param users            distinct users with a rating
 * @param movies           distinct movies with a rating
 * @param matrixCells      users × movies: the cells of the full rating matrix
 * @param filledFraction   ratings / matrixCells
 * @param sparsity         1 − filledFraction
 * @param histogram        rating value → count, for the values that occur, ascending
 * @param mostRated        the most-rated movies, most ratings first (ties: smaller movie id first)
 * @param minPerUser       fewest ratings of a user
 * @param medianPerUser    median ratings per user (mean of the two middle counts for an even number of users)
 * @param maxPerUser       most ratings of a user
 */
public record DatasetStats(long ratings, int users, int movies, long matrixCells, double filledFraction,
                           double sparsity, SortedMap<Float, Long> histogram, List<MovieCount> mostRated,
                           int minPerUser, double medianPerUser, int maxPerUser) {

    /**
     * One of the most-rated movies.
     *
     * @param movieId    external movie id
     * @param title      catalogue title, or {@code movie <id>} when the catalogue lacks it
     * @param count      ratings
     * @param meanRating their mean
     */
    public record MovieCount(long movieId, String title, long count, double meanRating) {
    }

    public DatasetStats {
        histogram = Collections.unmodifiableSortedMap(new TreeMap<>(histogram));
        mostRated = List.copyOf(mostRated);
    }

    /** Statistics of a loaded data set, with its {@code top} most-rated movies. */
    public static DatasetStats of(Dataset data, int top) {
        return of(data.ratings(), data.users(), data.items(), data.catalog(), top);
    }

    /** Statistics of {@code table}, whose dense indices are those of {@code users} and {@code items}. */
    public static DatasetStats of(RatingTable table, IdIndex users, IdIndex items, Catalog catalog, int top) {
        int[] perUser = new int[users.size()];
        int[] perItem = new int[items.size()];
        double[] sumPerItem = new double[items.size()];
        Int2LongOpenHashMap counts = new Int2LongOpenHashMap(); // float bits → count (fastutil-core has no float maps)
        for (long r = 0; r < table.size(); r++) {
            perUser[table.user(r)]++;
            perItem[table.item(r)]++;
            sumPerItem[table.item(r)] += table.rating(r);
            counts.addTo(Float.floatToIntBits(table.rating(r) + 0f), 1); // + 0f: −0 and 0 are one value
        }
        int[] active = Arrays.stream(perUser).filter(c -> c > 0).sorted().toArray();
        int rated = (int) Arrays.stream(perItem).filter(c -> c > 0).count();
        long cells = (long) active.length * rated;
        double filled = cells == 0 ? 0 : (double) table.size() / cells;
        return new DatasetStats(table.size(), active.length, rated, cells, filled, 1 - filled,
                histogram(counts), mostRated(perItem, sumPerItem, items, catalog, top),
                active.length == 0 ? 0 : active[0], median(active),
                active.length == 0 ? 0 : active[active.length - 1]);
    }

    private static List<MovieCount> mostRated(int[] perItem, double[] sumPerItem, IdIndex items, Catalog catalog,
                                              int top) {
        List<Integer> rated = new ArrayList<>();
        for (int i = 0; i < perItem.length; i++) {
            if (perItem[i] > 0) {
                rated.add(i);
            }
        }
        // Dense indices are id ranks, so comparing indices orders by movie id.
        rated.sort(Comparator.comparingInt((Integer i) -> -perItem[i]).thenComparingInt(i -> i));
        List<MovieCount> out = new ArrayList<>();
        for (int i : rated.subList(0, Math.min(top, rated.size()))) {
            long id = items.idOf(i);
            out.add(new MovieCount(id, catalog.titleOf(id), perItem[i], sumPerItem[i] / perItem[i]));
        }
        return out;
    }

    private static SortedMap<Float, Long> histogram(Int2LongOpenHashMap counts) {
        SortedMap<Float, Long> out = new TreeMap<>();
        for (Int2LongMap.Entry e : counts.int2LongEntrySet()) {
            out.put(Float.intBitsToFloat(e.getIntKey()), e.getLongValue());
        }
        return out;
    }

    private static double median(int[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
