package reco.engine.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import reco.engine.data.IdIndex;
import reco.engine.data.RatingTable;
import reco.engine.model.MfModel;
import reco.kernels.ComputeDevice;
import reco.kernels.java.JavaDevice;

/** Seen items per user in compressed rows, and the streamed top-N for every user. */
class SeenItemsTest {

    /** Rows (user, item): (1, 3), (0, 2), (1, 0), (1, 3) again, (0, 0). */
    static RatingTable table() {
        int[][] rows = {{1, 3}, {0, 2}, {1, 0}, {1, 3}, {0, 0}};
        RatingTable t = RatingTable.allocate(rows.length);
        for (int r = 0; r < rows.length; r++) {
            t.set(r, rows[r][0], rows[r][1], 4f, r);
        }
        return t;
    }

    @Test
    void groupsSortsAndDeduplicatesEachUsersItems() {
        try (RatingTable t = table()) {
            SeenItems s = SeenItems.of(t, 3);
            assertEquals(3, s.users());
            assertArrayEquals(new int[] {0, 2}, s.of(0));
            assertArrayEquals(new int[] {0, 3}, s.of(1));
            assertArrayEquals(new int[0], s.of(2));
            assertEquals(2, s.count(1));
        }
    }

    @Test
    void translatesIndicesAndDropsWhatTheModelLacks() {
        // Table users 100, 200 (indices 0, 1); items 7, 8, 9, 10. Model: users 200, 300; items 8, 10.
        try (RatingTable t = table()) {
            SeenItems s = SeenItems.of(t, IdIndex.of(new long[] {100, 200}), IdIndex.of(new long[] {7, 8, 9, 10}),
                    IdIndex.of(new long[] {200, 300}), IdIndex.of(new long[] {8, 10}));
            assertEquals(2, s.users());
            assertArrayEquals(new int[] {1}, s.of(0), "user 200 rated items 7 and 10; only 10 (index 1) is in the model");
            assertArrayEquals(new int[0], s.of(1));
        }
    }

    @Test
    void everyUserGetsTheSameListAsOneByOne() throws IOException {
        try (MfModel m = RecommenderTest.model(); ComputeDevice d = new JavaDevice(1); Recommender r = new Recommender(d, m);
             RatingTable t = RatingTable.allocate(1)) {
            t.set(0, 0, 0, 5f, 0);
            SeenItems seen = SeenItems.of(t, m.users());
            List<Integer> users = new ArrayList<>();
            List<List<Scored>> lists = new ArrayList<>();
            int[] progress = new int[2];
            BatchRecommender.forEveryUser(r, seen, 2, (u, top) -> {
                users.add(u);
                lists.add(top);
            }, (done, total) -> {
                progress[0] = done;
                progress[1] = total;
            });
            assertEquals(List.of(0, 1), users);
            assertEquals(r.recommend(0, new int[] {0}, 2), lists.get(0));
            assertEquals(r.recommend(1, new int[0], 2), lists.get(1));
            assertArrayEquals(new int[] {2, 2}, progress);
        }
    }
}
