package reco.engine.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The planted truth behind {@link Synthetic}: biases, rank-{@code rank} factors, item popularity and
 * user activity, and the per-user generation of rows from them.
 *
 * <p>rating = clamp(round-to-half(μ + b_u + b_i + P_u·Q_i + ε), 0.5, 5) with b_u ~ N(0, 0.3²),
 * b_i ~ N(0, 0.35²), factor entries ~ N(0, σ²) where σ⁴·rank = 0.6² so that P_u·Q_i has a standard deviation
 * of about 0.6 whatever the rank, and ε ~ N(0, 0.35²). Items are drawn by popularity, Zipf-like: the item of
 * popularity rank r (a seeded permutation) has weight 1/(r + 10)^0.9; a user rates each item at most once.
 * Activity is skewed too: user u's share of the ratings is lognormal, exp(N(0, 1)), with at least one
 * rating each and at most one per item.
 *
 * <p>Reproducible: every random draw comes from {@code new SplittableRandom(seed)} and generators split
 * from it in a fixed order (model, activity, then one per block of {@link #BLOCK} users), so the output is
 * the same for a seed whatever the number of threads.
 */
final class SyntheticModel {
    static final int BLOCK = 1024;
    static final float MU = 3.6f;
    private static final double USER_BIAS_SD = 0.3;
    private static final double ITEM_BIAS_SD = 0.35;
    private static final double DOT_SD = 0.6;
    private static final double NOISE_SD = 0.35;
    private static final double ZIPF_EXPONENT = 0.9;
    private static final double ZIPF_OFFSET = 10;
    static final long FIRST_TIMESTAMP = 946_684_800L;   // 2000-01-01
    static final long LAST_TIMESTAMP = 1_704_067_200L;  // 2024-01-01

    /** Receives generated rows; {@code row} counts from 0 in output order. */
    interface RowSink {
        void accept(long row, int user, int item, float rating, long timestamp);
    }

    final int users;
    final int items;
    final int rank;
    private final double factorSd;
    private final float[] itemBias;
    private final float[] q;            // items × rank, row-major
    private final double[] popularity;  // cumulative item weights, last = 1
    private final int[] counts;         // ratings per user
    final long[] firstRow;              // users + 1 prefix sums of counts
    private final SplittableRandom[] blockRandom;

    SyntheticModel(int users, int items, long ratings, int rank, long seed) {
        if (users < 1 || items < 1 || rank < 1) {
            throw new IllegalArgumentException("users, items and rank must be positive: " + users + ", " + items + ", " + rank);
        }
        if (ratings < users || ratings > (long) users * items) {
            throw new IllegalArgumentException("ratings must be between users (" + users + ") and users × items ("
                    + (long) users * items + "), got " + ratings);
        }
        this.users = users;
        this.items = items;
        this.rank = rank;
        this.factorSd = Math.sqrt(DOT_SD / Math.sqrt(rank));
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom modelRandom = root.split();
        itemBias = new float[items];
        q = new float[items * rank];
        for (int i = 0; i < items; i++) {
            itemBias[i] = (float) (modelRandom.nextGaussian() * ITEM_BIAS_SD);
            for (int k = 0; k < rank; k++) {
                q[i * rank + k] = (float) (modelRandom.nextGaussian() * factorSd);
            }
        }
        popularity = popularity(items, modelRandom);
        counts = activity(users, items, ratings, root.split());
        firstRow = new long[users + 1];
        for (int u = 0; u < users; u++) {
            firstRow[u + 1] = firstRow[u] + counts[u];
        }
        blockRandom = new SplittableRandom[blocks()];
        for (int b = 0; b < blockRandom.length; b++) {
            blockRandom[b] = root.split();
        }
    }

    int blocks() {
        return (users + BLOCK - 1) / BLOCK;
    }

    long rowsInBlock(int block) {
        return firstRow[Math.min(users, (block + 1) * BLOCK)] - firstRow[block * BLOCK];
    }

    /**
     * Generates the rows of users {@code [block·BLOCK, …)}: per user, movies ascending. Call once per
     * block: it consumes the block's generator.
     */
    void generate(int block, RowSink sink) {
        SplittableRandom rng = blockRandom[block];
        int[] stamp = new int[items];
        float[] p = new float[rank];
        int last = Math.min(users, (block + 1) * BLOCK);
        for (int u = block * BLOCK; u < last; u++) {
            float userBias = (float) (rng.nextGaussian() * USER_BIAS_SD);
            for (int k = 0; k < rank; k++) {
                p[k] = (float) (rng.nextGaussian() * factorSd);
            }
            int[] chosen = chooseItems(counts[u], rng, stamp, u + 1);
            long start = FIRST_TIMESTAMP + (long) (rng.nextDouble() * (LAST_TIMESTAMP - FIRST_TIMESTAMP) * 0.9);
            long span = 1 + (long) (rng.nextDouble() * (LAST_TIMESTAMP - start));
            long row = firstRow[u];
            for (int item : chosen) {
                double raw = MU + userBias + itemBias[item] + dot(p, item) + rng.nextGaussian() * NOISE_SD;
                long halves = Math.clamp(Math.round(raw * 2), 1, 10);
                sink.accept(row++, u, item, halves / 2f, start + rng.nextLong(span));
            }
        }
    }

    private double dot(float[] p, int item) {
        double s = 0;
        int base = item * rank;
        for (int k = 0; k < rank; k++) {
            s += p[k] * q[base + k];
        }
        return s;
    }

    /**
     * {@code count} distinct items by popularity, ascending. Rejection sampling while the user rates at
     * most an eighth of the items (then the items not yet drawn keep enough weight for few rejections);
     * beyond that, Efraimidis–Spirakis weighted sampling without replacement (keys u^(1/w)).
     */
    private int[] chooseItems(int count, SplittableRandom rng, int[] stamp, int mark) {
        int[] chosen = new int[count];
        if (count <= items / 8) {
            int n = 0;
            while (n < count) {
                int item = drawItem(rng);
                if (stamp[item] != mark) {
                    stamp[item] = mark;
                    chosen[n++] = item;
                }
            }
        } else {
            double[] keys = new double[items];
            Integer[] order = new Integer[items];
            for (int i = 0; i < items; i++) {
                double w = popularity[i] - (i == 0 ? 0 : popularity[i - 1]);
                keys[i] = Math.log(rng.nextDouble()) / w;
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(keys[b], keys[a]));
            for (int n = 0; n < count; n++) {
                chosen[n] = order[n];
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    private int drawItem(SplittableRandom rng) {
        int i = Arrays.binarySearch(popularity, rng.nextDouble());
        return Math.min(items - 1, i >= 0 ? i + 1 : -i - 1);
    }

    private static double[] popularity(int items, SplittableRandom rng) {
        int[] byRank = new int[items];
        for (int i = 0; i < items; i++) {
            byRank[i] = i;
        }
        for (int i = items - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = byRank[i];
            byRank[i] = byRank[j];
            byRank[j] = t;
        }
        double[] weight = new double[items];
        for (int r = 0; r < items; r++) {
            weight[byRank[r]] = 1 / Math.pow(r + ZIPF_OFFSET, ZIPF_EXPONENT);
        }
        double[] cumulative = new double[items];
        double sum = 0;
        for (int i = 0; i < items; i++) {
            sum += weight[i];
            cumulative[i] = sum;
        }
        for (int i = 0; i < items; i++) {
            cumulative[i] /= sum;
        }
        cumulative[items - 1] = 1;
        return cumulative;
    }

    private static int[] activity(int users, int items, long ratings, SplittableRandom rng) {
        double[] share = new double[users];
        double total = 0;
        for (int u = 0; u < users; u++) {
            share[u] = Math.exp(rng.nextGaussian());
            total += share[u];
        }
        int[] counts = new int[users];
        long left = ratings - users;
        long assigned = users;
        for (int u = 0; u < users; u++) {
            counts[u] = (int) Math.min(items, 1 + (long) (left * share[u] / total));
            assigned += counts[u] - 1;
        }
        for (int u = 0; assigned < ratings; u = (u + 1) % users) {
            if (counts[u] < items) {
                counts[u]++;
                assigned++;
            }
        }
        return counts;
    }
}
