package reco.kernels.opencl;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Matrix;

/**
 * A host-side Lloyd loop over the device's assign and update ops, for tests and the timing harness.
 * Starts from farthest-first centres (Gonzalez 1985): deterministic, and one per blob when blobs are
 * well separated.
 */
public final class KMeansRun {
    private final ComputeDevice device;
    private final int n;
    private final int dims;
    private final int k;
    private final Matrix points;
    private final Matrix centroids;
    private final Matrix sums;
    private final DeviceBuffer assignment;
    private final DeviceBuffer distance;
    private final DeviceBuffer counts;
    private float[] centres;

    public KMeansRun(ComputeDevice device, float[] points, int n, int dims, int k) {
        this.device = device;
        this.n = n;
        this.dims = dims;
        this.k = k;
        this.points = new Matrix(Buffers.floats(device, points), n, dims);
        this.centres = farthestFirst(points, n, dims, k);
        this.centroids = new Matrix(Buffers.floats(device, centres), k, dims);
        this.sums = new Matrix(device.allocate(4L * k * dims), k, dims);
        this.assignment = device.allocate(4L * n);
        this.distance = device.allocate(4L * n);
        this.counts = device.allocate(4L * k);
    }

    /** Runs until no assignment changes or {@code maxIterations}; returns the iterations run. */
    public int lloyd(int maxIterations) {
        int[] previous = null;
        for (int it = 1; it <= maxIterations; it++) {
            iterate();
            int[] now = assignment();
            if (previous != null && Arrays.equals(previous, now)) {
                return it;
            }
            previous = now;
        }
        return maxIterations;
    }

    /** One Lloyd iteration: assign on the device, sum on the device, divide on the host (an empty cluster keeps its centre). */
    public void iterate() {
        device.kmeansAssign(points, centroids, assignment, distance);
        device.kmeansUpdate(points, assignment, sums, counts);
        float[] s = Buffers.readFloats(device, sums.buffer(), k * dims);
        int[] c = Buffers.readInts(device, counts, k);
        for (int cl = 0; cl < k; cl++) {
            for (int f = 0; c[cl] > 0 && f < dims; f++) {
                centres[cl * dims + f] = s[cl * dims + f] / c[cl];
            }
        }
        device.write(centroids.buffer(), 0, MemorySegment.ofArray(centres));
    }

    public int[] assignment() {
        return Buffers.readInts(device, assignment, n);
    }

    public float[] centroids() {
        return centres.clone();
    }

    private static float[] farthestFirst(float[] points, int n, int dims, int k) {
        float[] c = new float[k * dims];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int pick = 0;
        for (int cl = 0; cl < k; cl++) {
            System.arraycopy(points, pick * dims, c, cl * dims, dims);
            int next = 0;
            for (int x = 0; x < n; x++) {
                double d = 0;
                for (int f = 0; f < dims; f++) {
                    double diff = points[x * dims + f] - c[cl * dims + f];
                    d += diff * diff;
                }
                nearest[x] = Math.min(nearest[x], d);
                if (nearest[x] > nearest[next]) {
                    next = x;
                }
            }
            pick = next;
        }
        return c;
    }
}
