package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static reco.kernels.java.HostArrays.readFloats;
import static reco.kernels.java.HostArrays.readInts;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Matrix;

/** k-means assign and update against brute force, and a Lloyd loop built from them recovering planted clusters. */
class KMeansOpsTest {

    /**
     * Points and centroids on the integer grid {0, 1, 2}³ make squared distances small integers,
     * exact in float whatever the summation order, so ties are frequent and exact; centroid 4
     * repeats centroid 1, so it must never win.
     */
    @Test
    void assignmentMatchesBruteForceAndTiesGoToTheLowerIndex() {
        SplittableRandom r = TestRandom.seeded("assignTies", 41);
        int n = 500;
        int dims = 3;
        float[] points = grid(r, n * dims);
        float[] centroids = grid(r, 6 * dims);
        System.arraycopy(centroids, dims, centroids, 4 * dims, dims);
        try (JavaDevice d = new JavaDevice(2)) {
            Assigned got = assign(d, points, n, centroids, 6, dims);
            int ties = 0;
            for (int x = 0; x < n; x++) {
                double[] dist = distances(points, x, centroids, 6, dims);
                int best = 0;
                for (int c = 1; c < 6; c++) {
                    best = dist[c] < dist[best] ? c : best;
                }
                final int bestIndex = best;
                ties += Arrays.stream(dist).filter(v -> v == dist[bestIndex]).count() > 1 ? 1 : 0;
                assertEquals(best, got.assignment[x], "point " + x + " distances " + Arrays.toString(dist));
                assertEquals(dist[best], got.distance[x], "point " + x);
                assertTrue(got.assignment[x] != 4, "the duplicate of centroid 1 never wins");
            }
            assertTrue(ties > 50, "the grid must produce many ties, got " + ties);
        }
    }

    @Test
    void assignmentOfRandomPointsMatchesBruteForce() {
        SplittableRandom r = TestRandom.seeded("assignRandom", 42);
        int n = 2000;
        int dims = 7;
        int k = 9;
        float[] points = TestRandom.gaussian(r, n * dims, 1);
        float[] centroids = TestRandom.gaussian(r, k * dims, 1);
        try (JavaDevice d = new JavaDevice(3)) {
            Assigned got = assign(d, points, n, centroids, k, dims);
            for (int x = 0; x < n; x++) {
                double[] dist = distances(points, x, centroids, k, dims);
                int best = 0;
                for (int c = 1; c < k; c++) {
                    best = dist[c] < dist[best] ? c : best;
                }
                // A different winner is allowed only where double and float disagree on a near-tie.
                assertEquals(dist[best], dist[got.assignment[x]], 1e-5 * dist[best], "point " + x);
                assertEquals(dist[best], got.distance[x], 1e-5 * Math.max(1, dist[best]), "point " + x);
            }
        }
    }

    @Test
    void updateSumsAndCountsMatchBruteForceWhateverTheThreadCount() {
        SplittableRandom r = TestRandom.seeded("update", 43);
        int n = 3000;
        int dims = 5;
        int k = 8;
        float[] points = TestRandom.gaussian(r, n * dims, 2);
        int[] assignment = TestRandom.ints(r, n, k - 1); // cluster 7 stays empty
        double[] sums = new double[k * dims];
        int[] counts = new int[k];
        for (int x = 0; x < n; x++) {
            counts[assignment[x]]++;
            for (int f = 0; f < dims; f++) {
                sums[assignment[x] * dims + f] += points[x * dims + f];
            }
        }
        float[] reference = null;
        for (int threads = 1; threads <= 4; threads++) {
            try (JavaDevice d = new JavaDevice(threads)) {
                Matrix sumOut = new Matrix(d.allocate((long) k * dims * Float.BYTES), k, dims);
                DeviceBuffer countOut = d.allocate((long) k * Integer.BYTES);
                d.write(sumOut.buffer(), 0, MemorySegment.ofArray(TestRandom.gaussian(r, k * dims, 9)));
                d.kmeansUpdate(HostArrays.matrix(d, n, dims, points), HostArrays.ints(d, assignment), sumOut, countOut);
                assertArrayEquals(counts, readInts(d, countOut), "counts on java:" + threads);
                float[] got = readFloats(d, sumOut.buffer());
                for (int j = 0; j < got.length; j++) {
                    assertEquals(sums[j], got[j], 1e-5 * Math.max(1, Math.abs(sums[j])), "sum " + j);
                }
                if (reference == null) {
                    reference = got;
                }
                assertArrayEquals(reference, got, "sums on java:" + threads + " equal java:1 bit for bit");
            }
        }
    }

