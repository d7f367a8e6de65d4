package reco.kernels.java;

import static java.lang.Float.floatToRawIntBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorRows} gives {@link ScalarRows}' bits exactly, for rows shorter than a register, of
 * whole registers and with tails, at offsets that differ between weights and gradients. That is
 * what lets the mini-batch path switch kernels at any batch.
 */
class VectorRowsTest {
    private static final int ROWS = 12;
    private static final int MAX_LEN = 41;

    @BeforeAll
    static void vectorApiIsThere() {
        assertTrue(VectorSupport.AVAILABLE, "the build runs tests with --add-modules=jdk.incubator.vector");
    }

    @Test
    void accumulateMatchesScalarBitForBit() {
        SplittableRandom r = TestRandom.seeded("vectorRows accumulate", 1);
        for (int len = 0; len <= MAX_LEN; len++) {
            int[] own = words(r, ROWS * len);
            int[] other = words(r, ROWS * len);
            float[] a = floats(r, ROWS * len);
            float[] b = a.clone();
            for (int n = 0; n < 200; n++) {
                int g = r.nextInt(ROWS) * len;
                int at = r.nextInt(ROWS) * len;
                int o = r.nextInt(ROWS) * len;
                float e = (float) r.nextGaussian();
                float decay = n % 3 == 0 ? 0f : (float) r.nextDouble() * 0.1f;
                ScalarRows.accumulate(a, g, own, at, other, o, len, e, decay);
                VectorRows.accumulate(b, g, own, at, other, o, len, e, decay);
            }
            assertArrayEquals(bits(a), bits(b), "gradients, rows of " + len);
        }
    }

    @Test
    void pairsMatchScalarBitForBit() {
        SplittableRandom r = TestRandom.seeded("vectorRows pairs", 4);
        for (int len = 0; len <= MAX_LEN; len++) {
            int[] p = words(r, ROWS * len);
            int[] q = words(r, ROWS * len);
            float[] userA = floats(r, ROWS * len);
            float[] itemA = floats(r, ROWS * len);
            float[] userB = userA.clone();
            float[] itemB = itemA.clone();
            int[] rowP = new int[2 * len];
            int[] rowQ = new int[2 * len];
            for (int n = 0; n < 200; n++) {
                int pu = r.nextInt(ROWS) * len;
                int qi = r.nextInt(ROWS) * len;
                int o = r.nextInt(2) * len;
                VectorRows.copyPair(p, pu, q, qi, rowP, rowQ, o, len);
                assertArrayEquals(Arrays.copyOfRange(p, pu, pu + len), Arrays.copyOfRange(rowP, o, o + len));
                assertArrayEquals(Arrays.copyOfRange(q, qi, qi + len), Arrays.copyOfRange(rowQ, o, o + len));
                int ug = r.nextInt(ROWS) * len;
                int ig = r.nextInt(ROWS) * len;
                float e = (float) r.nextGaussian();
                float decay = n % 3 == 0 ? 0f : (float) r.nextDouble() * 0.1f;
                ScalarRows.accumulate(userA, ug, rowP, o, rowQ, o, len, e, decay);
                ScalarRows.accumulate(itemA, ig, rowQ, o, rowP, o, len, e, decay);
                VectorRows.accumulatePair(userB, ug, itemB, ig, rowP, rowQ, o, len, e, decay);
            }
            assertArrayEquals(bits(userA), bits(userB), "user gradients, rows of " + len);
            assertArrayEquals(bits(itemA), bits(itemB), "item gradients, rows of " + len);
        }
    }

    @Test
    void sgdRowsMatchScalarBitForBit() {
        SplittableRandom r = TestRandom.seeded("vectorRows sgd", 2);
        for (int len = 0; len <= MAX_LEN; len++) {
            int[] wa = words(r, ROWS * len);
            int[] wb = wa.clone();
            for (int t = 0; t < 100; t++) {
                int[] rows = someRows(r);
                float[] ga = floats(r, rows.length * len);
                float[] gb = ga.clone();
                ScalarRows.sgdRows(wa, rows, rows.length, len, ga, 0.05f);
                VectorRows.sgdRows(wb, rows, rows.length, len, gb, 0.05f);
                assertArrayEquals(bits(ga), bits(gb), "gradients zeroed, rows of " + len);
            }
            assertArrayEquals(wa, wb, "weights, rows of " + len);
        }
    }

    @Test
    void adamRowsMatchScalarBitForBit() {
        SplittableRandom r = TestRandom.seeded("vectorRows adam", 3);
        for (int len = 0; len <= MAX_LEN; len++) {
            int[] wa = words(r, ROWS * len);
            int[] m1a = new int[ROWS * len];
            int[] m2a = new int[ROWS * len];
            int[] wb = wa.clone();
            int[] m1b = m1a.clone();
            int[] m2b = m2a.clone();
            for (int t = 1; t <= 100; t++) {
                int[] rows = someRows(r);
                float[] ga = floats(r, rows.length * len);
                if (len > 0 && t % 7 == 0) {
                    ga[r.nextInt(ga.length)] = 0f; // a zero gradient: v may reach 0, the division ε alone
                }
                float[] gb = ga.clone();
                float stepSize = (float) (1e-3 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t)));
                ScalarRows.adamRows(wa, m1a, m2a, rows, rows.length, len, ga, 0.9f, 0.999f, 1e-8f, stepSize);
                VectorRows.adamRows(wb, m1b, m2b, rows, rows.length, len, gb, 0.9f, 0.999f, 1e-8f, stepSize);
                assertArrayEquals(bits(ga), bits(gb), "gradients zeroed, rows of " + len);
            }
            assertArrayEquals(wa, wb, "weights, rows of " + len);
            assertArrayEquals(m1a, m1b, "first moments, rows of " + len);
            assertArrayEquals(m2a, m2b, "second moments, rows of " + len);
        }
    }

    /** 1 to {@link #ROWS} distinct rows in a random order, as a batch touches them. */
    private static int[] someRows(SplittableRandom r) {
        int[] all = new int[ROWS];
        for (int x = 0; x < ROWS; x++) {
            int swap = r.nextInt(x + 1);
            all[x] = all[swap];
            all[swap] = x;
        }
        return Arrays.copyOf(all, 1 + r.nextInt(ROWS));
    }

    private static int[] words(SplittableRandom r, int n) {
        int[] w = new int[n];
        for (int x = 0; x < n; x++) {
            w[x] = floatToRawIntBits((float) r.nextGaussian());
        }
        return w;
    }

    private static float[] floats(SplittableRandom r, int n) {
        float[] f = new float[n];
        for (int x = 0; x < n; x++) {
            f[x] = (float) (r.nextGaussian() * 0.1);
        }
        return f;
    }

    private static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int x = 0; x < f.length; x++) {
            b[x] = floatToRawIntBits(f[x]);
        }
        return b;
    }
}
