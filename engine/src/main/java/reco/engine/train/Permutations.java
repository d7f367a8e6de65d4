package reco.engine.train;

import java.util.SplittableRandom;

/** The identity permutation and Fisher–Yates shuffles, shared by the training schedules. */
final class Permutations {

    private Permutations() {
    }

    static int[] identity(long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " ratings: at most " + (Integer.MAX_VALUE - 8) + " per table");
        }
        int[] a = new int[(int) n];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher–Yates in place; an epoch's shuffle continues from the previous epoch's order. */
    static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}
