package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static reco.kernels.java.HostArrays.flatten;
import static reco.kernels.java.HostArrays.readFloats;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reco.kernels.AdamMoments;
import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;

/** What {@link JavaDevice#train} promises beyond one step's arithmetic: ranges, order, batches, step count, laziness. */
class MfTrainContractTest {
    private static final int USERS = 7;
    private static final int ITEMS = 6;
    private static final int FACTORS = 3;
    private static final StepConfig ADAM_BATCH_5 = new StepConfig(Optimizer.ADAM, 0.02f, 0.05f, 0.05f, 0.9f, 0.999f, 1e-8f, 5);

    private JavaDevice device;

    @BeforeEach
    void open() {
        device = new JavaDevice(2);
    }

    @AfterEach
    void close() {
        device.close();
    }

    @Test
    void lazyAdamLeavesRowsOutsideTheBatchAndTheirMomentsAlone() {
        SplittableRandom r = TestRandom.seeded("lazyAdam", 11);
        FactorModel model = randomModel(r);
        AdamMoments moments = randomMoments(r);
        // The batch touches users 1 and 3 and items 0 and 4 only.
        RatingBuffers batch = HostArrays.ratings(device, new int[] {1, 3, 1}, new int[] {0, 4, 4}, new float[] {4f, 2f, 5f});
        boolean[] touched = touchedMask(new int[] {1, 3}, new int[] {0, 4});
        float[] params = flatten(device, model);
        float[] first = flatten(device, moments.first());
        float[] second = flatten(device, moments.second());

        device.train(model, moments, batch, null, 0, 3, ADAM_BATCH_5, 4);

        assertOnlyTouchedMoved(touched, params, flatten(device, model), "parameter");
        assertOnlyTouchedMoved(touched, first, flatten(device, moments.first()), "first moment");
        assertOnlyTouchedMoved(touched, second, flatten(device, moments.second()), "second moment");
    }

    @Test
    void oneCallEqualsBatchByBatchCallsAndReturnsTheSquaredErrorBeforeEachUpdate() {
        SplittableRandom r = TestRandom.seeded("batchByBatch", 12);
        RatingBuffers ratings = randomRatings(r, 23);
        FactorModel whole = randomModel(r.split());
        FactorModel pieces = copy(whole);
        AdamMoments wholeMoments = HostArrays.zeroMoments(device, whole);
        AdamMoments pieceMoments = HostArrays.zeroMoments(device, pieces);

        double sse = device.train(whole, wholeMoments, ratings, null, 0, 23, ADAM_BATCH_5, 7);

        // 23 ratings in batches of 5: 5, 5, 5, 5 and a partial 3; batch b is Adam step 7 + b.
        double expected = 0;
        long step = 7;
        for (int pos = 0; pos < 23; pos += 5, step++) {
            int b = Math.min(5, 23 - pos);
            expected += squaredErrors(pieces, ratings, pos, b);
            device.train(pieces, pieceMoments, ratings, null, pos, b, ADAM_BATCH_5, step);
        }
        assertEquals(expected, sse, 1e-12 * expected);
        assertArrayEquals(flatten(device, pieces), flatten(device, whole));
        assertArrayEquals(flatten(device, pieceMoments.first()), flatten(device, wholeMoments.first()));
        assertArrayEquals(flatten(device, pieceMoments.second()), flatten(device, wholeMoments.second()));
    }

    @Test
    void aPartialLastBatchIsScaledByItsOwnSize() {
        SplittableRandom r = TestRandom.seeded("partialBatch", 13);
        RatingBuffers ratings = randomRatings(r, 3);
        FactorModel partial = randomModel(r);
        FactorModel exact = copy(partial);
        StepConfig sgd = new StepConfig(Optimizer.SGD, 0.1f, 0.05f, 0.05f, 0.9f, 0.999f, 1e-8f, 8);
        StepConfig sgdOfThree = new StepConfig(Optimizer.SGD, 0.1f, 0.05f, 0.05f, 0.9f, 0.999f, 1e-8f, 3);

        device.train(partial, null, ratings, null, 0, 3, sgd, 1);
        device.train(exact, null, ratings, null, 0, 3, sgdOfThree, 1);

        assertArrayEquals(flatten(device, exact), flatten(device, partial));
    }