    @Test
    void updateRefusesAnAssignmentOutsideTheClusters() {
        try (JavaDevice d = new JavaDevice(1)) {
            Matrix points = HostArrays.matrix(d, 2, 1, 1f, 2f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.kmeansUpdate(points,
                    HostArrays.ints(d, 0, 2), new Matrix(d.allocate(8), 2, 1), d.allocate(8)));
            assertTrue(e.getMessage().contains("point 1"), e.getMessage());
        }
    }

    /**
     * Five centres drawn in [−10, 10]⁸, 150 points each with sd 0.5. Farthest-point seeding (each new
     * seed is the point the assign op reports farthest from the seeds so far) then Lloyd iterations
     * until no assignment changes. Every planted cluster must map to its own found cluster, whole,
     * and each found centroid must be its members' mean and within 0.3 of the planted centre.
     */
    @Test
    void lloydIterationsRecoverPlantedClusters() {
        SplittableRandom r = TestRandom.seeded("plantedKMeans", 44);
        int k = 5;
        int dims = 8;
        int per = 150;
        int n = k * per;
        float[] centres = TestRandom.uniform(r, k * dims, -10, 10);
        int[] truth = TestRandom.permutation(r, n);
        float[] points = new float[n * dims];
        for (int x = 0; x < n; x++) {
            truth[x] %= k;
            for (int f = 0; f < dims; f++) {
                points[x * dims + f] = centres[truth[x] * dims + f] + (float) (0.5 * r.nextGaussian());
            }
        }
        try (JavaDevice d = new JavaDevice(2)) {
            float[] centroids = farthestPointSeeds(d, points, n, dims, k);
            int[] labels = new int[n];
            for (int iteration = 0; iteration < 50; iteration++) {
                int[] next = assign(d, points, n, centroids, k, dims).assignment;
                centroids = means(d, points, n, dims, next, k);
                if (Arrays.equals(next, labels) && iteration > 0) {
                    break;
                }
                labels = next;
            }
            int[] foundFor = new int[k];
            Arrays.fill(foundFor, -1);
            for (int x = 0; x < n; x++) {
                if (foundFor[truth[x]] < 0) {
                    foundFor[truth[x]] = labels[x];
                }
                assertEquals(foundFor[truth[x]], labels[x], "point " + x + " of planted cluster " + truth[x]);
            }
            assertEquals(k, Arrays.stream(foundFor).distinct().count(), "one found cluster per planted cluster");
            for (int c = 0; c < k; c++) {
                double err = 0;
                for (int f = 0; f < dims; f++) {
                    double diff = centroids[foundFor[c] * dims + f] - centres[c * dims + f];
                    err += diff * diff;
                }
                assertTrue(Math.sqrt(err) < 0.3, "centre " + c + " found " + Math.sqrt(err) + " away");
            }
        }
    }

