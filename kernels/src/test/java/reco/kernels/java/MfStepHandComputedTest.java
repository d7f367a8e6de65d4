package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static reco.kernels.java.HostArrays.readFloats;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reco.kernels.AdamMoments;
import reco.kernels.FactorModel;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;

/**
 * One optimiser step of {@link JavaDevice#train} against numbers worked out by hand from the
 * specification in {@link StepConfig} and {@link Optimizer#ADAM} (PyTorch SparseAdam form).
 *
 * <p>The shared model, 2 users × 2 items × 2 factors:
 * <pre>
 *   μ = 3   P = [[0.1, 0.2], [0.3, −0.1]]   Q = [[0.5, 0.4], [−0.3, 0.6]]
 *   b_u = [0.1, −0.2]   b_i = [0.3, 0]
 * </pre>
 * and the shared batch (u, i, r) = (0, 0, 4), (0, 1, 3), (1, 0, 2): user 0 and item 0 occur twice,
 * so their L2 term counts twice. With l2 = 0.1 and |B| = 3 (scale 2/3):
 * <pre>
 *   e = ŷ − r
 *   (0,0): 3 + 0.1 + 0.3 + (0.1·0.5 + 0.2·0.4 = 0.13)  = 3.53 → e1 = −0.47
 *   (0,1): 3 + 0.1 + 0   + (0.1·−0.3 + 0.2·0.6 = 0.09) = 3.19 → e2 =  0.19
 *   (1,0): 3 − 0.2 + 0.3 + (0.3·0.5 − 0.1·0.4 = 0.11) = 3.21 → e3 =  1.21
 *   SSE = 0.2209 + 0.0361 + 1.4641 = 1.7211
 *
 *   g = (2/3)·Σ (e·other + l2·own)
 *   g p0  = 2/3·[−0.47·(0.5, 0.4) + 0.19·(−0.3, 0.6) + 2·0.1·(0.1, 0.2)]
 *         = 2/3·[(−0.235, −0.188) + (−0.057, 0.114) + (0.02, 0.04)] = 2/3·(−0.272, −0.034) = (−0.181333, −0.022667)
 *   g p1  = 2/3·[1.21·(0.5, 0.4) + 0.1·(0.3, −0.1)]   = 2/3·(0.635, 0.474)  = (0.423333, 0.316)
 *   g q0  = 2/3·[−0.47·(0.1, 0.2) + 1.21·(0.3, −0.1) + 2·0.1·(0.5, 0.4)]
 *         = 2/3·[(−0.047, −0.094) + (0.363, −0.121) + (0.1, 0.08)]   = 2/3·(0.416, −0.135) = (0.277333, −0.09)
 *   g q1  = 2/3·[0.19·(0.1, 0.2) + 0.1·(−0.3, 0.6)]   = 2/3·(−0.011, 0.098) = (−0.007333, 0.065333)
 *   g bu0 = 2/3·[−0.47 + 0.19 + 2·0.1·0.1] = 2/3·(−0.26) = −0.173333
 *   g bu1 = 2/3·[1.21 + 0.1·(−0.2)]        = 2/3·1.19    =  0.793333
 *   g bi0 = 2/3·[−0.47 + 1.21 + 2·0.1·0.3] = 2/3·0.8     =  0.533333
 *   g bi1 = 2/3·[0.19 + 0.1·0]             = 2/3·0.19    =  0.126667
 * </pre>
 * The inputs are float32, and so are the hyper-parameters: 0.999f = 0.99900001287, so 1 − β2 =
 * 0.00099998713, 1.3e−5 below 0.001, which the second moments show at the tolerance used here. The
 * expected values below are the arithmetic written out, done exactly (in double) on the float32
 * values of every input, to ten digits; the device computes in float32, hence the tolerances.
 */
class MfStepHandComputedTest {
    private static final double PARAM_TOLERANCE = 1e-6;
    private static final double SECOND_MOMENT_RELATIVE_TOLERANCE = 1e-5;

    private static final float[] P = {0.1f, 0.2f, 0.3f, -0.1f};
    private static final float[] Q = {0.5f, 0.4f, -0.3f, 0.6f};
    private static final float[] USER_BIAS = {0.1f, -0.2f};
    private static final float[] ITEM_BIAS = {0.3f, 0f};

    private JavaDevice device;

    @BeforeEach
    void open() {
        device = new JavaDevice(1);
    }

    @AfterEach
    void close() {
        device.close();
    }

