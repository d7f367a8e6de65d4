package reco.kernels.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import reco.kernels.Optimizer;
import reco.kernels.StepConfig;
import reco.kernels.opencl.Close;
import reco.kernels.opencl.MfFixture;

/**
 * {@code trainBlocks} on a device against its definition: the Java reference training the same blocks
 * one after another, one rating per step ({@code train} without an order, batch 1).
 *
 * <p>Tolerance {@value #TOL}, relative beyond magnitude 1: every row takes about 60 updates in
 * sequence, each of which may differ by a few float ulps (lane-wise dot products, fused multiply-add,
 * the device's sqrt and division). The Java device's SIMD loops stayed within 1.1e-6 of its scalar
 * ones (a tenth of the tolerance).
 */
public abstract class BlockedConformance extends DeviceConformance {
    static final long SEED = 0xB10C_0001L;
    static final double TOL = 1e-5;

    @Override
    protected long seed() {
        return SEED;
    }

    /** Every stratum of a 4 × 4 schedule, twice, on widths with full registers (16, 64) and with tails (20, 6). */
    @ParameterizedTest(name = "{0}, biased={1}, factors={2}")
    @CsvSource({"SGD, true, 16", "SGD, false, 64", "SGD, true, 20", "SGD, true, 6", "ADAM, true, 16", "ADAM, false, 64",
                "ADAM, true, 20", "ADAM, true, 6"})
    void blocksMatchTrainingThemOneAfterAnother(Optimizer optimizer, boolean biased, int factors) {
        BlockedFixture f = BlockedFixture.of(MfFixture.random(SEED + factors, 37, 23, factors, 1000), 4);
        StepConfig step = new StepConfig(optimizer, optimizer == Optimizer.ADAM ? 0.01f : 0.02f, 0.02f, 0.01f,
                0.9f, 0.999f, 1e-8f, 1);
        MfFixture.On a = f.fixture().on(reference, biased);
        MfFixture.On b = f.fixture().on(device, biased);
        long t = 1;
        double lossA = 0;
        double lossB = 0;
        for (int round = 0; round < 2; round++) {
            for (int s : new int[] {2, 0, 3, 1}) {
                for (int g = 0; g < 4; g++) {
                    lossA += reference.train(a.model(), a.moments(), a.ratings(), null, f.starts()[s][g], f.counts()[s][g], step, t);
                }
                lossB += device.trainBlocks(b.model(), b.moments(), b.ratings(), f.starts()[s], f.counts()[s], step, t);
                t += f.steps(s);
            }
        }
        Close.assertClose("loss", lossA, lossB, TOL * Math.max(1, lossA));
        float[][] expected = MfFixture.read(reference, a.model());
        float[][] actual = MfFixture.read(device, b.model());
        assertMovedFrom(f.fixture().p(), actual[0]);
        String[] names = {"P", "Q", "user bias", "item bias"};
        for (int x = 0; x < expected.length; x++) {
            Close.assertClose(names[x], expected[x], actual[x], TOL);
        }
    }

    @Test
    void blockedTrainingLowersTheLoss() {
        BlockedFixture f = BlockedFixture.of(MfFixture.random(SEED + 1, 37, 23, 16, 1000), 4);
        StepConfig step = new StepConfig(Optimizer.ADAM, 0.02f, 0f, 0f, 0.9f, 0.999f, 1e-8f, 1);
        MfFixture.On b = f.fixture().on(device, true);
        double first = epoch(b, f, step, 1);
        double later = first;
        for (int e = 1; e < 20; e++) {
            later = epoch(b, f, step, 1 + e * 1000L);
        }
        assertTrue(later < 0.5 * first, "loss went from " + first + " to " + later);
    }