    @Test
    void theOrderBufferPicksRatingsFromPositionFirst() {
        SplittableRandom r = TestRandom.seeded("order", 14);
        int n = 20;
        int[] users = TestRandom.ints(r, n, USERS);
        int[] items = TestRandom.ints(r, n, ITEMS);
        float[] values = TestRandom.uniform(r, n, 1, 5);
        int[] order = TestRandom.permutation(r, n);
        int first = 5;
        int count = 12;
        int[] users2 = new int[count];
        int[] items2 = new int[count];
        float[] values2 = new float[count];
        for (int j = 0; j < count; j++) {
            users2[j] = users[order[first + j]];
            items2[j] = items[order[first + j]];
            values2[j] = values[order[first + j]];
        }
        FactorModel viaOrder = randomModel(r);
        FactorModel rearranged = copy(viaOrder);
        AdamMoments m1 = HostArrays.zeroMoments(device, viaOrder);
        AdamMoments m2 = HostArrays.zeroMoments(device, rearranged);

        double sse1 = device.train(viaOrder, m1, HostArrays.ratings(device, users, items, values),
                HostArrays.ints(device, order), first, count, ADAM_BATCH_5, 1);
        double sse2 = device.train(rearranged, m2, HostArrays.ratings(device, users2, items2, values2),
                null, 0, count, ADAM_BATCH_5, 1);

        assertEquals(sse2, sse1);
        assertArrayEquals(flatten(device, rearranged), flatten(device, viaOrder));
        assertArrayEquals(flatten(device, m2.second()), flatten(device, m1.second()));
    }

    /**
     * With zero moments, one batch moves every parameter by step_t·m/(sqrt(v) + ε) with the same m
     * and v whatever t is, so the moves at t = 5 and t = 1 differ by exactly the ratio of the
     * bias-corrected step sizes: [sqrt(1 − β2⁵)/(1 − β1⁵)] / [sqrt(1 − β2)/(1 − β1)] = 0.172497/0.316228 = 0.545483.
     */
    @Test
    void firstStepSetsTheBiasCorrection() {
        SplittableRandom r = TestRandom.seeded("firstStep", 15);
        RatingBuffers ratings = randomRatings(r, 4);
        FactorModel atOne = randomModel(r);
        FactorModel atFive = copy(atOne);
        float[] start = flatten(device, atOne);

        device.train(atOne, HostArrays.zeroMoments(device, atOne), ratings, null, 0, 4, ADAM_BATCH_5, 1);
        device.train(atFive, HostArrays.zeroMoments(device, atFive), ratings, null, 0, 4, ADAM_BATCH_5, 5);

        double b1 = ADAM_BATCH_5.beta1();
        double b2 = ADAM_BATCH_5.beta2();
        double ratio = (Math.sqrt(1 - Math.pow(b2, 5)) / (1 - Math.pow(b1, 5))) / (Math.sqrt(1 - b2) / (1 - b1));
        assertEquals(0.545483, ratio, 1e-5);
        float[] one = flatten(device, atOne);
        float[] five = flatten(device, atFive);
        int moved = 0;
        for (int j = 0; j < start.length; j++) {
            double d1 = one[j] - start[j];
            double d5 = five[j] - start[j];
            if (d1 != 0) {
                moved++;
                assertEquals(ratio, d5 / d1, 2e-4, "parameter " + j);
            } else {
                assertEquals(0, d5, "parameter " + j + " is not in the batch");
            }
        }
        assertNotEquals(0, moved);
    }

    @Test
    void predictWritesTheRangeFromFirst() {
        FactorModel model = HostArrays.model(device, 2, new float[] {1, 2, 3, 4}, new float[] {0.5f, -1, 2, 0.25f},
                new float[] {0.1f, 0.2f}, new float[] {-0.5f, 1}, 3, true);
        RatingBuffers ratings = HostArrays.ratings(device, new int[] {0, 1, 1, 0}, new int[] {0, 0, 1, 1}, new float[4]);
        DeviceBuffer out = device.allocate(2 * Float.BYTES);

        device.predict(model, ratings, 1, 2, out);

        // (1, 0): 3 + 0.2 − 0.5 + (3·0.5 − 4) = 0.2;  (1, 1): 3 + 0.2 + 1 + (3·2 + 4·0.25) = 11.2
        assertArrayEquals(new float[] {0.2f, 11.2f}, readFloats(device, out), 1e-6f);
    }

