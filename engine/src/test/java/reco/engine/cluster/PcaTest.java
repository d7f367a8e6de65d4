package reco.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** PCA by power iteration: hand-computed cases and planted directions recovered. */
class PcaTest {
    static final long SEED = 11;

    @Test
    void pointsOnALineHaveOneComponentAlongIt() {
        // (t, 2t) for t = -2..2: direction (1, 2)/√5, variance of t·√5 over 5 points = 2·5 = 10.
        float[] points = {-2, -4, -1, -2, 0, 0, 1, 2, 2, 4};
        Pca pca = Pca.fit(points, 2, 2);
        assertArrayEquals(new double[] {1 / Math.sqrt(5), 2 / Math.sqrt(5)}, slice(pca.components(), 0, 2), 1e-9);
        assertEquals(10, pca.variances()[0], 1e-9);
        assertEquals(0, pca.variances()[1], 1e-9);
        assertEquals(1, pca.explained(0), 1e-12);
        double[] xy = pca.project(points);
        assertEquals(-2 * Math.sqrt(5), xy[0], 1e-6);
        assertEquals(0, xy[1], 1e-6);
    }

    @Test
    void recoversPlantedDirectionsInOrderOfVariance() {
        int dims = 12;
        int n = 2000;
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] u = unit(rng, dims);
        double[] v = unit(rng, dims);
        double dot = 0;
        for (int d = 0; d < dims; d++) {
            dot += u[d] * v[d];
        }
        for (int d = 0; d < dims; d++) { // Gram–Schmidt: v ⟂ u
            v[d] -= dot * u[d];
        }
        v = scale(v);
        float[] points = new float[n * dims];
        for (int p = 0; p < n; p++) {
            double a = rng.nextGaussian() * 3;   // variance 9 along u
            double b = rng.nextGaussian() * 1.5; // 2.25 along v
            for (int d = 0; d < dims; d++) {
                points[p * dims + d] = (float) (5 + a * u[d] + b * v[d] + rng.nextGaussian() * 0.1);
            }
        }
        Pca pca = Pca.fit(points, dims, 2);
        assertTrue(Math.abs(cos(slice(pca.components(), 0, dims), u)) > 0.999, "first component along u");
        assertTrue(Math.abs(cos(slice(pca.components(), dims, dims), v)) > 0.999, "second component along v");
        assertEquals(9, pca.variances()[0], 0.9);
        assertEquals(2.25, pca.variances()[1], 0.25);
        assertTrue(pca.explained(0) + pca.explained(1) > 0.98);
        assertEquals(5, pca.mean()[0], 0.3);
    }

    @Test
    void rejectsTooFewPointsOrComponents() {
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[] {1, 2}, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[] {1, 2, 3, 4}, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[] {1, 2, 3}, 2, 1));
    }

    private static double[] slice(double[] a, int from, int n) {
        double[] out = new double[n];
        System.arraycopy(a, from, out, 0, n);
        return out;
    }

    private static double[] unit(SplittableRandom rng, int dims) {
        double[] v = new double[dims];
        for (int d = 0; d < dims; d++) {
            v[d] = rng.nextGaussian();
        }
        return scale(v);
    }

    private static double[] scale(double[] v) {
        double n = Math.sqrt(cos(v, v));
        for (int d = 0; d < v.length; d++) {
            v[d] /= n;
        }
        return v;
    }

    private static double cos(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            s += a[d] * b[d];
        }
        return s;
    }
}
