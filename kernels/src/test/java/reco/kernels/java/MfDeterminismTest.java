package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import reco.kernels.AdamMoments;
import reco.kernels.ComputeDevice;
import reco.kernels.Devices;
import reco.kernels.FactorModel;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;

/**
 * The same training on java:1 … java:4 gives bit-identical parameters and moments. The batches are
 * larger than {@link MfStep#PARALLEL_MIN_BATCH} and than one error part, so the multi-threaded
 * gradient and update phases run whenever the device has more than one thread.
 */
class MfDeterminismTest {
    private static final long SEED = 21;
    private static final int USERS = 400;
    private static final int ITEMS = 300;
    private static final int FACTORS = 16;
    private static final int RATINGS = 25_000;
    private static final int BATCH = 10_000; // batches 10 000, 10 000 and a partial 5 000

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void oneToFourThreadsGiveBitIdenticalModels(Optimizer optimizer) {
        assertTrue(BATCH >= MfStep.PARALLEL_MIN_BATCH && RATINGS % BATCH >= MfStep.PARALLEL_MIN_BATCH,
                "every batch must take the parallel path; PARALLEL_MIN_BATCH = " + MfStep.PARALLEL_MIN_BATCH);
        assertTrue(BATCH > JavaDevice.Parts.CHUNK, "the error phase must have more than one part");
        StepConfig step = new StepConfig(optimizer, 0.01f, 0.02f, 0.02f, 0.9f, 0.999f, 1e-8f, BATCH);
        Result reference = train("java:1", step);
        for (int threads = 2; threads <= 4; threads++) {
            Result other = train("java:" + threads, step);
            assertEquals(Double.doubleToRawLongBits(reference.sse), Double.doubleToRawLongBits(other.sse),
                    "sum of squared errors on java:" + threads);
            assertArrayEquals(reference.params, other.params, "parameters on java:" + threads);
            assertArrayEquals(reference.first, other.first, "first moments on java:" + threads);
            assertArrayEquals(reference.second, other.second, "second moments on java:" + threads);
        }
    }

    private record Result(double sse, float[] params, float[] first, float[] second) {
    }

    /** Two epochs, the second in a shuffled order; the same seed gives the same data on every device. */
    private static Result train(String spec, StepConfig step) {
        SplittableRandom r = TestRandom.seeded("determinism " + spec + " " + step.optimizer(), SEED);
        try (ComputeDevice d = Devices.open(spec)) {
            RatingBuffers ratings = HostArrays.ratings(d, TestRandom.ints(r, RATINGS, USERS),
                    TestRandom.ints(r, RATINGS, ITEMS), TestRandom.uniform(r, RATINGS, 0.5, 5));
            FactorModel model = HostArrays.model(d, FACTORS, TestRandom.gaussian(r, USERS * FACTORS, 0.1),
                    TestRandom.gaussian(r, ITEMS * FACTORS, 0.1), new float[USERS], new float[ITEMS], 3.5f, true);
            AdamMoments moments = step.optimizer() == Optimizer.ADAM ? HostArrays.zeroMoments(d, model) : null;
            double sse = d.train(model, moments, ratings, null, 0, RATINGS, step, 1);
            sse += d.train(model, moments, ratings, HostArrays.ints(d, TestRandom.permutation(r, RATINGS)),
                    0, RATINGS, step, 4);
            return new Result(sse, HostArrays.flatten(d, model),
                    moments == null ? new float[0] : HostArrays.flatten(d, moments.first()),
                    moments == null ? new float[0] : HostArrays.flatten(d, moments.second()));
        }
    }
}