    /**
     * Adam, β1 = 0.9, β2 = 0.999, ε = 1e−8, lr = 0.01.
     * <pre>
     * t = 1: m = 0.1·g, v = 0.001·g²; step = 0.01·sqrt(1 − 0.999)/(1 − 0.9) = 0.01·0.0316228/0.1 = 0.00316228
     *        w −= step·m/(sqrt(v) + ε) = 0.00316228·0.1·g/(0.0316228·|g| + 1e−8) ≈ 0.01·sign(g)
     *        (ε moves it by at most 4.3e−7, at q1[0] where |g| is smallest), e.g.
     *        p0 = (0.1 + 0.01, 0.2 + 0.01) ≈ (0.11, 0.21),   b_u1 = −0.2 − 0.01 = −0.21,   q1[0] = −0.3 + 0.01 = −0.29
     *        m p0 = (−0.0181333, −0.0022667),  v p0 = 0.001·(0.0328818, 0.00051378) = (3.28818e−5, 5.13778e−7)
     *
     * t = 2 on the single rating (1, 1, r = 1), scale 2/1, with the t = 1 parameters
     *        b_u1 = −0.21, b_i1 = −0.01, p1 = (0.29, −0.11), q1 = (−0.29, 0.59):
     *        ŷ = 3 − 0.21 − 0.01 + (0.29·−0.29 + −0.11·0.59 = −0.0841 − 0.0649 = −0.149) = 2.631 → e = 1.631
     *        g p1  = 2·[1.631·(−0.29, 0.59) + 0.1·(0.29, −0.11)] = 2·(−0.44399, 0.95129) = (−0.88798, 1.90258)
     *        g q1  = 2·[1.631·(0.29, −0.11) + 0.1·(−0.29, 0.59)] = 2·(0.44399, −0.12041) = (0.88798, −0.24082)
     *        g bu1 = 2·[1.631 + 0.1·(−0.21)] = 3.22,   g bi1 = 2·[1.631 + 0.1·(−0.01)] = 3.26
     *        m p1[0] = 0.9·0.0423333 + 0.1·(−0.88798) = 0.0381 − 0.088798 = −0.050698
     *        v p1[0] = 0.999·1.79211e−4 + 0.001·0.788508 = 1.79032e−4 + 7.88508e−4 = 9.67540e−4
     *        step = 0.01·sqrt(1 − 0.999²)/(1 − 0.9²) = 0.01·0.0447102/0.19 = 0.00235317
     *        p1[0] = 0.29 − 0.00235317·(−0.050698)/0.0311053 = 0.29 + 0.0038354 = 0.2938354
     *        (the other touched entries the same way); user 0 and item 0 are not in the batch, so
     *        their parameters and moments keep their t = 1 values (lazy Adam).
     * </pre>
     */
    @Test
    void adamStepsAtOneAndTwoMatchHandArithmetic() {
        FactorModel model = HostArrays.model(device, 2, P, Q, USER_BIAS, ITEM_BIAS, 3f, true);
        AdamMoments moments = HostArrays.zeroMoments(device, model);
        StepConfig adam = new StepConfig(Optimizer.ADAM, 0.01f, 0.1f, 0.1f, 0.9f, 0.999f, 1e-8f, 8);

        double sse1 = device.train(model, moments, sharedBatch(), null, 0, 3, adam, 1);

        assertFirstAdamStep(sse1, model, moments);
        float[] paramsAfterOne = HostArrays.flatten(device, model);
        float[] firstAfterOne = HostArrays.flatten(device, moments.first());
        float[] secondAfterOne = HostArrays.flatten(device, moments.second());
        RatingBuffers second = HostArrays.ratings(device, new int[] {1}, new int[] {1}, new float[] {1f});

        double sse2 = device.train(model, moments, second, null, 0, 1, adam, 2);

        assertEquals(2.6601606390, sse2, 1e-6);
        assertParams(model,
                new double[] {paramsAfterOne[0], paramsAfterOne[1], 0.2938354099, -0.1184382211},
                new double[] {paramsAfterOne[4], paramsAfterOne[5], -0.2973862486, 0.5954284763},
                new double[] {paramsAfterOne[8], -0.2188276886},
                new double[] {paramsAfterOne[10], -0.0176957607});
        assertParams(moments.first(),
                new double[] {firstAfterOne[0], firstAfterOne[1], -0.0506981503, 0.2186980629},
                new double[] {firstAfterOne[4], firstAfterOne[5], 0.0881380120, -0.0182019973},
                new double[] {firstAfterOne[8], 0.3934000705},
                new double[] {firstAfterOne[10], 0.3374000589});
        assertSecondMoments(moments.second(),
                new double[] {secondAfterOne[0], secondAfterOne[1], 9.675303767e-04, 3.719519327e-03},
                new double[] {secondAfterOne[4], secondAfterOne[5], 7.885518926e-04, 6.225761406e-05},
                new double[] {secondAfterOne[8], 1.099700541e-02},
                new double[] {secondAfterOne[10], 1.064348996e-02});
        float[] paramsAfterTwo = HostArrays.flatten(device, model);
        for (int untouched : new int[] {0, 1, 4, 5, 8, 10}) {
            assertEquals(Float.floatToRawIntBits(paramsAfterOne[untouched]),
                    Float.floatToRawIntBits(paramsAfterTwo[untouched]), "parameter " + untouched + " not in batch 2");
        }
    }

