package reco.kernels.java;

import java.util.SplittableRandom;

/** Seeded test data. Every seed is printed, so that a failure can be replayed. */
final class TestRandom {
    private TestRandom() {
    }

    static SplittableRandom seeded(String test, long seed) {
        System.out.println(test + ": seed " + seed);
        return new SplittableRandom(seed);
    }

    static float[] gaussian(SplittableRandom r, int n, double sd) {
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = (float) (r.nextGaussian() * sd);
        }
        return out;
    }

    static float[] uniform(SplittableRandom r, int n, double from, double to) {
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = (float) r.nextDouble(from, to);
        }
        return out;
    }

    static int[] ints(SplittableRandom r, int n, int bound) {
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            out[j] = r.nextInt(bound);
        }
        return out;
    }

    /** A uniformly random permutation of 0 .. n−1 (Fisher–Yates). */
    static int[] permutation(SplittableRandom r, int n) {
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            out[j] = j;
        }
        for (int j = n - 1; j > 0; j--) {
            int k = r.nextInt(j + 1);
            int t = out[j];
            out[j] = out[k];
            out[k] = t;
        }
        return out;
    }
}
