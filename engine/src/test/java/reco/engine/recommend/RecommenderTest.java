package reco.engine.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.ValueLayout;
import java.util.List;

import org.junit.jupiter.api.Test;

import reco.engine.data.IdIndex;
import reco.engine.model.MfModel;
import reco.kernels.ComputeDevice;
import reco.kernels.java.JavaDevice;

/** Top-N by predicted rating with the seen items left out, and cosine similarity, on a hand-made model. */
public class RecommenderTest {

    /** 2 users, 4 items, 2 factors; item vectors chosen so that the answers are known. */
    public static MfModel model() {
        MfModel m = MfModel.allocate(IdIndex.of(new long[] {10, 20}), IdIndex.of(new long[] {1, 2, 3, 4}), 2, true);
        m.setGlobalMean(3f);
        float[] p = {1, 0, 0, 1};
        float[] q = {2, 0, 1, 1, 0, 2, -1, 0};
        float[] bi = {0, 0.5f, 0, 0};
        for (int j = 0; j < p.length; j++) {
            m.userFactors().setAtIndex(ValueLayout.JAVA_FLOAT, j, p[j]);
        }
        for (int j = 0; j < q.length; j++) {
            m.itemFactors().setAtIndex(ValueLayout.JAVA_FLOAT, j, q[j]);
        }
        for (int j = 0; j < bi.length; j++) {
            m.itemBias().setAtIndex(ValueLayout.JAVA_FLOAT, j, bi[j]);
        }
        m.userBias().setAtIndex(ValueLayout.JAVA_FLOAT, 1, 0.25f);
        return m;
    }

    @Test
    void recommendsByPredictedRatingSkippingSeenItems() {
        try (MfModel m = model(); ComputeDevice d = new JavaDevice(1); Recommender r = new Recommender(d, m)) {
            // User 0 = (1, 0): item scores 3 + bias + q_i·p = 5, 4.5, 3, 2. Item 0 seen.
            List<Scored> top = r.recommend(0, new int[] {0}, 2);
            assertEquals(List.of(new Scored(1, 4.5f), new Scored(2, 3f)), top);
            // User 1 = (0, 1), bias 0.25: 3.25, 4.75, 5.25, 3.25; nothing seen; tie → lower index.
            top = r.recommend(1, new int[0], 4);
            assertEquals(List.of(new Scored(2, 5.25f), new Scored(1, 4.75f), new Scored(0, 3.25f), new Scored(3, 3.25f)), top);
        }
    }

    @Test
    void similarIsCosineWithoutTheItemItself() {
        try (MfModel m = model(); ComputeDevice d = new JavaDevice(1); Recommender r = new Recommender(d, m)) {
            // Unit vectors: (1,0), (.707,.707), (0,1), (-1,0); from item 0: cos 0.707, 0, -1.
            List<Scored> top = r.similar(0, 3);
            assertEquals(3, top.size());
            assertEquals(1, top.get(0).item());
            assertEquals(0.7071f, top.get(0).score(), 1e-4);
            assertEquals(2, top.get(1).item());
            assertEquals(3, top.get(2).item());
            assertEquals(-1f, top.get(2).score(), 1e-6);
        }
    }

    @Test
    void blocksOfManyUsersGiveTheSameAnswersAsOneAtATime() {
        try (MfModel m = model(); ComputeDevice d = new JavaDevice(2); Recommender r = new Recommender(d, m)) {
            int n = Recommender.BLOCK + 5;
            int[] users = new int[n];
            int[][] exclude = new int[n][];
            for (int j = 0; j < n; j++) {
                users[j] = j % 2;
                exclude[j] = j % 3 == 0 ? new int[] {1} : new int[0];
            }
            List<List<Scored>> all = r.recommend(users, exclude, 2);
            for (int j = 0; j < n; j++) {
                assertEquals(r.recommend(users[j], exclude[j], 2), all.get(j), "query " + j);
            }
        }
    }

    @Test
    void rarelyRatedItemsAreNeverSuggested() {
        try (MfModel m = model(); ComputeDevice d = new JavaDevice(1);
             Recommender r = new Recommender(d, m).skipRarelyRated(new int[] {12, 3, 40, 10}, 10)) {
            // User 1 would get 2, 1, 0, 3 (see above); item 1 has 3 ratings, below 10.
            assertEquals(List.of(new Scored(2, 5.25f), new Scored(0, 3.25f), new Scored(3, 3.25f)), r.recommend(1, new int[0], 4));
            // Exclusions and skipped items together: item 2 seen, item 1 rare.
            assertEquals(List.of(new Scored(0, 3.25f), new Scored(3, 3.25f)), r.recommend(1, new int[] {2}, 4));
            assertEquals(List.of(2, 3), r.similar(0, 3).stream().map(Scored::item).toList());
        }
    }

    @Test
    void unionOfAscendingArrays() {
        assertEquals(java.util.Arrays.toString(new int[] {0, 1, 3, 5, 7}),
                java.util.Arrays.toString(Recommender.union(new int[] {1, 3, 7}, new int[] {0, 3, 5})));
        assertEquals("[]", java.util.Arrays.toString(Recommender.union(new int[0], new int[0])));
    }
}
