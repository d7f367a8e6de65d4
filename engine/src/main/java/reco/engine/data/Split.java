package reco.engine.data;

import it.unimi.dsi.fastutil.ints.IntArrays;

import java.util.SplittableRandom;

/**
 * Train/test splits of a {@link RatingTable}, described exactly so that anyone can rebuild them.
 * Both results keep the table's dense indices and list their rows in the table's order.
 */
public final class Split {
    /** Slack in ⌈f·n⌉ so that 0.7 × 10, which is 7.000000000000001 in floating point, counts as 7. */
    private static final double CEIL_TOLERANCE = 1e-9;

    private Split() {
    }

    /**
     * A uniformly random split, reproducible from {@code seed}: with n rows, start from the permutation
     * {@code 0, 1, …, n−1}, shuffle it with Fisher–Yates driven by {@code new SplittableRandom(seed)} —
     * for i from n−1 down to 1, {@code j = rng.nextInt(i + 1)}, swap entries i and j — then the first
     * {@code Math.round(n·(1−testFraction))} entries are the training rows and the rest the test rows, each
     * put back in table order.
     *
     * @param testFraction share of rows in the test table, strictly between 0 and 1
     */
    public static SplitTables random(RatingTable table, double testFraction, long seed) {
        checkFraction(testFraction);
        int n = rowCount(table);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = perm[i];
            perm[i] = perm[j];
            perm[j] = swap;
        }
        int trainRows = (int) Math.round(n * (1 - testFraction));
        boolean[] inTest = new boolean[n];
        for (int k = trainRows; k < n; k++) {
            inTest[perm[k]] = true;
        }
        return cut(table, inTest);
    }

    /**
     * A split in time, per user: of a user's n ratings, the last ⌈testFraction·n⌉ by timestamp (equal
     * timestamps in table order) go to the test table, but at most n−1, so a user with one rating keeps
     * it for training. No randomness.
     *
     * @param testFraction share of each user's ratings in the test table, strictly between 0 and 1
     */
    public static SplitTables temporal(RatingTable table, double testFraction) {
        checkFraction(testFraction);
        int n = rowCount(table);
        int[] order = table.rowsByUser();
        boolean[] inTest = new boolean[n];
        int from = 0;
        while (from < n) {
            int user = table.user(order[from]);
            int to = from;
            while (to < n && table.user(order[to]) == user) {
                to++;
            }
            // Stable by table order: rows of a user are in table order before this sort.
            IntArrays.quickSort(order, from, to, (a, b) -> {
                int c = Long.compare(table.timestamp(a), table.timestamp(b));
                return c != 0 ? c : Integer.compare(a, b);
            });
            int count = to - from;
            int test = (int) Math.min(Math.ceil(testFraction * count - CEIL_TOLERANCE), count - 1);
            for (int k = to - test; k < to; k++) {
                inTest[order[k]] = true;
            }
            from = to;
        }
        return cut(table, inTest);
    }

    private static SplitTables cut(RatingTable table, boolean[] inTest) {
        int tests = 0;
        for (boolean t : inTest) {
            tests += t ? 1 : 0;
        }
        long[] trainRows = new long[inTest.length - tests];
        long[] testRows = new long[tests];
        int a = 0;
        int b = 0;
        for (int i = 0; i < inTest.length; i++) {
            if (inTest[i]) {
                testRows[b++] = i;
            } else {
                trainRows[a++] = i;
            }
        }
        return new SplitTables(table.select(trainRows), table.select(testRows));
    }

    private static void checkFraction(double f) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException("test fraction must be strictly between 0 and 1, got " + f);
        }
    }

    private static int rowCount(RatingTable table) {
        if (table.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("splitting more than 2^31 ratings is not supported: " + table.size());
        }
        return (int) table.size();
    }
}
