package reco.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise agreement within a stated tolerance, reporting the worst element. */
public final class Close {
    private Close() {
    }

    /** |actual − expected| ≤ tol · max(1, |expected|) for every element: absolute near 0, relative beyond 1. */
    public static void assertClose(String what, float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, what + ": length");
        int worst = -1;
        double worstRatio = 0;
        for (int x = 0; x < expected.length; x++) {
            double allowed = tol * Math.max(1.0, Math.abs(expected[x]));
            double diff = Math.abs((double) actual[x] - expected[x]);
            if (!(diff <= allowed) && !(Float.isInfinite(expected[x]) && expected[x] == actual[x])) {
                fail(what + "[" + x + "]: expected " + expected[x] + ", was " + actual[x] + " (tolerance " + tol + ")");
            }
            double ratio = diff / allowed;
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = x;
            }
        }
        if (Boolean.getBoolean("reco.test.verbose") && worst >= 0) {
            System.out.printf("%s: worst [%d] expected %s, was %s (%.3g of tolerance %s)%n", what, worst,
                    expected[worst], actual[worst], worstRatio, tol);
        }
    }

    public static void assertClose(String what, double expected, double actual, double tol) {
        assertClose(what, new float[] {(float) expected}, new float[] {(float) actual}, tol);
    }
}