    /**
     * The blocked assignment (two points by four centroids) against the plain loop it replaced, bit for
     * bit: every distance summed alone over the dimensions in order, centroids compared in index order.
     * Odd point counts and centroid counts that are not multiples of four leave every remainder path
     * work to do; repeated centroids make exact ties.
     */
    @Test
    void blockedAssignmentIsBitIdenticalToThePlainLoop() {
        SplittableRandom r = TestRandom.seeded("assignBlocked", 44);
        try (JavaDevice one = new JavaDevice(1); JavaDevice three = new JavaDevice(3)) {
            for (int dims : new int[]{1, 3, 64}) {
                for (int k : new int[]{1, 2, 3, 4, 5, 7, 8, 9, 13}) {
                    int n = 1025 + k;
                    float[] points = TestRandom.gaussian(r, n * dims, 2);
                    float[] centroids = TestRandom.gaussian(r, k * dims, 2);
                    if (k > 2) {
                        System.arraycopy(centroids, 0, centroids, (k - 1) * dims, dims);
                    }
                    Assigned expected = plainLoop(points, n, centroids, k, dims);
                    for (JavaDevice d : new JavaDevice[]{one, three}) {
                        Assigned got = assign(d, points, n, centroids, k, dims);
                        String what = "dims " + dims + ", k " + k + ", " + d.info().spec();
                        assertArrayEquals(expected.assignment, got.assignment, what);
                        assertArrayEquals(bits(expected.distance), bits(got.distance), what);
                    }
                }
            }
        }
    }

    /** The assignment loop as the Java device had it: one point, one centroid at a time. */
    private static Assigned plainLoop(float[] points, int n, float[] centroids, int k, int dims) {
        int[] assignment = new int[n];
        float[] distance = new float[n];
        for (int x = 0; x < n; x++) {
            int best = -1;
            float bestD = Float.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                float d = 0f;
                for (int f = 0; f < dims; f++) {
                    float diff = points[x * dims + f] - centroids[c * dims + f];
                    d += diff * diff;
                }
                if (d < bestD || best < 0) {
                    bestD = d;
                    best = c;
                }
            }
            assignment[x] = best;
            distance[x] = bestD;
        }
        return new Assigned(assignment, distance);
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int j = 0; j < values.length; j++) {
            out[j] = Float.floatToRawIntBits(values[j]);
        }
        return out;
    }

    private record Assigned(int[] assignment, float[] distance) {
    }

    private static Assigned assign(ComputeDevice d, float[] points, int n, float[] centroids, int k, int dims) {
        DeviceBuffer assignment = d.allocate((long) n * Integer.BYTES);
        DeviceBuffer distance = d.allocate((long) n * Float.BYTES);
        d.kmeansAssign(HostArrays.matrix(d, n, dims, points), HostArrays.matrix(d, k, dims, centroids), assignment, distance);
        return new Assigned(readInts(d, assignment), readFloats(d, distance));
    }

    private static float[] means(ComputeDevice d, float[] points, int n, int dims, int[] labels, int k) {
        Matrix sums = new Matrix(d.allocate((long) k * dims * Float.BYTES), k, dims);
        DeviceBuffer counts = d.allocate((long) k * Integer.BYTES);
        d.kmeansUpdate(HostArrays.matrix(d, n, dims, points), HostArrays.ints(d, labels), sums, counts);
        float[] s = readFloats(d, sums.buffer());
        int[] c = readInts(d, counts);
        for (int j = 0; j < s.length; j++) {
            assertTrue(c[j / dims] > 0, "no cluster empties on well-separated data");
            s[j] /= c[j / dims];
        }
        return s;
    }

    private static float[] farthestPointSeeds(ComputeDevice d, float[] points, int n, int dims, int k) {
        float[] seeds = Arrays.copyOf(points, dims);
        for (int chosen = 1; chosen < k; chosen++) {
            float[] distance = assign(d, points, n, seeds, chosen, dims).distance;
            int far = 0;
            for (int x = 1; x < n; x++) {
                far = distance[x] > distance[far] ? x : far;
            }
            seeds = Arrays.copyOf(seeds, (chosen + 1) * dims);
            System.arraycopy(points, far * dims, seeds, chosen * dims, dims);
        }
        return seeds;
    }

    private static double[] distances(float[] points, int x, float[] centroids, int k, int dims) {
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            for (int f = 0; f < dims; f++) {
                double diff = (double) points[x * dims + f] - centroids[c * dims + f];
                out[c] += diff * diff;
            }
        }
        return out;
    }

    private static float[] grid(SplittableRandom r, int n) {
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = r.nextInt(3);
        }
        return out;
    }
}
