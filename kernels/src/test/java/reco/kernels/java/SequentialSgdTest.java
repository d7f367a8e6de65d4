package reco.kernels.java;

import static java.lang.Float.floatToRawIntBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import reco.kernels.Optimizer;
import reco.kernels.StepConfig;

/** SGD with batches of one takes a one-pass path; it must give the three phases' bits exactly. */
class SequentialSgdTest {
    static final int USERS = 50;
    static final int ITEMS = 40;
    static final int K = 7;
    static final int N = 3_000;

    @Test
    void onePassSgdIsBitIdenticalToTheThreePhases() {
        SplittableRandom rng = TestRandom.seeded("sequentialSgd", 5);
        int[] users = new int[N];
        int[] items = new int[N];
        int[] ratings = new int[N];
        int[] order = new int[N];
        for (int j = 0; j < N; j++) {
            users[j] = rng.nextInt(USERS);
            items[j] = rng.nextInt(ITEMS);
            ratings[j] = floatToRawIntBits(1 + 4 * (float) rng.nextDouble());
            order[j] = N - 1 - j;
        }
        MfView a = model(new SplittableRandom(9));
        MfView b = model(new SplittableRandom(9));
        StepConfig sgd = new StepConfig(Optimizer.SGD, 0.02f, 0.05f, 0.01f, 0.9f, 0.999f, 1e-8f, 1);
        MfStep.Ratings r = new MfStep.Ratings(users, items, ratings, order);
        try (Workers w = new Workers(1)) {
            double onePass = new MfStep(w, true, MfStep.Rows.AUTO).train(a, null, null, r, 10, N - 10, sgd, 1);
            double phases = new MfStep(w, false, MfStep.Rows.AUTO).train(b, null, null, r, 10, N - 10, sgd, 1);
            assertEquals(Double.doubleToRawLongBits(phases), Double.doubleToRawLongBits(onePass));
        }
        assertArrayEquals(b.p(), a.p());
        assertArrayEquals(b.q(), a.q());
        assertArrayEquals(b.userBias(), a.userBias());
        assertArrayEquals(b.itemBias(), a.itemBias());
    }

    private static MfView model(SplittableRandom rng) {
        return new MfView(gaussian(rng, USERS * K), gaussian(rng, ITEMS * K), gaussian(rng, USERS), gaussian(rng, ITEMS),
                K, 3f, USERS, ITEMS);
    }

    private static int[] gaussian(SplittableRandom rng, int n) {
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            out[j] = floatToRawIntBits((float) (rng.nextGaussian() * 0.3));
        }
        return out;
    }
}
