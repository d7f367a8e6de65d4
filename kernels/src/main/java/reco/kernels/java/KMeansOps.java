package reco.kernels.java;

import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

/**
 * k-means assignment and centroid sums on the Java device.
 *
 * <p>Assignment takes points two at a time against centroids four at a time: eight distances summed
 * side by side, each point's coordinate and each centroid's loaded once for four (or two) of them. A
 * distance is a chain of dependent additions; eight independent chains keep the floating-point adders
 * busy where one chain waits on each addition, and the loads per distance drop to a quarter. Each
 * distance is still summed alone, over the dimensions in order, and centroids are still compared in
 * index order, so every distance and assignment is bit-identical to the one-by-one loop
 * ({@link #nearest}), which takes the points and centroids left over.
 */
final class KMeansOps {
    private static final long POINTS_PER_PART = 512; // even: the pairs of a part never straddle parts

    private KMeansOps() {
    }

    /** Nearest centroid (ties to the lower index) and squared distance for every point. */
    static void assign(Workers workers, int[] points, int n, int dims, int[] centroids, int k,
                       int[] assignment, int[] distance) {
        float[] c = new float[Math.multiplyExact(k, dims)];
        for (int j = 0; j < c.length; j++) {
            c[j] = intBitsToFloat(centroids[j]);
        }
        int parts = JavaDevice.Parts.count(n, POINTS_PER_PART);
        workers.run(parts, part -> {
            int from = (int) JavaDevice.Parts.start(part, n, POINTS_PER_PART);
            int to = (int) JavaDevice.Parts.start(part + 1, n, POINTS_PER_PART);
            int x = from;
            for (; x + 2 <= to; x += 2) {
                nearestPair(points, x, dims, c, k, assignment, distance);
            }
            for (; x < to; x++) {
                nearest(points, x, dims, c, 0, k, assignment, distance);
            }
        });
    }

    /** Points {@code x} and {@code x + 1}: centroids four at a time, then one at a time. */
    private static void nearestPair(int[] points, int x, int dims, float[] c, int k, int[] assignment, int[] distance) {
        int xa = x * dims;
        int xb = xa + dims;
        Best a = new Best();
        Best b = new Best();
        int j = 0;
        for (; j + 4 <= k; j += 4) {
            int c0 = j * dims;
            int c1 = c0 + dims;
            int c2 = c1 + dims;
            int c3 = c2 + dims;
            float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, b0 = 0f, b1 = 0f, b2 = 0f, b3 = 0f;
            for (int f = 0; f < dims; f++) {
                float pa = intBitsToFloat(points[xa + f]);
                float pb = intBitsToFloat(points[xb + f]);
                float v0 = c[c0 + f];
                float v1 = c[c1 + f];
                float v2 = c[c2 + f];
                float v3 = c[c3 + f];
                float t;
                t = pa - v0; a0 += t * t;
                t = pa - v1; a1 += t * t;
                t = pa - v2; a2 += t * t;
                t = pa - v3; a3 += t * t;
                t = pb - v0; b0 += t * t;
                t = pb - v1; b1 += t * t;
                t = pb - v2; b2 += t * t;
                t = pb - v3; b3 += t * t;
            }
            a.offer(a0, j);
            a.offer(a1, j + 1);
            a.offer(a2, j + 2);
            a.offer(a3, j + 3);
            b.offer(b0, j);
            b.offer(b1, j + 1);
            b.offer(b2, j + 2);
            b.offer(b3, j + 3);
        }
        for (; j < k; j++) {
            int cj = j * dims;
            float da = 0f;
            float db = 0f;
            for (int f = 0; f < dims; f++) {
                float v = c[cj + f];
                float t = intBitsToFloat(points[xa + f]) - v;
                da += t * t;
                t = intBitsToFloat(points[xb + f]) - v;
                db += t * t;
            }
            a.offer(da, j);
            b.offer(db, j);
        }
        assignment[x] = a.index;
        distance[x] = floatToRawIntBits(a.distance);
        assignment[x + 1] = b.index;
        distance[x + 1] = floatToRawIntBits(b.distance);
    }

    /** Point {@code x} against centroids {@code [from, to)} one by one: the reference loop. */
    static void nearest(int[] points, int x, int dims, float[] c, int from, int to, int[] assignment, int[] distance) {
        int xb = x * dims;
        Best best = new Best();
        for (int j = from; j < to; j++) {
            int cb = j * dims;
            float d = 0f;
            for (int f = 0; f < dims; f++) {
                float diff = intBitsToFloat(points[xb + f]) - c[cb + f];
                d += diff * diff;
            }
            best.offer(d, j);
        }
        assignment[x] = best.index;
        distance[x] = floatToRawIntBits(best.distance);
    }

    /** The nearest centroid so far: offered in index order, a tie keeps the lower index. */
    private static final class Best {
        int index = -1;
        float distance = Float.POSITIVE_INFINITY;

        void offer(float d, int j) {
            if (d < distance || index < 0) {
                distance = d;
                index = j;
            }
        }
    }

    /**
     * Per-cluster sums and counts. Cluster c is owned by worker {@code c % team}, which scans the
     * points in order: sums are taken in point order (in double, rounded once), whatever the team.
     */
    static void update(Workers workers, int[] points, int n, int dims, int[] assignment,
                       int[] sums, int k, int[] counts) {
        int team = Math.min(workers.threads(), k);
        double[] acc = new double[Math.multiplyExact(k, dims)];
        int[] count = new int[k];
        for (int x = 0; x < n; x++) {
            int c = assignment[x];
            if (c < 0 || c >= k) {
                throw new IllegalArgumentException("assignment of point " + x + " is " + c + ", outside 0.." + (k - 1));
            }
        }
        workers.run(team, owner -> {
            for (int x = 0; x < n; x++) {
                int c = assignment[x];
                if (c % team != owner) {
                    continue;
                }
                count[c]++;
                int xb = x * dims;
                int cb = c * dims;
                for (int f = 0; f < dims; f++) {
                    acc[cb + f] += intBitsToFloat(points[xb + f]);
                }
            }
        });
        for (int c = 0; c < k; c++) {
            counts[c] = count[c];
            for (int f = 0; f < dims; f++) {
                sums[c * dims + f] = floatToRawIntBits((float) acc[c * dims + f]);
            }
        }
    }
}
