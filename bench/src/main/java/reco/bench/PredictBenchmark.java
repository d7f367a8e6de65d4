package reco.bench;

import org.openjdk.jmh.annotations.Benchmark;

import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.RatingBuffers;

/** Predicting every rating of the data set with a random biased model; one op is all {@code ratings} predictions. */
public class PredictBenchmark extends OnDevice {
    private FactorModel model;
    private RatingBuffers data;
    private DeviceBuffer predictions;

    @Override
    protected void prepare() {
        model = DeviceData.model(d, random.split(), shape.users(), shape.items(), factors, 0.1, 3.5f);
        data = uploadRatings();
        predictions = d.allocate(ratings * Float.BYTES);
    }

    @Benchmark
    public void predict() {
        d.predict(model, data, 0, ratings, predictions);
        d.finish();
    }
}