    @Test
    void badBlocksAreRefused() {
        BlockedFixture f = BlockedFixture.of(MfFixture.random(SEED + 2, 7, 5, 16, 50), 2);
        MfFixture.On b = f.fixture().on(device, true);
        StepConfig one = new StepConfig(Optimizer.SGD, 0.02f, 0f, 0f, 0.9f, 0.999f, 1e-8f, 1);
        StepConfig batched = new StepConfig(Optimizer.SGD, 0.02f, 0f, 0f, 0.9f, 0.999f, 1e-8f, 8);
        assertThrows(IllegalArgumentException.class,
                () -> device.trainBlocks(b.model(), null, b.ratings(), f.starts()[0], f.counts()[0], batched, 1));
        assertThrows(IllegalArgumentException.class,
                () -> device.trainBlocks(b.model(), null, b.ratings(), new long[] {0, 10}, new long[] {5}, one, 1));
        assertThrows(IllegalArgumentException.class,
                () -> device.trainBlocks(b.model(), null, b.ratings(), new long[] {45}, new long[] {6}, one, 1));
        assertThrows(IllegalArgumentException.class,
                () -> device.trainBlocks(b.model(), null, b.ratings(), f.starts()[0], f.counts()[0],
                        new StepConfig(Optimizer.ADAM, 0.02f, 0f, 0f, 0.9f, 0.999f, 1e-8f, 1), 1));
    }

    /** The rating is named by its position; the device then trains other blocks as before. */
    @Test
    void aRatingOutsideTheModelIsReportedAndTheDeviceStaysUsable() {
        BlockedFixture f = BlockedFixture.of(MfFixture.random(SEED + 5, 37, 23, 16, 1000), 4);
        int bad = (int) f.starts()[0][1] + 3;
        f.fixture().u()[bad] = 37; // one past the last user
        MfFixture.On b = f.fixture().on(device, true);
        StepConfig step = new StepConfig(Optimizer.SGD, 0.02f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> device.trainBlocks(b.model(), null, b.ratings(), f.starts()[0], f.counts()[0], step, 1));
        assertTrue(e.getMessage().matches("(?s).*\\b" + bad + "\\b.*"), e.getMessage());
        double loss = device.trainBlocks(b.model(), null, b.ratings(), f.starts()[1], f.counts()[1], step, 1);
        assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
    }

    /**
     * Each block runs in order and the losses add up block by block, so later runs repeat every
     * bit of the first, whether the code runs interpreted or compiled (three runs: the Java device's
     * loops get compiled between them). Blocks of 2000 ratings on 6 users and 5 items each: run Hogwild-style
     * (many work-items per block) they would collide on their rows all the time.
     */
    @ParameterizedTest
    @EnumSource(Optimizer.class)
    void twoRunsGiveTheSameBits(Optimizer optimizer) {
        BlockedFixture f = BlockedFixture.disjoint(seed() + 7, 6, 2000, 64);
        StepConfig step = new StepConfig(optimizer, 0.01f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 1);
        double[] losses = new double[3];
        float[][][] results = new float[3][][];
        for (int run = 0; run < 3; run++) {
            MfFixture.On on = f.fixture().on(device, true);
            losses[run] = device.trainBlocks(on.model(), on.moments(), on.ratings(), f.starts()[0], f.counts()[0], step, 1);
            results[run] = MfFixture.read(device, on.model());
        }
        for (int run = 1; run < 3; run++) {
            assertEquals(losses[0], losses[run], "loss of run " + run);
            for (int x = 0; x < results[0].length; x++) {
                assertArrayEquals(results[0][x], results[run][x], "parameters of run " + run);
            }
        }
    }

    private double epoch(MfFixture.On b, BlockedFixture f, StepConfig step, long firstStep) {
        double sse = 0;
        for (int s = 0; s < f.starts().length; s++) {
            sse += device.trainBlocks(b.model(), b.moments(), b.ratings(), f.starts()[s], f.counts()[s], step,
                    firstStep + s * 250L);
        }
        return sse;
    }

    private static void assertMovedFrom(float[] before, float[] after) {
        double most = 0;
        for (int x = 0; x < before.length; x++) {
            most = Math.max(most, Math.abs(after[x] - before[x]));
        }
        assertTrue(most > 1e-3, "training moved no factor by more than " + most);
    }
}
