package reco.kernels.java;

import reco.kernels.StepConfig;

import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

/**
 * Per-rating SGD and lazy Adam over one block of ratings, one float at a time: the reference for
 * {@link VectorRatingLoop}, the path when the Vector API is absent, and the path for small calls,
 * where the SIMD loops would spend longer being compiled than running.
 */
final class ScalarRatingLoop {

    private ScalarRatingLoop() {
    }

    /** SGD on ratings {@code [from, to)}; the summed squared error before each update. */
    static double sgd(MfView m, int[] users, int[] items, int[] ratings, int from, int to, StepConfig step) {
        return sgd(m, users, items, ratings, null, from, to, step);
    }

    /**
     * SGD on the ratings at positions {@code [from, to)} of {@code order} (null: the ratings themselves,
     * in place); the summed squared error before each update.
     */
    static double sgd(MfView m, int[] users, int[] items, int[] ratings, int[] order, int from, int to, StepConfig step) {
        int k = m.k();
        int[] p = m.p();
        int[] q = m.q();
        float lr = step.learningRate();
        float decay = 2f * step.l2();
        float biasDecay = 2f * step.biasL2();
        double sse = 0;
        for (int pos = from; pos < to; pos++) {
            int j = order == null ? pos : order[pos];
            int u = users[j];
            int i = items[j];
            checkInside(m, u, i, j);
            float e = m.predict(u, i) - intBitsToFloat(ratings[j]);
            sse += (double) e * e;
            float g = 2f * e;
            int pu = u * k;
            int qi = i * k;
            for (int f = 0; f < k; f++) {
                float pf = intBitsToFloat(p[pu + f]);
                float qf = intBitsToFloat(q[qi + f]);
                p[pu + f] = floatToRawIntBits(pf - lr * (g * qf + decay * pf));
                q[qi + f] = floatToRawIntBits(qf - lr * (g * pf + decay * qf));
            }
            if (m.biased()) {
                float b = intBitsToFloat(m.userBias()[u]);
                m.userBias()[u] = floatToRawIntBits(b - lr * (g + biasDecay * b));
                b = intBitsToFloat(m.itemBias()[i]);
                m.itemBias()[i] = floatToRawIntBits(b - lr * (g + biasDecay * b));
            }
        }
        return sse;
    }

    /** Lazy Adam on ratings {@code [from, to)}; rating {@code j - from} is step {@code firstStep + j - from}. */
    static double adam(MfView m, MfView m1, MfView m2, int[] users, int[] items, int[] ratings, int from, int to,
                       StepConfig step, long firstStep) {
        int k = m.k();
        PerRatingAdam rule = new PerRatingAdam(step, firstStep);
        double sse = 0;
        for (int j = from; j < to; j++) {
            int u = users[j];
            int i = items[j];
            checkInside(m, u, i, j);
            float e = m.predict(u, i) - intBitsToFloat(ratings[j]);
            sse += (double) e * e;
            float g = 2f * e;
            float stepSize = rule.next();
            int pu = u * k;
            int qi = i * k;
            rule.factors(m, m1, m2, pu, qi, 0, g, stepSize);
            rule.biases(m, m1, m2, u, i, g, stepSize);
        }
        return sse;
    }

    static void checkInside(MfView m, int u, int i, int j) {
        if (!m.contains(u, i)) {
            throw new IllegalArgumentException("rating " + j + " has user " + u + " and item " + i
                    + ", outside the model's " + m.users() + " users and " + m.items() + " items");
        }
    }
}
