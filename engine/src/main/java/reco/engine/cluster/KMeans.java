package reco.engine.cluster;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Matrix;

/**
 * k-means through the device's assign and update ops. Points are uploaded once; each Lloyd iteration
 * sends k centroids and reads back k sums, k counts and n distances.
 */
public final class KMeans {
    private final ComputeDevice device;
    private final KMeansConfig config;

    public KMeans(ComputeDevice device, KMeansConfig config) {
        this.device = device;
        this.config = config;
    }

    /** Clusters the {@code n × dims} row-major {@code points}. */
    public KMeansResult fit(float[] points, int dims) {
        int n = points.length / dims;
        int k = config.clusters();
        if (n < k) {
            throw new IllegalArgumentException("cannot make " + k + " clusters of " + n + " points: use --clusters " + Math.max(1, n) + " or fewer");
        }
        try (Arena arena = Arena.ofConfined(); // call scope: host staging
             DeviceBuffer pointBuf = device.allocate((long) points.length * Float.BYTES);
             DeviceBuffer centroidBuf = device.allocate((long) k * dims * Float.BYTES);
             DeviceBuffer oneCentroid = device.allocate((long) dims * Float.BYTES);
             DeviceBuffer assignBuf = device.allocate((long) n * Integer.BYTES);
             DeviceBuffer distBuf = device.allocate((long) n * Float.BYTES);
             DeviceBuffer sumBuf = device.allocate((long) k * dims * Float.BYTES);
             DeviceBuffer countBuf = device.allocate((long) k * Integer.BYTES)) {
            device.write(pointBuf, 0, MemorySegment.ofArray(points));
            Lloyd lloyd = new Lloyd(arena, new Matrix(pointBuf, n, dims), centroidBuf, oneCentroid, assignBuf,
                    distBuf, sumBuf, countBuf, points, k);
            SplittableRandom root = new SplittableRandom(config.seed());
            KMeansResult best = null;
            for (int r = 0; r < config.restarts(); r++) {
                KMeansResult result = lloyd.run(root.split(), r);
                if (best == null || result.inertia() < best.inertia()) {
                    best = result;
                }
            }
            return best;
        }
    }

    /** One restart's state: device buffers shared by all restarts, host staging. */
    private final class Lloyd {
        private final Matrix points;
        private final DeviceBuffer centroidBuf;
        private final DeviceBuffer oneCentroid;
        private final DeviceBuffer assignBuf;
        private final DeviceBuffer distBuf;
        private final DeviceBuffer sumBuf;
        private final DeviceBuffer countBuf;
        private final float[] host;
        private final int n;
        private final int dims;
        private final int k;
        private final MemorySegment dist;
        private final float[] distances; // dist copied to the heap in one go, for the loops over every point
        private final MemorySegment assign;
        private final MemorySegment sums;
        private final MemorySegment counts;

        Lloyd(Arena arena, Matrix points, DeviceBuffer centroidBuf, DeviceBuffer oneCentroid, DeviceBuffer assignBuf,
              DeviceBuffer distBuf, DeviceBuffer sumBuf, DeviceBuffer countBuf, float[] host, int k) {
            this.points = points;
            this.centroidBuf = centroidBuf;
            this.oneCentroid = oneCentroid;
            this.assignBuf = assignBuf;
            this.distBuf = distBuf;
            this.sumBuf = sumBuf;
            this.countBuf = countBuf;
            this.host = host;
            this.n = points.rows();
            this.dims = points.cols();
            this.k = k;
            this.dist = arena.allocate((long) n * Float.BYTES, 64);
            this.distances = new float[n];
            this.assign = arena.allocate((long) n * Integer.BYTES, 64);
            this.sums = arena.allocate((long) k * dims * Float.BYTES, 64);
            this.counts = arena.allocate((long) k * Integer.BYTES, 64);
        }

