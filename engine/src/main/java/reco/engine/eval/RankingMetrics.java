package reco.engine.eval;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntSet;
import reco.engine.data.RatingTable;

/**
 * Top-K ranking quality with binary relevance: precision@K, recall@K and NDCG@K, averaged over users.
 *
 * <p>Protocol, for each user:
 * <ul>
 *   <li>candidates are the items the user did not rate in the training split; the recommender ranks
 *       them and gives its top K, best first (this class only scores that list);</li>
 *   <li>the relevant items are the user's test ratings at or above a threshold
 *       ({@link #DEFAULT_THRESHOLD}, 4.0 stars by default);</li>
 *   <li>users with no relevant test item are skipped: none of the three metrics is defined for them;</li>
 *   <li>precision@K = hits in the top K / K, with K as the denominator even where the list is shorter
 *       (so that returning fewer items is never rewarded);</li>
 *   <li>recall@K = hits in the top K / |relevant|;</li>
 *   <li>NDCG@K = DCG / IDCG with DCG = Σ over ranks r = 1..K of rel(r) / log2(r + 1) and IDCG the same sum
 *       over the first min(K, |relevant|) ranks, all relevant (Järvelin &amp; Kekäläinen 2002).</li>
 * </ul>
 * Each metric is the plain mean of the per-user values over the users evaluated. A list holds distinct
 * items; a negative entry (the {@code -1} a device's top-K pads with) ends it.
 */
public final class RankingMetrics {
    /** Test ratings at or above this are relevant: 4 of 5 stars, "liked". */
    public static final float DEFAULT_THRESHOLD = 4.0f;

    /**
     * Averages over {@code users} users.
     *
     * @param k            the cut-off K
     * @param precision    mean precision@K
     * @param recall       mean recall@K
     * @param ndcg         mean NDCG@K
     * @param users        users evaluated (with at least one relevant test item)
     * @param skippedUsers users given but skipped for having no relevant test item
     */
    public record Result(int k, double precision, double recall, double ndcg, int users, int skippedUsers) {
    }

    /** Adds users one at a time, so that top-K lists can be scored block by block as a device returns them. */
    public static final class Accumulator {
        private final int k;
        private double precision;
        private double recall;
        private double ndcg;
        private int users;
        private int skipped;

        public Accumulator(int k) {
            if (k <= 0) {
                throw new IllegalArgumentException("K must be positive, was " + k);
            }
            this.k = k;
        }

        /** Scores one user's ranked list {@code ranked[from .. from + K)} (or to its end) against {@code relevant}. */
        public void add(int[] ranked, int from, IntSet relevant) {
            if (relevant == null || relevant.isEmpty()) {
                skipped++;
                return;
            }
            int hits = 0;
            double dcg = 0;
            for (int r = 0; r < k && from + r < ranked.length && ranked[from + r] >= 0; r++) {
                if (relevant.contains(ranked[from + r])) {
                    hits++;
                    dcg += discount(r);
                }
            }
            double idcg = 0;
            for (int r = 0, n = Math.min(k, relevant.size()); r < n; r++) {
                idcg += discount(r);
            }
            precision += (double) hits / k;
            recall += (double) hits / relevant.size();
            ndcg += dcg / idcg;
            users++;
        }

        /** Scores one user's whole ranked list (its first K entries count). */
        public void add(int[] ranked, IntSet relevant) {
            add(ranked, 0, relevant);
        }

        /** The means so far; all three are 0 when no user was evaluated. */
        public Result result() {
            double n = Math.max(users, 1);
            return new Result(k, precision / n, recall / n, ndcg / n, users, skipped);
        }

        /** 1 / log2(rank + 1) for the 0-based rank {@code r}, i.e. 1-based rank r + 1. */
        private static double discount(int r) {
            return 1.0 / (Math.log(r + 2) / Math.log(2));
        }
    }

    private RankingMetrics() {
    }

    /**
     * Scores the users' ranked lists: {@code ranked[u]} for user u (null: nothing recommended) against
     * {@code relevant[u]} (null or empty: skipped).
     */
    public static Result evaluate(int[][] ranked, IntSet[] relevant, int k) {
        if (ranked.length != relevant.length) {
            throw new IllegalArgumentException(ranked.length + " ranked lists for " + relevant.length + " users");
        }
        Accumulator acc = new Accumulator(k);
        for (int u = 0; u < ranked.length; u++) {
            acc.add(ranked[u] == null ? new int[0] : ranked[u], relevant[u]);
        }
        return acc.result();
    }

    /**
     * Each user's relevant items: the items of {@code test} rated at or above {@code threshold}, by dense
     * user index in {@code [0, users)}; users with none get an empty set.
     */
    public static IntSet[] relevantItems(RatingTable test, int users, float threshold) {
        IntSet[] relevant = new IntSet[users];
        for (int u = 0; u < users; u++) {
            relevant[u] = new IntOpenHashSet();
        }
        for (long row = 0; row < test.size(); row++) {
            if (test.rating(row) >= threshold) {
                relevant[test.user(row)].add(test.item(row));
            }
        }
        return relevant;
    }
}
