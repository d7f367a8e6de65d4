package reco.kernels.java;

import static java.lang.Float.floatToRawIntBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import reco.kernels.Optimizer;
import reco.kernels.StepConfig;

/**
 * Mini-batch training gives the same bits with the vector row kernels as with the scalar ones,
 * alone and on a team (batches above {@link MfStep#PARALLEL_MIN_BATCH}), so the switch made by
 * {@link VectorWarmUp} can never change a model. Rows of 8 (one register), 13 (a register and a
 * tail), 3 (the tail alone) and 64.
 */
class MfStepRowsTest {
    private static final int USERS = 70;
    private static final int ITEMS = 150;

    static Stream<Arguments> shapes() {
        int big = Math.max(MfStep.PARALLEL_MIN_BATCH, 1);
        return Stream.of(
                Arguments.of(8, false, Optimizer.ADAM, 128, 1, 5_000),
                Arguments.of(13, true, Optimizer.ADAM, 64, 1, 5_000),
                Arguments.of(3, true, Optimizer.SGD, 32, 1, 3_000),
                Arguments.of(64, true, Optimizer.ADAM, 100, 1, 2_000),
                Arguments.of(8, true, Optimizer.ADAM, big, 2, 2 * big + 1_000),
                Arguments.of(13, false, Optimizer.SGD, big, 2, 2 * big + 1_000));
    }

    @ParameterizedTest(name = "k={0} biased={1} {2} batch={3} threads={4}")
    @MethodSource("shapes")
    void vectorRowsGiveTheScalarBits(int k, boolean biased, Optimizer optimizer, int batch, int threads, int n) {
        SplittableRandom r = TestRandom.seeded("mfStepRows " + k + biased + optimizer + batch, 7);
        int[] users = new int[n];
        int[] items = new int[n];
        int[] ratings = new int[n];
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            users[j] = r.nextInt(USERS);
            items[j] = r.nextInt(ITEMS);
            ratings[j] = floatToRawIntBits(0.5f + r.nextInt(10) * 0.5f);
            order[j] = (int) ((j * 7919L) % n); // a fixed scramble, n not a multiple of 7919
        }
        MfStep.Ratings data = new MfStep.Ratings(users, items, ratings, order);
        StepConfig step = new StepConfig(optimizer, optimizer == Optimizer.ADAM ? 0.01f : 0.02f, 0.02f, 0.01f,
                0.9f, 0.999f, 1e-8f, batch);
        Model scalar = new Model(k, biased, optimizer, 11);
        Model vector = new Model(k, biased, optimizer, 11);
        try (Workers w = new Workers(threads)) {
            MfStep s = new MfStep(w, MfStep.Rows.SCALAR);
            MfStep v = new MfStep(w, MfStep.Rows.VECTOR);
            for (int epoch = 0; epoch < 3; epoch++) {
                long t = 1 + (long) epoch * ((n + batch - 1) / batch);
                double a = s.train(scalar.w, scalar.m1, scalar.m2, data, 0, n, step, t);
                double b = v.train(vector.w, vector.m1, vector.m2, data, 0, n, step, t);
                assertEquals(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b), "loss of epoch " + epoch);
            }
        }
        scalar.assertSameBits(vector);
    }

    private static final class Model {
        final MfView w;
        final MfView m1;
        final MfView m2;

        Model(int k, boolean biased, Optimizer optimizer, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            w = view(k, biased, r, 0.1);
            boolean adam = optimizer == Optimizer.ADAM;
            m1 = adam ? view(k, biased, r, 0) : null;
            m2 = adam ? view(k, biased, r, 0) : null;
        }

        void assertSameBits(Model o) {
            assertSame(w, o.w, "parameters");
            if (m1 != null) {
                assertSame(m1, o.m1, "first moments");
                assertSame(m2, o.m2, "second moments");
            }
        }

        private static void assertSame(MfView a, MfView b, String what) {
            assertArrayEquals(a.p(), b.p(), what + ": P");
            assertArrayEquals(a.q(), b.q(), what + ": Q");
            if (a.biased()) {
                assertArrayEquals(a.userBias(), b.userBias(), what + ": user biases");
                assertArrayEquals(a.itemBias(), b.itemBias(), what + ": item biases");
            }
        }

        private static MfView view(int k, boolean biased, SplittableRandom r, double scale) {
            return new MfView(words(r, USERS * k, scale), words(r, ITEMS * k, scale),
                    biased ? words(r, USERS, scale) : null, biased ? words(r, ITEMS, scale) : null,
                    k, biased ? 3.5f : 0f, USERS, ITEMS);
        }

        private static int[] words(SplittableRandom r, int n, double scale) {
            int[] w = new int[n];
            for (int x = 0; x < n; x++) {
                w[x] = floatToRawIntBits((float) (r.nextGaussian() * scale));
            }
            return w;
        }
    }
}
