package reco.kernels.java;

import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

/** k-means assignment and centroid sums on the Java device. */
final class KMeansOps {
    private static final long POINTS_PER_PART = 512;

    private KMeansOps() {
    }

    /** Nearest centroid (ties to the lower index) and squared distance for every point. */
    static void assign(Workers workers, int[] points, int n, int dims, int[] centroids, int k,
                       int[] assignment, int[] distance) {
        int parts = JavaDevice.Parts.count(n, POINTS_PER_PART);
        workers.run(parts, part -> {
            long from = JavaDevice.Parts.start(part, n, POINTS_PER_PART);
            long to = JavaDevice.Parts.start(part + 1, n, POINTS_PER_PART);
            for (int x = (int) from; x < to; x++) {
                int xb = x * dims;
                int best = -1;
                float bestD = Float.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    int cb = c * dims;
                    float d = 0f;
                    for (int f = 0; f < dims; f++) {
                        float diff = intBitsToFloat(points[xb + f]) - intBitsToFloat(centroids[cb + f]);
                        d += diff * diff;
                    }
                    if (d < bestD || best < 0) {
                        bestD = d;
                        best = c;
                    }
                }
                assignment[x] = best;
                distance[x] = floatToRawIntBits(bestD);
            }
        });
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
