package reco.bench;

import org.openjdk.jmh.annotations.Benchmark;

import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;

/**
 * Recommendations: the top {@value #TOP} of all movies for {@value #QUERIES} users at once (the batch
 * the recommender scores), bias included, nothing excluded; one op is one such batch.
 */
public class TopKBenchmark extends OnDevice {
    static final int QUERIES = 256;
    static final int TOP = 10;

    private FactorModel model;
    private Matrix queries;
    private DeviceBuffer outItems;
    private DeviceBuffer outScores;

    @Override
    protected void prepare() {
        model = DeviceData.model(d, random.split(), 1, shape.items(), factors, 0.1, 3.5f);
        queries = DeviceData.gaussian(d, random.split(), QUERIES, factors, 0.1);
        outItems = d.allocate((long) QUERIES * TOP * Integer.BYTES);
        outScores = d.allocate((long) QUERIES * TOP * Float.BYTES);
    }

    @Benchmark
    public void topK() {
        d.topK(queries, null, model.itemFactors(), model.itemBias(), null, TOP, outItems, outScores);
        d.finish();
    }
}
