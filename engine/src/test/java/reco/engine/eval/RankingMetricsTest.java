package reco.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.ints.IntSet;
import org.junit.jupiter.api.Test;
import reco.engine.data.RatingTable;

class RankingMetricsTest {
    private static final double EPS = 1e-12;
    /** 1 / log2(3), the discount at rank 2. */
    private static final double D2 = 0.6309297535714575;

    private static IntSet set(int... items) {
        return new IntOpenHashSet(items);
    }

    @Test
    void twoUsersAndOneSkippedByHand() {
        int[][] ranked = {
                {10, 20, 30, 40}, // user A: relevant {20, 40, 50}
                {5, 6},           // user B: list shorter than K, relevant {5}
                {7, 8, 9},        // user C: no relevant test item, skipped
        };
        IntSet[] relevant = {set(20, 40, 50), set(5), set()};
        RankingMetrics.Result r = RankingMetrics.evaluate(ranked, relevant, 3);
        // A, top 3 = 10, 20, 30: one hit (20, rank 2). precision 1/3, recall 1/3,
        //   DCG = 1/log2(3) = 0.63093, IDCG over min(3, 3) ranks = 1 + 0.63093 + 0.5 = 2.13093,
        //   NDCG = 0.29608191096586.
        // B, top 3 = 5, 6: one hit (5, rank 1). precision 1/3 (K is the denominator), recall 1/1,
        //   DCG = 1, IDCG over min(3, 1) = 1 rank = 1, NDCG = 1.
        // Means over A and B: precision 1/3, recall (1/3 + 1) / 2 = 2/3, NDCG (0.29608 + 1) / 2.
        assertEquals(1.0 / 3, r.precision(), EPS);
        assertEquals(2.0 / 3, r.recall(), EPS);
        assertEquals((D2 / (1 + D2 + 0.5) + 1) / 2, r.ndcg(), EPS);
        assertEquals(0.6480409554829326, r.ndcg(), EPS);
        assertEquals(2, r.users());
        assertEquals(1, r.skippedUsers());
        assertEquals(3, r.k());
    }

    @Test
    void allRelevant() {
        // 3 of 3 recommended are relevant out of 5 relevant: precision 1, recall 3/5, and NDCG 1 because
        // IDCG stops at min(K, |relevant|) = 3 ranks, the same three ranks the list fills.
        RankingMetrics.Result r = RankingMetrics.evaluate(new int[][] {{1, 2, 3}}, new IntSet[] {set(1, 2, 3, 4, 5)}, 3);
        assertEquals(1.0, r.precision(), EPS);
        assertEquals(0.6, r.recall(), EPS);
        assertEquals(1.0, r.ndcg(), EPS);
    }

    @Test
    void hitAtTheSecondRankOnly() {
        // relevant {2}: DCG = 1/log2(3), IDCG = 1 (one relevant item): NDCG = 0.63093; precision 1/2, recall 1.
        RankingMetrics.Result r = RankingMetrics.evaluate(new int[][] {{1, 2}}, new IntSet[] {set(2)}, 2);
        assertEquals(D2, r.ndcg(), EPS);
        assertEquals(0.5, r.precision(), EPS);
        assertEquals(1.0, r.recall(), EPS);
    }

    @Test
    void kLargerThanTheListAndDevicePaddingCountAlike() {
        IntSet[] relevant = {set(4, 9)};
        RankingMetrics.Result shortList = RankingMetrics.evaluate(new int[][] {{4}}, relevant, 5);
        RankingMetrics.Result padded = RankingMetrics.evaluate(new int[][] {{4, -1, -1, -1, -1}}, relevant, 5);
        assertEquals(shortList, padded);
        // one hit at rank 1 of K = 5 with 2 relevant: precision 1/5, recall 1/2, NDCG = 1 / (1 + 1/log2(3))
        assertEquals(0.2, shortList.precision(), EPS);
        assertEquals(0.5, shortList.recall(), EPS);
        assertEquals(1 / (1 + D2), shortList.ndcg(), EPS);
    }

    @Test
    void onlyTheFirstKEntriesCount() {
        // K = 1: only item 1 counts; the relevant 2 at rank 2 is past the cut-off.
        RankingMetrics.Result r = RankingMetrics.evaluate(new int[][] {{1, 2}}, new IntSet[] {set(2)}, 1);
        assertEquals(0, r.precision());
        assertEquals(0, r.recall());
        assertEquals(0, r.ndcg());
        assertEquals(1, r.users());
    }

    @Test
    void noUserWithRelevantItemsGivesZerosAndCountsTheSkipped() {
        RankingMetrics.Result r = RankingMetrics.evaluate(new int[][] {{1}, null}, new IntSet[] {set(), null}, 10);
        assertEquals(new RankingMetrics.Result(10, 0, 0, 0, 0, 2), r);
    }

    @Test
    void aUserWithoutAListStillCountsAsAMiss() {
        RankingMetrics.Result r = RankingMetrics.evaluate(new int[][] {{1}, null}, new IntSet[] {set(1), set(3)}, 1);
        // user 0: precision 1, recall 1, NDCG 1; user 1: all 0. Means 0.5.
        assertEquals(new RankingMetrics.Result(1, 0.5, 0.5, 0.5, 2, 0), r);
    }

    @Test
    void accumulatorReadsBlocksOfTopKRows() {
        // A device's top-K output for two queries, K = 2, row-major: query 0 → (3, 1), query 1 → (2, 0).
        int[] block = {3, 1, 2, 0};
        RankingMetrics.Accumulator acc = new RankingMetrics.Accumulator(2);
        acc.add(block, 0, set(1));
        acc.add(block, 2, set(2));
        RankingMetrics.Result r = acc.result();
        // query 0: hit at rank 2 → precision 1/2, recall 1, NDCG 1/log2(3);
        // query 1: hit at rank 1 → precision 1/2, recall 1, NDCG 1.
        assertEquals(0.5, r.precision(), EPS);
        assertEquals(1.0, r.recall(), EPS);
        assertEquals((D2 + 1) / 2, r.ndcg(), EPS);
    }

    @Test
    void relevantItemsAreTestRatingsAtOrAboveTheThreshold() {
        try (RatingTable test = RatingTable.allocate(5)) {
            test.set(0, 0, 7, 4.0f, 0); // exactly the threshold: relevant
            test.set(1, 0, 8, 3.5f, 0); // below
            test.set(2, 2, 9, 5.0f, 0);
            test.set(3, 2, 1, 4.5f, 0);
            test.set(4, 1, 3, 1.0f, 0);
            IntSet[] relevant = RankingMetrics.relevantItems(test, 4, RankingMetrics.DEFAULT_THRESHOLD);
            assertEquals(set(7), relevant[0]);
            assertEquals(set(), relevant[1]);
            assertEquals(set(1, 9), relevant[2]);
            assertEquals(set(), relevant[3]);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RankingMetrics.Accumulator(0));
        assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.evaluate(new int[1][], new IntSet[2], 3));
    }
}