    /**
     * SGD, lr = 0.05: w −= 0.05·g with the shared gradients.
     * <pre>
     *   p0 = (0.1 + 0.0090667, 0.2 + 0.0011333)   = (0.1090667, 0.2011333)
     *   p1 = (0.3 − 0.0211667, −0.1 − 0.0158)      = (0.2788333, −0.1158)
     *   q0 = (0.5 − 0.0138667, 0.4 + 0.0045)       = (0.4861333, 0.4045)
     *   q1 = (−0.3 + 0.0003667, 0.6 − 0.0032667)   = (−0.2996333, 0.5967333)
     *   b_u = (0.1 + 0.0086667, −0.2 − 0.0396667)  = (0.1086667, −0.2396667)
     *   b_i = (0.3 − 0.0266667, 0 − 0.0063333)     = (0.2733333, −0.0063333)
     * </pre>
     */
    @Test
    void sgdStepMatchesHandArithmetic() {
        FactorModel model = HostArrays.model(device, 2, P, Q, USER_BIAS, ITEM_BIAS, 3f, true);
        StepConfig sgd = new StepConfig(Optimizer.SGD, 0.05f, 0.1f, 0.1f, 0.9f, 0.999f, 1e-8f, 3);

        double sse = device.train(model, null, sharedBatch(), null, 0, 3, sgd, 1);

        assertEquals(1.7211000201, sse, 1e-6);
        assertParams(model,
                new double[] {0.1090666681, 0.2011333359, 0.2788333447, -0.1158000021},
                new double[] {0.4861333324, 0.4045000060, -0.2996333452, 0.5967333570},
                new double[] {0.1086666675, -0.2396666707},
                new double[] {0.2733333437, -0.0063333336});
    }

    /**
     * Unbiased model (μ = 0, bias buffers present but {@code biased = false}, so ignored), batch
     * (0, 0, 0.5), (1, 1, −0.3), scale 2/2 = 1, l2 = 0.05; Adam with lr = 0.1 and a large ε = 1e−3 so that
     * the step depends on |g| and on ε sitting outside the square root.
     * <pre>
     *   ŷ(0,0) = 0.1·0.5 + 0.2·0.4 = 0.13 → e = −0.37;   ŷ(1,1) = 0.3·−0.3 + −0.1·0.6 = −0.15 → e = 0.15
     *   SSE = 0.1369 + 0.0225 = 0.1594
     *   g p0 = −0.37·(0.5, 0.4) + 0.05·(0.1, 0.2)  = (−0.18, −0.138)
     *   g p1 =  0.15·(−0.3, 0.6) + 0.05·(0.3, −0.1) = (−0.03, 0.085)
     *   g q0 = −0.37·(0.1, 0.2) + 0.05·(0.5, 0.4)  = (−0.012, −0.054)
     *   g q1 =  0.15·(0.3, −0.1) + 0.05·(−0.3, 0.6) = (0.03, 0.015)
     *   step = 0.1·0.0316228/0.1 = 0.0316228;  Δw = −step·0.1·g/(0.0316228·|g| + 0.001)
     *   p0[0]: −0.00316228·(−0.18)/(0.0056921 + 0.001) = +0.0850570 → 0.1850570
     *          (with ε inside the root, sqrt(3.24e−5 + 1e−3) = 0.03213, it would be +0.0177)
     *   p1[0]: −0.00316228·(−0.03)/(0.00094868 + 0.001) = +0.0486833 → 0.3486833
     * </pre>
     */
    @Test
    void unbiasedAdamStepIgnoresBiasesAndPutsEpsilonOutsideTheRoot() {
        FactorModel model = HostArrays.model(device, 2, P, Q, USER_BIAS, ITEM_BIAS, 0f, false);
        AdamMoments moments = HostArrays.zeroMoments(device, model);
        RatingBuffers batch = HostArrays.ratings(device, new int[] {0, 1}, new int[] {0, 1}, new float[] {0.5f, -0.3f});
        StepConfig adam = new StepConfig(Optimizer.ADAM, 0.1f, 0.05f, 0.05f, 0.9f, 0.999f, 1e-3f, 2);

        double sse = device.train(model, moments, batch, null, 0, 2, adam, 1);

        assertEquals(0.1593999946, sse, 1e-7);
        assertNear(new double[] {0.1850569273, 0.2813569045, 0.3486831469, -0.1728844358},
                readFloats(device, model.userFactors().buffer()), PARAM_TOLERANCE, "P");
        assertNear(new double[] {0.5275084362, 0.4630671869, -0.3486831469, 0.5678270453},
                readFloats(device, model.itemFactors().buffer()), PARAM_TOLERANCE, "Q");
        assertArrayEquals(USER_BIAS, readFloats(device, model.userBias()), "user bias untouched");
        assertArrayEquals(ITEM_BIAS, readFloats(device, model.itemBias()), "item bias untouched");
        assertNear(new double[] {-0.0180000041, -0.0138000034, -0.0030000005, 0.0085000017},
                readFloats(device, moments.first().userFactors().buffer()), PARAM_TOLERANCE, "m P");
        assertNear(new double[] {-0.0012000003, -0.0054000013, 0.0030000005, 0.0015000006},
                readFloats(device, moments.first().itemFactors().buffer()), PARAM_TOLERANCE, "m Q");
        assertRelative(new double[] {3.239958225e-05, 1.904375500e-05, 8.999882832e-07, 7.224906500e-06},
                readFloats(device, moments.second().userFactors().buffer()), "v P");
        assertRelative(new double[] {1.439981428e-07, 2.915962445e-06, 8.999882832e-07, 2.249971770e-07},
                readFloats(device, moments.second().itemFactors().buffer()), "v Q");
    }

