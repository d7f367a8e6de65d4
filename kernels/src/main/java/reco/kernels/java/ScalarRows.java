package reco.kernels.java;

import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

/**
 * The mini-batch path's per-row arithmetic, one float at a time: the reference that
 * {@link VectorRows} matches bit for bit. Rows are the device's int words read as floats; gradients
 * are plain floats in the batch's scratch, at their own offsets.
 */
final class ScalarRows {
    /** Lanes of the dot product's fixed summation order, whatever the hardware's registers. */
    static final int DOT_LANES = 8;

    private ScalarRows() {
    }

    /**
     * {@code p[pu, pu+len) · q[qi, qi+len)} summed in the order of an 8-lane register, so that
     * {@link VectorRows#dot} can match it: lane l sums the products at f ≡ l (mod 8) in order, the
     * lanes add as ((0+4)+(2+6))+((1+5)+(3+7)), and the products past the last multiple of 8 follow in
     * order. Rows shorter than 8 are summed in plain order.
     */
    static float dot(int[] p, int pu, int[] q, int qi, int len) {
        int whole = len - len % DOT_LANES;
        float s = 0f;
        if (whole > 0) {
            float a0 = product(p, pu, q, qi, 0);
            float a1 = product(p, pu, q, qi, 1);
            float a2 = product(p, pu, q, qi, 2);
            float a3 = product(p, pu, q, qi, 3);
            float a4 = product(p, pu, q, qi, 4);
            float a5 = product(p, pu, q, qi, 5);
            float a6 = product(p, pu, q, qi, 6);
            float a7 = product(p, pu, q, qi, 7);
            for (int f = DOT_LANES; f < whole; f += DOT_LANES) {
                a0 += product(p, pu, q, qi, f);
                a1 += product(p, pu, q, qi, f + 1);
                a2 += product(p, pu, q, qi, f + 2);
                a3 += product(p, pu, q, qi, f + 3);
                a4 += product(p, pu, q, qi, f + 4);
                a5 += product(p, pu, q, qi, f + 5);
                a6 += product(p, pu, q, qi, f + 6);
                a7 += product(p, pu, q, qi, f + 7);
            }
            s = ((a0 + a4) + (a2 + a6)) + ((a1 + a5) + (a3 + a7));
        }
        for (int f = whole; f < len; f++) {
            s += product(p, pu, q, qi, f);
        }
        return s;
    }

    private static float product(int[] p, int pu, int[] q, int qi, int f) {
        return intBitsToFloat(p[pu + f]) * intBitsToFloat(q[qi + f]);
    }

    /** Copies {@code len} words from {@code src[from…]} to {@code dst[to…]}. */
    static void copy(int[] src, int from, int[] dst, int to, int len) {
        for (int f = 0; f < len; f++) {
            dst[to + f] = src[from + f];
        }
    }

    /** {@code grad[g+f] += e·other[o+f] + decay·own[at+f]} for f in [0, len). */
    static void accumulate(float[] grad, int g, int[] own, int at, int[] other, int o, int len, float e, float decay) {
        for (int f = 0; f < len; f++) {
            grad[g + f] += e * intBitsToFloat(other[o + f]) + decay * intBitsToFloat(own[at + f]);
        }
    }

    /** {@link #sgd} on rows {@code rows[0, n)} of {@code len} words each; row s's gradient is slot s. */
    static void sgdRows(int[] w, int[] rows, int n, int len, float[] grad, float lr) {
        for (int s = 0; s < n; s++) {
            sgd(w, rows[s] * len, grad, s * len, len, lr);
        }
    }

    /** {@link #adam} on rows {@code rows[0, n)} of {@code len} words each; row s's gradient is slot s. */
    static void adamRows(int[] w, int[] first, int[] second, int[] rows, int n, int len, float[] grad,
                         float beta1, float beta2, float epsilon, float stepSize) {
        for (int s = 0; s < n; s++) {
            adam(w, first, second, rows[s] * len, grad, s * len, len, beta1, beta2, epsilon, stepSize);
        }
    }

    /** SGD on {@code w[at, at+len)} from {@code grad[g, g+len)}, which it zeroes. */
    static void sgd(int[] w, int at, float[] grad, int g, int len, float lr) {
        for (int f = 0; f < len; f++) {
            w[at + f] = floatToRawIntBits(intBitsToFloat(w[at + f]) - lr * grad[g + f]);
            grad[g + f] = 0f;
        }
    }

    /**
     * Adam on {@code w[at, at+len)} and its moments from {@code grad[g, g+len)}, which it zeroes;
     * {@code stepSize} is lr·√(1 − β2^t) / (1 − β1^t), PyTorch's form of the bias correction.
     */
    static void adam(int[] w, int[] first, int[] second, int at, float[] grad, int g, int len,
                     float beta1, float beta2, float epsilon, float stepSize) {
        float keep1 = 1f - beta1;
        float keep2 = 1f - beta2;
        for (int f = 0; f < len; f++) {
            int x = at + f;
            float gr = grad[g + f];
            grad[g + f] = 0f;
            float m = beta1 * intBitsToFloat(first[x]) + keep1 * gr;
            float v = beta2 * intBitsToFloat(second[x]) + keep2 * gr * gr;
            first[x] = floatToRawIntBits(m);
            second[x] = floatToRawIntBits(v);
            w[x] = floatToRawIntBits(intBitsToFloat(w[x]) - stepSize * m / ((float) Math.sqrt(v) + epsilon));
        }
    }
}