        KMeansResult run(SplittableRandom rng, int restart) {
            float[] centroids = seed(rng);
            double inertia = Double.POSITIVE_INFINITY;
            int iterations = 0;
            while (iterations < config.maxIterations()) {
                iterations++;
                device.write(centroidBuf, 0, MemorySegment.ofArray(centroids));
                double now = assignAll(new Matrix(centroidBuf, k, dims));
                boolean converged = inertia - now <= config.tolerance() * now;
                inertia = now;
                if (converged) {
                    break;
                }
                centroids = update();
            }
            int[] a = new int[n];
            MemorySegment.copy(assign, ValueLayout.JAVA_INT, 0, a, 0, n);
            return new KMeansResult(a, centroids, dims, inertia, iterations, restart);
        }

        /** k-means++: each next centre drawn with probability proportional to D(x)², D from the device. */
        private float[] seed(SplittableRandom rng) {
            float[] c = new float[k * dims];
            double[] best = new double[n];
            java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
            int pick = rng.nextInt(n);
            for (int j = 0; j < k; j++) {
                System.arraycopy(host, pick * dims, c, j * dims, dims);
                device.write(oneCentroid, 0, MemorySegment.ofArray(c).asSlice((long) j * dims * Float.BYTES, (long) dims * Float.BYTES));
                device.kmeansAssign(points, new Matrix(oneCentroid, 1, dims), assignBuf, distBuf);
                float[] d = readDistances();
                double total = 0;
                for (int x = 0; x < n; x++) {
                    best[x] = Math.min(best[x], d[x]);
                    total += best[x];
                }
                if (j + 1 < k) {
                    pick = total > 0 ? sample(best, total, rng) : rng.nextInt(n);
                }
            }
            return c;
        }

        private int sample(double[] weights, double total, SplittableRandom rng) {
            double u = rng.nextDouble() * total;
            double acc = 0;
            for (int x = 0; x < weights.length; x++) {
                acc += weights[x];
                if (acc > u) {
                    return x;
                }
            }
            return weights.length - 1;
        }

        private double assignAll(Matrix centroids) {
            device.kmeansAssign(points, centroids, assignBuf, distBuf);
            float[] d = readDistances();
            device.read(assignBuf, 0, assign);
            double inertia = 0;
            for (int x = 0; x < n; x++) {
                inertia += d[x];
            }
            return inertia;
        }

        /**
         * The distances the last assignment left on the device, in {@link #distances}: read into host
         * memory, then copied to the heap in bulk, because loops over a segment are slow until the JIT
         * has compiled them, and k-means++ runs one such loop per centre, most of them in that time.
         */
        private float[] readDistances() {
            device.read(distBuf, 0, dist);
            MemorySegment.copy(dist, ValueLayout.JAVA_FLOAT, 0, distances, 0, n);
            return distances;
        }

        /** New centroids = member means; an empty cluster takes the point farthest from its centre. */
        private float[] update() {
            device.kmeansUpdate(points, assignBuf, new Matrix(sumBuf, k, dims), countBuf);
            device.read(sumBuf, 0, sums);
            device.read(countBuf, 0, counts);
            float[] c = new float[k * dims];
            boolean[] taken = new boolean[n];
            for (int j = 0; j < k; j++) {
                int count = counts.getAtIndex(ValueLayout.JAVA_INT, j);
                if (count > 0) {
                    for (int f = 0; f < dims; f++) {
                        c[j * dims + f] = sums.getAtIndex(ValueLayout.JAVA_FLOAT, (long) j * dims + f) / count;
                    }
                } else {
                    int far = farthest(taken);
                    taken[far] = true;
                    System.arraycopy(host, far * dims, c, j * dims, dims);
                }
            }
            return c;
        }

        private int farthest(boolean[] taken) {
            int far = 0;
            float d = -1f;
            for (int x = 0; x < n; x++) {
                float dx = distances[x];
                if (!taken[x] && dx > d) {
                    d = dx;
                    far = x;
                }
            }
            return far;
        }
    }
}
