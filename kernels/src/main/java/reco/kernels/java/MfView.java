package reco.kernels.java;

import static java.lang.Float.intBitsToFloat;

/**
 * A factor model's words: P (users × k), Q (items × k), biases (null when unbiased) and the global
 * mean. The same shape carries Adam's moments.
 */
record MfView(int[] p, int[] q, int[] userBias, int[] itemBias, int k, float mu, int users, int items) {

    boolean biased() {
        return userBias != null;
    }

    float dot(int u, int i) {
        int pu = u * k;
        int qi = i * k;
        float s = 0f;
        for (int f = 0; f < k; f++) {
            s += intBitsToFloat(p[pu + f]) * intBitsToFloat(q[qi + f]);
        }
        return s;
    }

    /** {@code mu + b_u + b_i + dot(p_u, q_i)}, summed in that order. */
    float predict(int u, int i) {
        float s = mu;
        if (userBias != null) {
            s = s + intBitsToFloat(userBias[u]) + intBitsToFloat(itemBias[i]);
        }
        return s + dot(u, i);
    }

    /** Whether (u, i) lies inside the model. */
    boolean contains(int u, int i) {
        return u >= 0 && u < users && i >= 0 && i < items;
    }
}
