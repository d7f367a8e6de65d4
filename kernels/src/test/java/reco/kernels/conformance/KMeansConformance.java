package reco.kernels.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Matrix;
import reco.kernels.opencl.Buffers;
import reco.kernels.opencl.Close;
import reco.kernels.opencl.KMeansRun;
import reco.kernels.opencl.RandomArrays;

/**
 * k-means assignment and update on a device against the Java reference, and a whole clustering of
 * planted clusters. Tolerance {@value #TOL} (relative beyond 1, absolute below) on distances and sums;
 * assignments and counts must be equal.
 */
public abstract class KMeansConformance extends DeviceConformance {
    static final long SEED = 0x5EED_00F2L;
    static final double TOL = 1e-5;

    @Override
    protected long seed() {
        return SEED;
    }

    @Test
    void assignMatchesJavaOnRandomPoints() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        float[] points = RandomArrays.uniform(rnd, 2500 * 16);
        float[] centroids = RandomArrays.uniform(rnd, 7 * 16);
        int[][] a = new int[2][];
        float[][] d = new float[2][];
        ComputeDevice[] devices = {reference, device};
        for (int x = 0; x < 2; x++) {
            ComputeDevice dev = devices[x];
            DeviceBuffer assignment = dev.allocate(4 * 2500);
            DeviceBuffer distance = dev.allocate(4 * 2500);
            dev.kmeansAssign(new Matrix(Buffers.floats(dev, points), 2500, 16),
                    new Matrix(Buffers.floats(dev, centroids), 7, 16), assignment, distance);
            a[x] = Buffers.readInts(dev, assignment, 2500);
            d[x] = Buffers.readFloats(dev, distance, 2500);
        }
        assertArrayEquals(a[0], a[1]);
        Close.assertClose("distance", d[0], d[1], TOL);
    }

    /** Exact ties (integer coordinates, a duplicated centroid) go to the lower index, as in Java. */
    @Test
    void tiesGoToTheLowerCentroid() {
        int dims = 5;
        float[] centroids = {
            0, 0, 0, 0, 0,
            2, 0, 0, 0, 0,
            9, 9, 9, 9, 9,
            0, 4, 0, 0, 0,
            9, 9, 9, 9, 9};
        float[] points = {
            1, 0, 0, 0, 0,   // 1 from centroids 0 and 1
            9, 9, 9, 9, 9,   // on centroids 2 and 4
            0, 2, 0, 0, 0,   // 2 from centroids 0 and 3 (and sqrt 8 from 1)
            3, 0, 0, 0, 0};  // nearest 1
        DeviceBuffer assignment = device.allocate(16);
        DeviceBuffer distance = device.allocate(16);
        device.kmeansAssign(new Matrix(Buffers.floats(device, points), 4, dims), new Matrix(Buffers.floats(device, centroids), 5, dims),
                assignment, distance);
        assertArrayEquals(new int[] {0, 2, 0, 1}, Buffers.readInts(device, assignment, 4));
        assertArrayEquals(new float[] {1, 0, 4, 1}, Buffers.readFloats(device, distance, 4));
    }

    @Test
    void updateMatchesJavaWithAnEmptyCluster() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        int n = 3000;
        int k = 9;
        int dims = 12;
        float[] points = RandomArrays.uniform(rnd, n * dims);
        int[] assignment = new int[n];
        for (int x = 0; x < n; x++) {
            assignment[x] = rnd.nextInt(k - 1); // cluster k-1 stays empty
        }
        float[][] sums = new float[2][];
        int[][] counts = new int[2][];
        ComputeDevice[] devices = {reference, device};
        for (int x = 0; x < 2; x++) {
            ComputeDevice dev = devices[x];
            DeviceBuffer s = Buffers.floats(dev, new float[k * dims]);
            DeviceBuffer c = Buffers.ints(dev, new int[k]);
            dev.write(s, 0, MemorySegment.ofArray(filled(k * dims, 99f))); // overwritten, not added to
            dev.kmeansUpdate(new Matrix(Buffers.floats(dev, points), n, dims), Buffers.ints(dev, assignment),
                    new Matrix(s, k, dims), c);
            sums[x] = Buffers.readFloats(dev, s, k * dims);
            counts[x] = Buffers.readInts(dev, c, k);
        }
        assertArrayEquals(counts[0], counts[1]);
        assertEquals(0, counts[1][k - 1]);
        assertEquals(n, Arrays.stream(counts[1]).sum());
        Close.assertClose("sums", sums[0], sums[1], TOL);
    }

    @Test
    void anAssignmentOutsideTheClustersIsRefused() {
        int[] assignment = {0, 1, 3, 1};
        DeviceBuffer counts = device.allocate(12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> device.kmeansUpdate(new Matrix(Buffers.floats(device, new float[8]), 4, 2), Buffers.ints(device, assignment),
                        new Matrix(device.allocate(24), 3, 2), counts));
        assertTrue(e.getMessage().contains("point 2 is 3"), e.getMessage());
    }

    /** Five well-separated Gaussian blobs: Lloyd's iterations on the device find each blob and its centre. */
    @Test
    void lloydOnTheDeviceRecoversPlantedClusters() {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        int k = 5;
        int dims = 16;
        int n = 4000;
        float[] centres = new float[k * dims];
        for (int x = 0; x < centres.length; x++) {
            centres[x] = (float) (rnd.nextDouble(-10, 10));
        }
        int[] truth = new int[n];
        float[] points = new float[n * dims];
        for (int x = 0; x < n; x++) {
            truth[x] = rnd.nextInt(k);
            for (int f = 0; f < dims; f++) {
                points[x * dims + f] = centres[truth[x] * dims + f] + (float) (0.5 * rnd.nextGaussian());
            }
        }
        KMeansRun run = new KMeansRun(device, points, n, dims, k);
        int iterations = run.lloyd(50);
        assertTrue(iterations < 50, "no convergence in 50 iterations");
        int[] found = run.assignment();
        int[] blobOf = new int[k];
        Arrays.fill(blobOf, -1);
        for (int x = 0; x < n; x++) {
            if (blobOf[found[x]] < 0) {
                blobOf[found[x]] = truth[x];
            }
            assertEquals(blobOf[found[x]], truth[x], "point " + x + " shares a cluster with another blob");
        }
        float[] c = run.centroids();
        for (int cluster = 0; cluster < k; cluster++) {
            for (int f = 0; f < dims; f++) {
                assertEquals(centres[blobOf[cluster] * dims + f], c[cluster * dims + f], 0.1,
                        "centre of blob " + blobOf[cluster]);
            }
        }
        assertEquals(k, Arrays.stream(blobOf).distinct().count(), "every blob found once");
    }

    private float[] filled(int n, float value) {
        float[] v = new float[n];
        Arrays.fill(v, value);
        return v;
    }
}
