package reco.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;
import reco.kernels.java.JavaDevice;

/**
 * Prediction and training on OpenCL against the Java reference device, on seeded random data.
 *
 * <p>Tolerance: {@value #PREDICT_TOL} for predictions, {@value #LOSS_TOL} for the loss (relative) and
 * {@value #TRAIN_TOL} for every parameter and Adam moment after 15 batches, relative beyond magnitude 1
 * and absolute below it. Both devices sum each row's gradient in batch order; they differ only in how
 * a dot product is summed (vectors on OpenCL, one by one in Java), in contraction to fused multiply-add
 * and in OpenCL's sqrt and division: a few float ulps per step. On PoCL the worst differences seen were
 * about 1e-7, a hundredth of these tolerances.
 */
@RequiresOpenCl
class OpenClMfTest {
    static final long SEED = 0x5EED_00F1L;
    static final double PREDICT_TOL = 1e-6;
    static final double TRAIN_TOL = 1e-5;
    static final double LOSS_TOL = 1e-6;

    static ComputeDevice cl;
    static ComputeDevice reference;

    @BeforeAll
    static void open() {
        System.out.println("OpenClMfTest seed " + SEED);
        cl = new OpenClBackend().open("opencl");
        reference = new JavaDevice(2);
    }

    @AfterAll
    static void close() {
        if (cl != null) {
            cl.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    @Test
    void predictMatchesJava() {
        MfFixture f = MfFixture.random(SEED, 37, 23, 16, 1000);
        MfFixture.On a = f.on(reference, true);
        MfFixture.On b = f.on(cl, true);
        DeviceBuffer outA = reference.allocate(4 * 1000);
        DeviceBuffer outB = cl.allocate(4 * 1000);
        reference.predict(a.model(), a.ratings(), 7, 990, outA);
        cl.predict(b.model(), b.ratings(), 7, 990, outB);
        Close.assertClose("prediction", Buffers.readFloats(reference, outA, 990), Buffers.readFloats(cl, outB, 990),
                PREDICT_TOL);
    }

    /** Several batches, the last one partial, through an order buffer; Adam in two calls to check the step count. */
    @ParameterizedTest(name = "{0}, biased={1}, factors={2}")
    @CsvSource({"SGD, true, 16", "SGD, false, 16", "ADAM, true, 16", "ADAM, false, 16", "ADAM, true, 6", "SGD, true, 12"})
    void trainMatchesJava(Optimizer optimizer, boolean biased, int factors) {
        MfFixture f = MfFixture.random(SEED + factors, 37, 23, factors, 1000);
        StepConfig step = new StepConfig(optimizer, optimizer == Optimizer.ADAM ? 0.01f : 0.05f, 0.02f, 0.01f,
                0.9f, 0.999f, 1e-8f, 64);
        MfFixture.On a = f.on(reference, biased);
        MfFixture.On b = f.on(cl, biased);
        // 950 ratings from position 10: 14 batches of 64 and one of 54; the second call continues at step 9.
        double lossA = reference.train(a.model(), a.moments(), a.ratings(), a.order(), 10, 512, step, 1)
                + reference.train(a.model(), a.moments(), a.ratings(), a.order(), 522, 438, step, 9);
        double lossB = cl.train(b.model(), b.moments(), b.ratings(), b.order(), 10, 512, step, 1)
                + cl.train(b.model(), b.moments(), b.ratings(), b.order(), 522, 438, step, 9);
        Close.assertClose("loss", lossA, lossB, LOSS_TOL * Math.max(1, lossA));
        float[][] trained = MfFixture.read(cl, b.model());
        assertMoved(f.p(), trained[0]);
        assertParametersClose("model", MfFixture.read(reference, a.model()), trained);
        if (optimizer == Optimizer.ADAM) {
            assertParametersClose("first moment", MfFixture.read(reference, a.moments().first()),
                    MfFixture.read(cl, b.moments().first()));
            assertParametersClose("second moment", MfFixture.read(reference, a.moments().second()),
                    MfFixture.read(cl, b.moments().second()));
        }
    }

    @Test
    void trainWithoutOrderTakesRatingsInPlace() {
        MfFixture f = MfFixture.random(SEED + 1, 37, 23, 16, 1000);
        StepConfig step = new StepConfig(Optimizer.SGD, 0.05f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 100);
        MfFixture.On a = f.on(reference, true);
        MfFixture.On b = f.on(cl, true);
        double lossA = reference.train(a.model(), null, a.ratings(), null, 0, 1000, step, 1);
        double lossB = cl.train(b.model(), null, b.ratings(), null, 0, 1000, step, 1);
        Close.assertClose("loss", lossA, lossB, LOSS_TOL * Math.max(1, lossA));
        assertParametersClose("model", MfFixture.read(reference, a.model()), MfFixture.read(cl, b.model()));
    }

    @Test
    void trainingLowersTheLoss() {
        MfFixture f = MfFixture.random(SEED + 2, 37, 23, 16, 1000);
        StepConfig step = new StepConfig(Optimizer.ADAM, 0.02f, 0.0f, 0f, 0.9f, 0.999f, 1e-8f, 128);
        MfFixture.On b = f.on(cl, true);
        double first = cl.train(b.model(), b.moments(), b.ratings(), b.order(), 0, 1000, step, 1);
        double later = 0;
        for (int epoch = 1; epoch < 20; epoch++) {
            later = cl.train(b.model(), b.moments(), b.ratings(), b.order(), 0, 1000, step, 1 + epoch * 8L);
        }
        assertTrue(later < 0.5 * first, "loss went from " + first + " to " + later);
    }

    @Test
    void aRatingOutsideTheModelIsReportedAndTheDeviceStaysUsable() {
        MfFixture f = MfFixture.random(SEED + 3, 37, 23, 16, 200);
        f.u()[150] = 37; // one past the last user
        MfFixture.On b = f.on(cl, true);
        StepConfig step = new StepConfig(Optimizer.SGD, 0.05f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 64);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cl.train(b.model(), null, b.ratings(), null, 0, 200, step, 1));
        assertTrue(e.getMessage().contains("position 150"), e.getMessage());
        double loss = cl.train(b.model(), null, b.ratings(), null, 0, 150, step, 1);
        assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
        DeviceBuffer out = cl.allocate(4 * 200);
        cl.predict(b.model(), b.ratings(), 0, 200, out);
        assertTrue(Float.isNaN(Buffers.readFloats(cl, out, 200)[150]), "a prediction outside the model is NaN");
    }

    @Test
    void adamWithoutMomentsIsRefused() {
        MfFixture.On b = MfFixture.random(SEED, 5, 5, 16, 10).on(cl, false);
        StepConfig step = new StepConfig(Optimizer.ADAM, 0.01f, 0f, 0f, 0.9f, 0.999f, 1e-8f, 4);
        assertThrows(IllegalArgumentException.class, () -> cl.train(b.model(), null, b.ratings(), null, 0, 10, step, 1));
        RatingBuffers r = b.ratings();
        assertEquals(0.0, cl.train(b.model(), b.moments(), r, null, 10, 0, step, 1));
    }

    /** Agreement means nothing if neither device changed anything. */
    private static void assertMoved(float[] before, float[] after) {
        double most = 0;
        for (int x = 0; x < before.length; x++) {
            most = Math.max(most, Math.abs(after[x] - before[x]));
        }
        assertTrue(most > 1e-3, "training moved no factor by more than " + most);
    }

    private static void assertParametersClose(String what, float[][] expected, float[][] actual) {
        String[] names = {"P", "Q", "user bias", "item bias"};
        assertEquals(expected.length, actual.length);
        for (int x = 0; x < expected.length; x++) {
            Close.assertClose(what + " " + names[x], expected[x], actual[x], TRAIN_TOL);
        }
    }
}
