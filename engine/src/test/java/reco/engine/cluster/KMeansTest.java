package reco.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import reco.kernels.ComputeDevice;
import reco.kernels.java.JavaDevice;

/** k-means through the device ops recovers planted clusters and is reproducible. */
class KMeansTest {

    /** 8 well-separated Gaussian blobs of 100 points in 16 dimensions; truth[p] is p's blob. */
    static float[] blobs(int[] truth, long seed) {
        int k = 8;
        int dims = 16;
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] centres = new float[k][dims];
        for (float[] c : centres) {
            for (int f = 0; f < dims; f++) {
                c[f] = (float) (rng.nextGaussian() * 10);
            }
        }
        float[] points = new float[truth.length * dims];
        for (int p = 0; p < truth.length; p++) {
            truth[p] = p % k;
            for (int f = 0; f < dims; f++) {
                points[p * dims + f] = centres[truth[p]][f] + (float) rng.nextGaussian();
            }
        }
        return points;
    }

    @Test
    void recoversPlantedClusters() {
        int[] truth = new int[800];
        float[] points = blobs(truth, 3);
        try (ComputeDevice d = new JavaDevice(2)) {
            KMeansResult r = new KMeans(d, KMeansConfig.defaults().withClusters(8).withSeed(11)).fit(points, 16);
            // Every planted blob maps to exactly one found cluster, and no two blobs share one.
            Map<Integer, Integer> blobToCluster = new HashMap<>();
            for (int p = 0; p < truth.length; p++) {
                Integer seen = blobToCluster.putIfAbsent(truth[p], r.assignment()[p]);
                assertTrue(seen == null || seen == r.assignment()[p], "blob " + truth[p] + " split");
            }
            assertEquals(8, blobToCluster.values().stream().distinct().count());
            // Inertia ≈ n · dims · σ² = 800 · 16 · 1.
            assertEquals(800 * 16, r.inertia(), 800 * 16 * 0.15);
        }
    }

    @Test
    void sameSeedSameClusters() {
        int[] truth = new int[400];
        float[] points = blobs(truth, 5);
        try (ComputeDevice d = new JavaDevice(2)) {
            KMeansResult a = new KMeans(d, KMeansConfig.defaults().withClusters(5).withSeed(1)).fit(points, 16);
            KMeansResult b = new KMeans(d, KMeansConfig.defaults().withClusters(5).withSeed(1)).fit(points, 16);
            assertEquals(a.inertia(), b.inertia());
            assertEquals(java.util.Arrays.toString(a.assignment()), java.util.Arrays.toString(b.assignment()));
        }
    }

    @Test
    void moreClustersThanPointsIsRefused() {
        try (ComputeDevice d = new JavaDevice(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new KMeans(d, KMeansConfig.defaults().withClusters(5)).fit(new float[3 * 2], 2));
            assertTrue(e.getMessage().contains("--clusters"), e.getMessage());
        }
    }

    @Test
    void duplicatePointsStillGiveKNonEmptyClusters() {
        float[] points = new float[20 * 2]; // 20 identical points at the origin, then 4 distinct ones
        float[] extra = {5, 5, -5, 5, 5, -5, -5, -5};
        float[] all = new float[points.length + extra.length];
        System.arraycopy(extra, 0, all, points.length, extra.length);
        try (ComputeDevice d = new JavaDevice(1)) {
            KMeansResult r = new KMeans(d, KMeansConfig.defaults().withClusters(5).withSeed(2)).fit(all, 2);
            assertEquals(0, r.inertia(), 1e-9);
            for (int s : r.sizes()) {
                assertTrue(s > 0);
            }
        }
    }
}
