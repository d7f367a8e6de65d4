package reco.bench;

import java.util.Arrays;

import org.openjdk.jmh.annotations.Benchmark;

import reco.engine.bench.DeviceBenchmark;
import reco.kernels.DeviceBuffer;
import reco.kernels.Matrix;

/**
 * One k-means assignment of the movies' vectors: {@code items × factors} points in
 * {@value #CLUSTERS} Gaussian blobs, to {@value #CLUSTERS} centroids (the first points); one op is one
 * assignment of every point.
 */
public class KMeansAssignBenchmark extends OnDevice {
    static final int CLUSTERS = 100;

    private Matrix points;
    private Matrix centroids;
    private DeviceBuffer assignment;
    private DeviceBuffer distance;

    @Override
    protected void prepare() {
        int n = Math.max(CLUSTERS, shape.items());
        float[] blobs = DeviceBenchmark.blobs(n, factors, CLUSTERS, SEED);
        points = DeviceData.matrix(d, blobs, n, factors);
        centroids = DeviceData.matrix(d, Arrays.copyOf(blobs, CLUSTERS * factors), CLUSTERS, factors);
        assignment = d.allocate((long) n * Integer.BYTES);
        distance = d.allocate((long) n * Float.BYTES);
    }

    @Benchmark
    public void assign() {
        d.kmeansAssign(points, centroids, assignment, distance);
        d.finish();
    }
}
