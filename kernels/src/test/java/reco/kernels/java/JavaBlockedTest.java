package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import reco.kernels.ComputeDevice;
import reco.kernels.Optimizer;
import reco.kernels.StepConfig;
import reco.kernels.conformance.BlockedConformance;
import reco.kernels.conformance.BlockedFixture;
import reco.kernels.opencl.MfFixture;

/**
 * The Java device's parallel SIMD blocks against the reference training the blocks one after another
 * (the checks are in {@link BlockedConformance}), and the same bits for any thread count.
 * {@link ScalarBlocks} does the same for the scalar loops.
 */
class JavaBlockedTest extends BlockedConformance {
    @Override
    protected ComputeDevice openDevice() {
        return new JavaDevice(3, 0);
    }

    /** The scalar loops, which small calls and JVMs without the Vector API take. */
    @org.junit.jupiter.api.Nested
    class ScalarBlocks extends BlockedConformance {
        @Override
        protected ComputeDevice openDevice() {
            return new JavaDevice(3, Long.MAX_VALUE);
        }
    }

    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void theThreadCountDoesNotChangeABit(Optimizer optimizer) {
        BlockedFixture f = BlockedFixture.disjoint(77, 6, 500, 64);
        StepConfig step = new StepConfig(optimizer, 0.01f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 1);
        float[][][] results = new float[2][][];
        double[] losses = new double[2];
        int[] threads = {1, 4};
        for (int run = 0; run < 2; run++) {
            try (JavaDevice d = new JavaDevice(threads[run], 0)) {
                MfFixture.On on = f.fixture().on(d, true);
                losses[run] = d.trainBlocks(on.model(), on.moments(), on.ratings(), f.starts()[0], f.counts()[0], step, 1);
                results[run] = MfFixture.read(d, on.model());
            }
        }
        assertEquals(losses[0], losses[1]);
        for (int x = 0; x < results[0].length; x++) {
            assertArrayEquals(results[0][x], results[1][x]);
        }
    }
}
