package reco.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import reco.kernels.ComputeDevice;
import reco.kernels.Optimizer;
import reco.kernels.StepConfig;
import reco.kernels.conformance.BlockedConformance;

/**
 * Blocked training on OpenCL against the Java reference (the checks are in {@link BlockedConformance}),
 * and the same bits from run to run.
 */
@RequiresOpenCl
class OpenClBlockedTest extends BlockedConformance {
    @Override
    protected ComputeDevice openDevice() {
        return new OpenClBackend().open("opencl");
    }

    /**
     * Each block runs in order on one work-item and the losses add up block by block, so a second
     * run repeats every bit. Blocks of 2000 ratings on 6 users and 5 items each: run Hogwild-style
     * (many work-items per block) they would collide on their rows all the time.
     */
    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void twoRunsGiveTheSameBits(Optimizer optimizer) {
        int blocks = 6;
        int per = 2000;
        MfFixture f = MfFixture.random(seed() + 7, 6 * blocks, 5 * blocks, 64, blocks * per);
        long[] starts = new long[blocks];
        long[] counts = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            starts[b] = (long) b * per;
            counts[b] = per;
            for (int x = b * per; x < (b + 1) * per; x++) {
                f.u()[x] = b * 6 + f.u()[x] % 6;
                f.i()[x] = b * 5 + f.i()[x] % 5;
            }
        }
        StepConfig step = new StepConfig(optimizer, 0.01f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 1);
        double[] losses = new double[2];
        float[][][] results = new float[2][][];
        for (int run = 0; run < 2; run++) {
            MfFixture.On on = f.on(device, true);
            losses[run] = device.trainBlocks(on.model(), on.moments(), on.ratings(), starts, counts, step, 1);
            results[run] = MfFixture.read(device, on.model());
        }
        assertEquals(losses[0], losses[1]);
        for (int x = 0; x < results[0].length; x++) {
            assertArrayEquals(results[0][x], results[1][x]);
        }
    }
}
