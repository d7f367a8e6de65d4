package reco.kernels.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Optimizer;
import reco.kernels.StepConfig;
import reco.kernels.opencl.Buffers;
import reco.kernels.opencl.Close;
import reco.kernels.opencl.MfFixture;

/**
 * Prediction and training on a device against the Java reference device, on seeded random data.
 *
 * <p>Tolerance: {@value #PREDICT_TOL} for predictions, {@value #LOSS_TOL} for the loss (relative) and
 * {@value #TRAIN_TOL} for every parameter and Adam moment after 15 batches, relative beyond magnitude 1
 * and absolute below it. Both devices sum each row's gradient in batch order; they differ only in how
 * a dot product is summed (vector lanes on the device, one by one in Java), in contraction to fused
 * multiply-add and in the device's sqrt and division: a few float ulps per step. On PoCL the worst
 * differences seen were about 1e-7, a hundredth of these tolerances.
 */
public abstract class MfConformance extends DeviceConformance {
    static final long SEED = 0x5EED_00F1L;
    static final double PREDICT_TOL = 1e-6;
    static final double TRAIN_TOL = 1e-5;
    static final double LOSS_TOL = 1e-6;

    @Override
    protected long seed() {
        return SEED;
    }

    @Test
    void predictMatchesJava() {
        MfFixture f = MfFixture.random(SEED, 37, 23, 16, 1000);
        MfFixture.On a = f.on(reference, true);
        MfFixture.On b = f.on(device, true);
        DeviceBuffer outA = reference.allocate(4 * 1000);
        DeviceBuffer outB = device.allocate(4 * 1000);
        reference.predict(a.model(), a.ratings(), 7, 990, outA);
        device.predict(b.model(), b.ratings(), 7, 990, outB);
        Close.assertClose("prediction", Buffers.readFloats(reference, outA, 990), Buffers.readFloats(device, outB, 990),
                PREDICT_TOL);
    }

    /**
     * Several batches, the last one partial, through an order buffer; Adam in two calls to check the
     * step count; widths on vector paths (12, 16, 64) and a scalar one (6).
     */
    @ParameterizedTest(name = "{0}, biased={1}, factors={2}")
    @CsvSource({"SGD, true, 16", "SGD, false, 16", "ADAM, true, 16", "ADAM, false, 16", "ADAM, true, 6", "SGD, true, 12", "SGD, true, 64",
                "ADAM, true, 64"})
    void trainMatchesJava(Optimizer optimizer, boolean biased, int factors) {
        MfFixture f = MfFixture.random(SEED + factors, 37, 23, factors, 1000);
        StepConfig step = new StepConfig(optimizer, optimizer == Optimizer.ADAM ? 0.01f : 0.05f, 0.02f, 0.01f,
                0.9f, 0.999f, 1e-8f, 64);
        MfFixture.On a = f.on(reference, biased);
        MfFixture.On b = f.on(device, biased);
        double lossA = reference.train(a.model(), a.moments(), a.ratings(), a.order(), 10, 512, step, 1)
                + reference.train(a.model(), a.moments(), a.ratings(), a.order(), 522, 438, step, 9);
        double lossB = device.train(b.model(), b.moments(), b.ratings(), b.order(), 10, 512, step, 1)
                + device.train(b.model(), b.moments(), b.ratings(), b.order(), 522, 438, step, 9);
        Close.assertClose("loss", lossA, lossB, LOSS_TOL * Math.max(1, lossA));
        float[][] trained = MfFixture.read(device, b.model());
        assertMoved(f.p(), trained[0]);
        assertParametersClose("model", MfFixture.read(reference, a.model()), trained);
        if (optimizer == Optimizer.ADAM) {
            assertParametersClose("first moment", MfFixture.read(reference, a.moments().first()),
                    MfFixture.read(device, b.moments().first()));
            assertParametersClose("second moment", MfFixture.read(reference, a.moments().second()),
                    MfFixture.read(device, b.moments().second()));
        }
    }

