package reco.kernels.java;

import java.lang.foreign.MemorySegment;

import static reco.kernels.java.JavaDevice.Layouts.FLOAT;

/**
 * A factor model's segments: P (users × k), Q (items × k), biases (null when unbiased) and the global
 * mean. The same shape carries Adam's moments.
 */
record MfView(MemorySegment p, MemorySegment q, MemorySegment userBias, MemorySegment itemBias, int k, float mu) {

    boolean biased() {
        return userBias != null;
    }

    float dot(int u, int i) {
        long pu = (long) u * k;
        long qi = (long) i * k;
        float s = 0f;
        for (int f = 0; f < k; f++) {
            s += p.getAtIndex(FLOAT, pu + f) * q.getAtIndex(FLOAT, qi + f);
        }
        return s;
    }

    /** {@code mu + b_u + b_i + dot(p_u, q_i)}, summed in that order. */
    float predict(int u, int i) {
        float s = mu;
        if (userBias != null) {
            s = s + userBias.getAtIndex(FLOAT, u) + itemBias.getAtIndex(FLOAT, i);
        }
        return s + dot(u, i);
    }
}