    private void assertFirstAdamStep(double sse, FactorModel model, AdamMoments moments) {
        assertEquals(1.7211000201, sse, 1e-6);
        assertParams(model,
                new double[] {0.1099999838, 0.2099998632, 0.2900000196, -0.1099999913},
                new double[] {0.4900000116, 0.4099999706, -0.2900004433, 0.5900000725},
                new double[] {0.1099999830, -0.2099999988},
                new double[] {0.2900000181, -0.0099999748});
        assertParams(moments.first(),
                new double[] {-0.0181333373, -0.0022666663, 0.0423333440, 0.0316000084},
                new double[] {0.0277333413, -0.0090000021, -0.0007333336, 0.0065333352},
                new double[] {-0.0173333359, 0.0793333531},
                new double[] {0.0533333483, 0.0126666701});
        assertSecondMoments(moments.second(),
                new double[] {3.288135331e-05, 5.137707587e-07, 1.792088086e-04, 9.985471962e-05},
                new double[] {7.691279530e-05, 8.099895582e-06, 5.377709240e-08, 4.268389936e-06},
                new double[] {3.004405219e-05, 6.293696887e-04},
                new double[] {2.844408062e-04, 1.604423896e-05});
    }

    private RatingBuffers sharedBatch() {
        return HostArrays.ratings(device, new int[] {0, 0, 1}, new int[] {0, 1, 0}, new float[] {4f, 3f, 2f});
    }

    private void assertParams(FactorModel m, double[] p, double[] q, double[] userBias, double[] itemBias) {
        assertNear(p, readFloats(device, m.userFactors().buffer()), PARAM_TOLERANCE, "P");
        assertNear(q, readFloats(device, m.itemFactors().buffer()), PARAM_TOLERANCE, "Q");
        assertNear(userBias, readFloats(device, m.userBias()), PARAM_TOLERANCE, "user bias");
        assertNear(itemBias, readFloats(device, m.itemBias()), PARAM_TOLERANCE, "item bias");
    }

    private void assertSecondMoments(FactorModel v, double[] p, double[] q, double[] userBias, double[] itemBias) {
        assertRelative(p, readFloats(device, v.userFactors().buffer()), "v P");
        assertRelative(q, readFloats(device, v.itemFactors().buffer()), "v Q");
        assertRelative(userBias, readFloats(device, v.userBias()), "v user bias");
        assertRelative(itemBias, readFloats(device, v.itemBias()), "v item bias");
    }

    private static void assertNear(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], tolerance, what + "[" + j + "]");
        }
    }

    /**
     * Second moments are O(g²), far below 1e−6: compare them relative to their size. A float32
     * gradient summed from cancelling terms (g p0[1] = −0.188 + 0.114 + 0.04) is off by ~4e−6
     * relative, which g² doubles.
     */
    private static void assertRelative(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], Math.abs(expected[j]) * SECOND_MOMENT_RELATIVE_TOLERANCE,
                    what + "[" + j + "]");
        }
    }
}