    @Test
    void trainWithoutOrderTakesRatingsInPlace() {
        MfFixture f = MfFixture.random(SEED + 1, 37, 23, 16, 1000);
        StepConfig step = new StepConfig(Optimizer.SGD, 0.05f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 100);
        MfFixture.On a = f.on(reference, true);
        MfFixture.On b = f.on(device, true);
        double lossA = reference.train(a.model(), null, a.ratings(), null, 0, 1000, step, 1);
        double lossB = device.train(b.model(), null, b.ratings(), null, 0, 1000, step, 1);
        Close.assertClose("loss", lossA, lossB, LOSS_TOL * Math.max(1, lossA));
        assertParametersClose("model", MfFixture.read(reference, a.model()), MfFixture.read(device, b.model()));
    }

    /** A batch larger than a block's worth of ratings many times over, with most rows touched often. */
    @Test
    void largeBatchesMatchJava() {
        MfFixture f = MfFixture.random(SEED + 4, 211, 97, 32, 20_000);
        StepConfig step = new StepConfig(Optimizer.ADAM, 0.01f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 4096);
        MfFixture.On a = f.on(reference, true);
        MfFixture.On b = f.on(device, true);
        double lossA = reference.train(a.model(), a.moments(), a.ratings(), a.order(), 0, 20_000, step, 1);
        double lossB = device.train(b.model(), b.moments(), b.ratings(), b.order(), 0, 20_000, step, 1);
        Close.assertClose("loss", lossA, lossB, LOSS_TOL * Math.max(1, lossA));
        assertParametersClose("model", MfFixture.read(reference, a.model()), MfFixture.read(device, b.model()));
    }

    @Test
    void trainingLowersTheLoss() {
        MfFixture f = MfFixture.random(SEED + 2, 37, 23, 16, 1000);
        StepConfig step = new StepConfig(Optimizer.ADAM, 0.02f, 0.0f, 0f, 0.9f, 0.999f, 1e-8f, 128);
        MfFixture.On b = f.on(device, true);
        double first = device.train(b.model(), b.moments(), b.ratings(), b.order(), 0, 1000, step, 1);
        double later = 0;
        for (int epoch = 1; epoch < 20; epoch++) {
            later = device.train(b.model(), b.moments(), b.ratings(), b.order(), 0, 1000, step, 1 + epoch * 8L);
        }
        assertTrue(later < 0.5 * first, "loss went from " + first + " to " + later);
    }

    @Test
    void aRatingOutsideTheModelIsReportedAndTheDeviceStaysUsable() {
        MfFixture f = MfFixture.random(SEED + 3, 37, 23, 16, 200);
        f.u()[150] = 37; // one past the last user
        MfFixture.On b = f.on(device, true);
        StepConfig step = new StepConfig(Optimizer.SGD, 0.05f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> device.train(b.model(), null, b.ratings(), null, 0, 200, step, 1));
        assertTrue(e.getMessage().contains("position 150"), e.getMessage());
        double loss = device.train(b.model(), null, b.ratings(), null, 0, 150, step, 1);
        assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
        DeviceBuffer out = device.allocate(4 * 200);
        device.predict(b.model(), b.ratings(), 0, 200, out);
        assertTrue(Float.isNaN(Buffers.readFloats(device, out, 200)[150]), "a prediction outside the model is NaN");
    }

    @Test
    void adamWithoutMomentsIsRefused() {
        MfFixture.On b = MfFixture.random(SEED, 5, 5, 16, 10).on(device, false);
        StepConfig step = new StepConfig(Optimizer.ADAM, 0.01f, 0f, 0f, 0.9f, 0.999f, 1e-8f, 4);
        assertThrows(IllegalArgumentException.class, () -> device.train(b.model(), null, b.ratings(), null, 0, 10, step, 1));
        assertEquals(0.0, device.train(b.model(), b.moments(), b.ratings(), null, 10, 0, step, 1));
    }

    /** Agreement means nothing if neither device changed anything. */
    private void assertMoved(float[] before, float[] after) {
        double most = 0;
        for (int x = 0; x < before.length; x++) {
            most = Math.max(most, Math.abs(after[x] - before[x]));
        }
        assertTrue(most > 1e-3, "training moved no factor by more than " + most);
    }

    private void assertParametersClose(String what, float[][] expected, float[][] actual) {
        String[] names = {"P", "Q", "user bias", "item bias"};
        assertEquals(expected.length, actual.length);
        for (int x = 0; x < expected.length; x++) {
            Close.assertClose(what + " " + names[x], expected[x], actual[x], TRAIN_TOL);
        }
    }
}
