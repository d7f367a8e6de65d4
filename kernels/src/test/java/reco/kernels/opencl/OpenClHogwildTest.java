package reco.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import reco.kernels.ComputeDevice;
import reco.kernels.Optimizer;
import reco.kernels.StepConfig;
import reco.kernels.java.JavaDevice;

/**
 * SGD with batches of one runs Hogwild on OpenCL: not bit-reproducible, so it is held to what SGD
 * must do — the same training error as the Java device's one-at-a-time SGD within 2 %, epoch after
 * epoch, on data with many more ratings than rows (so that concurrent updates of a row do happen).
 */
@RequiresOpenCl
class OpenClHogwildTest {
    static final long SEED = 0x5EED_0411L;

    static ComputeDevice cl;
    static ComputeDevice reference;

    @BeforeAll
    static void open() {
        System.out.println("OpenClHogwildTest seed " + SEED);
        cl = new OpenClBackend().open("opencl");
        reference = new JavaDevice(1);
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
    void hogwildSgdTracksSequentialSgd() {
        MfFixture f = MfFixture.random(SEED, 500, 300, 16, 40_000);
        MfFixture.On a = f.on(reference, true);
        MfFixture.On b = f.on(cl, true);
        StepConfig sgd = new StepConfig(Optimizer.SGD, 0.01f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, 1);
        double first = 0;
        double last = 0;
        for (int epoch = 0; epoch < 5; epoch++) {
            double expected = reference.train(a.model(), null, a.ratings(), a.order(), 0, f.r().length, sgd, 1);
            double actual = cl.train(b.model(), null, b.ratings(), b.order(), 0, f.r().length, sgd, 1);
            assertEquals(expected, actual, 0.02 * expected, "epoch " + epoch + " sum of squared errors");
            first = epoch == 0 ? expected : first;
            last = expected;
        }
        assertTrue(last < 0.8 * first, "SGD should learn: " + first + " → " + last);
    }

    @Test
    void aRatingOutsideTheModelIsReportedAndSkipped() {
        MfFixture f = MfFixture.random(SEED + 1, 20, 10, 4, 100);
        f.u()[7] = 20; // one past the last user
        MfFixture.On b = f.on(cl, true);
        StepConfig sgd = new StepConfig(Optimizer.SGD, 0.01f, 0f, 0f, 0.9f, 0.999f, 1e-8f, 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> cl.train(b.model(), null, b.ratings(), null, 0, 100, sgd, 1));
        assertTrue(e.getMessage().contains("position 7"), e.getMessage());
    }
}