    @Test
    void misuseIsRefusedWithAMessage() {
        SplittableRandom r = TestRandom.seeded("misuse", 16);
        RatingBuffers ratings = randomRatings(r, 4);
        FactorModel model = randomModel(r);
        IllegalArgumentException noMoments = assertThrows(IllegalArgumentException.class,
                () -> device.train(model, null, ratings, null, 0, 4, ADAM_BATCH_5, 1));
        assertEquals("Adam needs its moment buffers", noMoments.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> device.train(model, HostArrays.zeroMoments(device, model), ratings, null, 2, 3, ADAM_BATCH_5, 1));
    }

    /**
     * The factor matrices sit in buffers one row larger than the model: a rating of the user past
     * the model must fail before any update instead of training the spare row.
     */
    @Test
    void aRatingPastTheModelFailsBeforeAnyUpdate() {
        SplittableRandom r = TestRandom.seeded("pastTheModel", 19);
        Matrix p = new Matrix(HostArrays.floats(device, TestRandom.gaussian(r, (USERS + 1) * FACTORS, 0.5)), USERS, FACTORS);
        Matrix q = new Matrix(HostArrays.floats(device, TestRandom.gaussian(r, (ITEMS + 1) * FACTORS, 0.5)), ITEMS, FACTORS);
        FactorModel model = new FactorModel(p, q, HostArrays.floats(device, new float[USERS + 1]),
                HostArrays.floats(device, new float[ITEMS + 1]), 3f, true);
        RatingBuffers ratings = HostArrays.ratings(device, new int[] {0, USERS}, new int[] {0, 1}, new float[] {4f, 2f});
        float[] before = readFloats(device, p.buffer());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> device.train(model, null,
                ratings, null, 0, 2, new StepConfig(Optimizer.SGD, 0.1f, 0f, 0f, 0.9f, 0.999f, 1e-8f, 2), 1));
        assertTrue(e.getMessage().contains("outside the model"), e.getMessage());

