package reco.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import reco.engine.data.RatingTable;
import reco.engine.data.Synthetic;

/** The blocked schedule's arrangement: every rating once, blocks of a stratum disjoint, users in order. */
class BlockedScheduleTest {
    static final long SEED = 11;

    @ParameterizedTest(name = "{0} groups")
    @ValueSource(ints = {1, 3, 8})
    void everyRatingOnceAndTheBlocksOfAStratumShareNothing(int groups) {
        try (RatingTable fit = Synthetic.table(97, 61, 5000, 3, SEED)) {
            BlockedSchedule s = BlockedSchedule.of(fit, groups, 97, 61, new SplittableRandom(SEED));
            try (RatingTable arranged = s.arrange(fit)) {
                assertEquals(sorted(fit), sorted(arranged), "the same ratings, rearranged");
                long covered = 0;
                for (int stratum = 0; stratum < groups; stratum++) {
                    long[] starts = s.starts(stratum);
                    long[] counts = s.counts(stratum);
                    Set<Integer> users = new HashSet<>();
                    Set<Integer> items = new HashSet<>();
                    for (int b = 0; b < groups; b++) {
                        Set<Integer> blockUsers = new HashSet<>();
                        Set<Integer> blockItems = new HashSet<>();
                        int previousUser = -1;
                        for (long r = starts[b]; r < starts[b] + counts[b]; r++) {
                            blockUsers.add(arranged.user(r));
                            blockItems.add(arranged.item(r));
                            assertTrue(arranged.user(r) >= previousUser, "users in order within a block");
                            previousUser = arranged.user(r);
                        }
                        for (int u : blockUsers) {
                            assertTrue(users.add(u), "user " + u + " in two blocks of stratum " + stratum);
                        }
                        for (int i : blockItems) {
                            assertTrue(items.add(i), "item " + i + " in two blocks of stratum " + stratum);
                        }
                        covered += counts[b];
                    }
                }
                assertEquals(fit.size(), covered, "the strata cover every rating once");
            }
        }
    }

    @ParameterizedTest(name = "{0} groups")
    @ValueSource(ints = {2, 7})
    void groupsAreEvenAndTheStrataOrderIsAPermutation(int groups) {
        try (RatingTable fit = Synthetic.table(100, 50, 4000, 3, SEED)) {
            BlockedSchedule s = BlockedSchedule.of(fit, groups, 100, 50, new SplittableRandom(SEED));
            // A dense user–item grid: each block's rating count follows its groups' sizes, within a few
            // ratings of the mean when the groups are even.
            long[] all = new long[groups * groups];
            int n = 0;
            for (int stratum = 0; stratum < groups; stratum++) {
                for (long c : s.counts(stratum)) {
                    all[n++] = c;
                }
            }
            double mean = (double) fit.size() / all.length;
            for (long c : all) {
                assertTrue(Math.abs(c - mean) < 0.35 * mean, "block of " + c + " ratings, mean " + mean);
            }
            int[] order = s.epochOrder(new SplittableRandom(SEED));
            int[] expected = new int[groups];
            Arrays.setAll(expected, i -> i);
            int[] got = order.clone();
            Arrays.sort(got);
            assertArrayEquals(expected, got);
        }
    }

    @Test
    void chunksOfConsecutiveIndicesStayTogetherAndGroupsStayEven() {
        int users = 40_000;
        int items = 9_000;
        int groups = 8;
        assertEquals(BlockedSchedule.MAX_CHUNK, BlockedSchedule.chunk(users, groups));
        assertEquals(BlockedSchedule.MAX_CHUNK, BlockedSchedule.chunk(items, groups));
        try (RatingTable fit = Synthetic.table(users, items, 400_000, 3, SEED)) {
            BlockedSchedule s = BlockedSchedule.of(fit, groups, users, items, new SplittableRandom(SEED));
            int[] userGroup = new int[users];
            int[] itemGroup = new int[items];
            Arrays.fill(userGroup, -1);
            Arrays.fill(itemGroup, -1);
            try (RatingTable arranged = s.arrange(fit)) {
                for (int stratum = 0; stratum < groups; stratum++) {
                    long[] starts = s.starts(stratum);
                    long[] counts = s.counts(stratum);
                    for (int g = 0; g < groups; g++) {
                        for (long r = starts[g]; r < starts[g] + counts[g]; r++) {
                            userGroup[arranged.user(r)] = g;
                            itemGroup[arranged.item(r)] = (g + stratum) % groups;
                        }
                    }
                }
            }
            assertChunked(userGroup, BlockedSchedule.MAX_CHUNK, groups, "user");
            assertChunked(itemGroup, BlockedSchedule.MAX_CHUNK, groups, "item");
        }
    }

    @Test
    void smallDataIsDealtOneByOne() {
        assertEquals(1, BlockedSchedule.chunk(100, 7));
        assertEquals(4, BlockedSchedule.chunk(610, 8));
    }

    /** Every chunk in one group (indices without ratings, -1, aside), and groups of even size. */
    private static void assertChunked(int[] group, int chunk, int groups, String what) {
        int[] size = new int[groups];
        for (int x = 0; x < group.length; x++) {
            if (group[x] < 0) {
                continue;
            }
            size[group[x]]++;
            int first = x - x % chunk;
            for (int y = first; y < x; y++) {
                assertTrue(group[y] < 0 || group[y] == group[x],
                        what + "s " + y + " and " + x + " share a chunk but not a group");
            }
        }
        double mean = Arrays.stream(size).sum() / (double) groups;
        for (int n : size) {
            assertTrue(Math.abs(n - mean) < 0.1 * mean, what + " group of " + n + ", mean " + mean);
        }
    }

    private static List<String> sorted(RatingTable t) {
        List<String> rows = new ArrayList<>();
        for (long r = 0; r < t.size(); r++) {
            rows.add(t.user(r) + "," + t.item(r) + "," + t.rating(r) + "," + t.timestamp(r));
        }
        rows.sort(null);
        return rows;
    }
}
