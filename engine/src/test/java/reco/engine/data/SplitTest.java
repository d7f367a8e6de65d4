package reco.engine.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitTest {
    private static final long SEED = 20240917L;

    /** n rows whose timestamp is the row number, so a row can be recognised after the split. */
    private static RatingTable numbered(int n, int users) {
        RatingTable t = RatingTable.allocate(n);
        for (int r = 0; r < n; r++) {
            t.set(r, r % users, r % 17, 0.5f + r % 10 * 0.5f, r);
        }
        return t;
    }

    private static Set<Long> stamps(RatingTable t) {
        Set<Long> out = new HashSet<>();
        for (long r = 0; r < t.size(); r++) {
            out.add(t.timestamp(r));
        }
        return out;
    }

    @Test
    void randomSplitIsDisjointCoveringInTableOrderAndOfTheRightSize() {
        System.out.println("SplitTest seed " + SEED);
        try (RatingTable t = numbered(1001, 13); SplitTables s = Split.random(t, 0.2, SEED)) {
            assertEquals(801, s.train().size());      // Math.round(1001 × 0.8) = 801
            assertEquals(200, s.test().size());
            Set<Long> train = stamps(s.train());
            Set<Long> test = stamps(s.test());
            assertTrue(train.stream().noneMatch(test::contains));
            Set<Long> all = new HashSet<>(train);
            all.addAll(test);
            assertEquals(stamps(t), all);
            for (long r = 1; r < s.test().size(); r++) {
                assertTrue(s.test().timestamp(r - 1) < s.test().timestamp(r), "test rows keep table order");
            }
            long row = s.train().timestamp(5);
            assertEquals(t.user(row), s.train().user(5));
            assertEquals(t.rating(row), s.train().rating(5));
        }
    }

    @Test
    void randomSplitIsReproducibleFromItsJavadocDescription() {
        int n = 500;
        try (RatingTable t = numbered(n, 7); SplitTables a = Split.random(t, 0.25, SEED);
             SplitTables b = Split.random(t, 0.25, SEED); SplitTables c = Split.random(t, 0.25, SEED + 1)) {
            assertEquals(stamps(a.test()), stamps(b.test()));
            assertNotEquals(stamps(a.test()), stamps(c.test()));
            // Rebuilt by hand exactly as the javadoc says.
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(SEED);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int x = perm[i];
                perm[i] = perm[j];
                perm[j] = x;
            }
            Set<Long> expectedTest = new HashSet<>();
            for (int k = (int) Math.round(n * 0.75); k < n; k++) {
                expectedTest.add((long) perm[k]);
            }
            assertEquals(expectedTest, stamps(a.test()));
        }
    }

    @Test
    void temporalSplitTakesEachUsersLatestRatings() {
        RatingTable t = RatingTable.allocate(12);
        long[] user0 = {50, 10, 40, 20, 30};
        int row = 0;
        for (long ts : user0) {
            t.set(row++, 0, row, 4f, ts);
        }
        t.set(row++, 1, 1, 3f, 99);                 // a single rating stays in training
        for (int k = 0; k < 3; k++) {
            t.set(row++, 2, k, 2f, 7);              // equal timestamps: table order decides
        }
        t.set(row++, 3, 1, 1f, 5);
        t.set(row++, 3, 2, 1f, 6);
        t.set(row, 0, 9, 1f, 45);                   // user 0's sixth rating, later in the table
        try (t; SplitTables s = Split.temporal(t, 0.4)) {
            // user 0: 6 ratings, ⌈2.4⌉ = 3 latest: 50, 45, 40. user 2: ⌈1.2⌉ = 2 of 3: its last two rows.
            // user 3: ⌈0.8⌉ = 1 of 2: timestamp 6.
            Set<Long> testRows = new HashSet<>();
            for (long r = 0; r < s.test().size(); r++) {
                testRows.add(s.test().timestamp(r) * 100 + s.test().user(r) * 10 + s.test().item(r));
            }
            assertEquals(Set.of(50 * 100 + 1L, 45 * 100 + 9L, 40 * 100 + 3L, 7 * 100 + 21L, 7 * 100 + 22L,
                    6 * 100 + 32L), testRows);
            assertEquals(6, s.train().size());
        }
    }

    @Test
    void temporalSplitCountsExactFractions() {
        RatingTable t = RatingTable.allocate(10);
        for (int r = 0; r < 10; r++) {
            t.set(r, 0, r, 3f, r);
        }
        try (t; SplitTables s = Split.temporal(t, 0.7)) {
            assertEquals(7, s.test().size(), "0.7 × 10 is 7, not 8");
            assertEquals(3, s.test().timestamp(0));
        }
    }

    @Test
    void fractionsOutsideZeroToOneAreRejected() {
        try (RatingTable t = numbered(10, 2)) {
            assertThrows(IllegalArgumentException.class, () -> Split.random(t, 0, 1));
            assertThrows(IllegalArgumentException.class, () -> Split.random(t, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> Split.temporal(t, Double.NaN));
        }
    }
}
