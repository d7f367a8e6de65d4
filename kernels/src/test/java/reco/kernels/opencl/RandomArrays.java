package reco.kernels.opencl;

import java.util.SplittableRandom;

/** Seeded random test data. */
public final class RandomArrays {
    private RandomArrays() {
    }

    /** Uniform in [-1, 1). */
    public static float[] uniform(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int x = 0; x < n; x++) {
            v[x] = (float) rnd.nextDouble(-1, 1);
        }
        return v;
    }

    /** Normal with mean 0 and standard deviation {@code sd}. */
    public static float[] gaussian(SplittableRandom rnd, int n, double sd) {
        float[] v = new float[n];
        for (int x = 0; x < n; x++) {
            v[x] = (float) (sd * rnd.nextGaussian());
        }
        return v;
    }

    /** A random permutation of 0 .. n-1 (Fisher-Yates). */
    public static int[] permutation(SplittableRandom rnd, int n) {
        int[] order = new int[n];
        for (int x = 0; x < n; x++) {
            order[x] = x;
        }
        for (int x = n - 1; x > 0; x--) {
            int y = rnd.nextInt(x + 1);
            int t = order[x];
            order[x] = order[y];
            order[y] = t;
        }
        return order;
    }
}
