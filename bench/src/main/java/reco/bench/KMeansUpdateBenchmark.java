package reco.bench;

import org.openjdk.jmh.annotations.Benchmark;

import reco.engine.bench.DeviceBenchmark;
import reco.kernels.DeviceBuffer;
import reco.kernels.Matrix;

/**
 * One k-means update of the movies' vectors: per-cluster sums and counts of {@code items × factors}
 * points under a random assignment to {@value KMeansAssignBenchmark#CLUSTERS} clusters; one op is one update.
 */
public class KMeansUpdateBenchmark extends OnDevice {
    private Matrix points;
    private DeviceBuffer assignment;
    private Matrix sums;
    private DeviceBuffer counts;

    @Override
    protected void prepare() {
        int clusters = KMeansAssignBenchmark.CLUSTERS;
        int n = Math.max(clusters, shape.items());
        points = DeviceData.matrix(d, DeviceBenchmark.blobs(n, factors, clusters, SEED), n, factors);
        assignment = DeviceData.ints(d, random.split(), n, clusters);
        sums = DeviceData.gaussian(d, null, clusters, factors, 0);
        counts = d.allocate((long) clusters * Integer.BYTES);
    }

    @Benchmark
    public void update() {
        d.kmeansUpdate(points, assignment, sums, counts);
        d.finish();
    }
}