        assertArrayEquals(before, readFloats(device, p.buffer()));
    }

    /** Adam's steps are 1-based: step 0 would divide by 1 − β1⁰ = 0 and fill the model with NaN. */
    @Test
    void adamRefusesAStepBelowOneAndLeavesTheModelAlone() {
        SplittableRandom r = TestRandom.seeded("stepZero", 17);
        RatingBuffers ratings = randomRatings(r, 4);
        FactorModel model = randomModel(r);
        float[] before = flatten(device, model);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> device.train(model, HostArrays.zeroMoments(device, model), ratings, null, 0, 4, ADAM_BATCH_5, 0));
        assertTrue(e.getMessage().contains("step"), e.getMessage());
        assertArrayEquals(before, flatten(device, model));
    }

    /**
     * Moments shaped unlike the model are refused before any work, and a refused call leaves
     * nothing behind: the next good call on the same device equals the same call on a fresh device.
     */
    @Test
    void momentsOfAnotherShapeAreRefusedAndLeaveNoTrace() {
        SplittableRandom r = TestRandom.seeded("momentShape", 18);
        float[][] data = {TestRandom.uniform(r, 6, 1, 5), TestRandom.gaussian(r, USERS * FACTORS, 0.5),
            TestRandom.gaussian(r, ITEMS * FACTORS, 0.5), TestRandom.gaussian(r, USERS, 0.3), TestRandom.gaussian(r, ITEMS, 0.3)};
        int[] users = {0, 1, 2, 3, 4, 5};
        int[] items = {5, 4, 3, 2, 1, 0};
        RatingBuffers ratings = HostArrays.ratings(device, users, items, data[0]);
        FactorModel model = HostArrays.model(device, FACTORS, data[1], data[2], data[3], data[4], 3f, true);
        FactorModel unbiased = HostArrays.model(device, FACTORS, data[1], data[2], null, null, 3f, false);
        AdamMoments wrong = new AdamMoments(HostArrays.zerosLike(device, unbiased), HostArrays.zerosLike(device, unbiased));
        float[] before = flatten(device, model);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> device.train(model, wrong, ratings, null, 0, 6, ADAM_BATCH_5, 1));
        assertTrue(e.getMessage().contains("moment"), e.getMessage());
        assertArrayEquals(before, flatten(device, model), "a refused call changes nothing");
        device.train(model, HostArrays.zeroMoments(device, model), ratings, null, 0, 6, ADAM_BATCH_5, 1);

        try (JavaDevice fresh = new JavaDevice(2)) {
            FactorModel clean = HostArrays.model(fresh, FACTORS, data[1], data[2], data[3], data[4], 3f, true);
            fresh.train(clean, HostArrays.zeroMoments(fresh, clean), HostArrays.ratings(fresh, users, items, data[0]),
                    null, 0, 6, ADAM_BATCH_5, 1);
            assertArrayEquals(flatten(fresh, clean), flatten(device, model));
        }
    }

    private double squaredErrors(FactorModel model, RatingBuffers ratings, int first, int count) {
        DeviceBuffer out = device.allocate((long) count * Float.BYTES);
        device.predict(model, ratings, first, count, out);
        float[] predicted = readFloats(device, out);
        float[] actual = readFloats(device, ratings.ratings());
        out.close();
        double sse = 0;
        for (int j = 0; j < count; j++) {
            float e = predicted[j] - actual[first + j];
            sse += (double) e * e;
        }
        return sse;
    }

    /** Which entries of {@link HostArrays#flatten} belong to the given user and item rows. */
    private static boolean[] touchedMask(int[] users, int[] items) {
        boolean[] mask = new boolean[(USERS + ITEMS) * (FACTORS + 1)];
        int itemFactors = USERS * FACTORS;
        int userBias = itemFactors + ITEMS * FACTORS;
        int itemBias = userBias + USERS;
        for (int u : users) {
            Arrays.fill(mask, u * FACTORS, (u + 1) * FACTORS, true);
            mask[userBias + u] = true;
        }
        for (int i : items) {
            Arrays.fill(mask, itemFactors + i * FACTORS, itemFactors + (i + 1) * FACTORS, true);
            mask[itemBias + i] = true;
        }
        return mask;
    }

    private static void assertOnlyTouchedMoved(boolean[] touched, float[] before, float[] after, String what) {
        assertEquals(touched.length, after.length, what + " count");
        for (int j = 0; j < touched.length; j++) {
            if (touched[j]) {
                assertNotEquals(before[j], after[j], what + " " + j + " is in the batch");
            } else {
                assertEquals(Float.floatToRawIntBits(before[j]), Float.floatToRawIntBits(after[j]),
                        what + " " + j + " is not in the batch");
            }
        }
    }

    private RatingBuffers randomRatings(SplittableRandom r, int n) {
        return HostArrays.ratings(device, TestRandom.ints(r, n, USERS), TestRandom.ints(r, n, ITEMS),
                TestRandom.uniform(r, n, 1, 5));
    }

    private FactorModel randomModel(SplittableRandom r) {
        return HostArrays.model(device, FACTORS, TestRandom.gaussian(r, USERS * FACTORS, 0.5),
                TestRandom.gaussian(r, ITEMS * FACTORS, 0.5), TestRandom.gaussian(r, USERS, 0.3),
                TestRandom.gaussian(r, ITEMS, 0.3), 3f, true);
    }

    private AdamMoments randomMoments(SplittableRandom r) {
        FactorModel first = randomModel(r);
        FactorModel second = HostArrays.model(device, FACTORS, TestRandom.uniform(r, USERS * FACTORS, 0.01, 1),
                TestRandom.uniform(r, ITEMS * FACTORS, 0.01, 1), TestRandom.uniform(r, USERS, 0.01, 1),
                TestRandom.uniform(r, ITEMS, 0.01, 1), 3f, true);
        return new AdamMoments(first, second);
    }

    private FactorModel copy(FactorModel m) {
        return HostArrays.model(device, m.factors(), readFloats(device, m.userFactors().buffer()),
                readFloats(device, m.itemFactors().buffer()), readFloats(device, m.userBias()),
                readFloats(device, m.itemBias()), m.globalMean(), m.biased());
    }
}
