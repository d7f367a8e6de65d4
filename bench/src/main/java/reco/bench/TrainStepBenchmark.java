package reco.bench;

import java.lang.foreign.MemorySegment;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import reco.engine.train.TrainConfig;
import reco.kernels.AdamMoments;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;

/**
 * The device's train op alone ({@link ComputeDevice#train}): one op is every mini-batch step over all
 * the ratings once, in a fixed shuffled order already on the device (no host shuffle, no upload, no
 * loss read-back beyond the op's own). The model keeps training from op to op, Adam's step count
 * carried on, as the trainer does. The step's settings are {@link TrainConfig#defaults()} with this
 * benchmark's optimizer, factors and batch size. {@link AdamStepBenchmark} and {@link SgdStepBenchmark}
 * choose the optimizer.
 */
public abstract class TrainStepBenchmark extends OnDevice {
    /** Ratings per mini-batch; 1024 is the trainer's default, 1 is classic SGD (Hogwild on parallel devices). */
    @Param("1024")
    public int batchSize;

    private FactorModel model;
    private AdamMoments moments;
    private RatingBuffers data;
    private DeviceBuffer order;
    private StepConfig step;
    private long batchesPerPass;
    private long nextStep;

    protected abstract Optimizer optimizer();

    @Override
    protected void prepare() {
        TrainConfig config = TrainConfig.defaults().toBuilder().factors(factors).optimizer(optimizer()).batchSize(batchSize).build();
        step = config.step();
        data = uploadRatings();
        order = DeviceData.upload(d, MemorySegment.ofArray(DeviceData.permutation(random.split(), (int) ratings)));
        model = DeviceData.model(d, random.split(), shape.users(), shape.items(), factors, 0.01, 3.5f);
        moments = optimizer() == Optimizer.ADAM ? DeviceData.moments(d, shape.users(), shape.items(), factors) : null;
        batchesPerPass = (ratings + batchSize - 1) / batchSize;
        nextStep = 1;
    }

    /** Returns the pass's sum of squared errors, so that nothing is optimised away. */
    @Benchmark
    public double steps() {
        double sse = d.train(model, moments, data, order, 0, ratings, step, nextStep);
        nextStep += batchesPerPass;
        d.finish();
        return sse;
    }
}
