package reco.kernels.java;

import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

/**
 * The mini-batch path's per-row arithmetic, one float at a time: the reference that
 * {@link VectorRows} matches bit for bit. Rows are the device's int words read as floats; gradients
 * are plain floats in the batch's scratch, at their own offsets.
 */
final class ScalarRows {
    private ScalarRows() {
    }

    /** {@code grad[g+f] += e·other[o+f] + decay·own[at+f]} for f in [0, len). */
    static void accumulate(float[] grad, int g, int[] own, int at, int[] other, int o, int len, float e, float decay) {
        for (int f = 0; f < len; f++) {
            grad[g + f] += e * intBitsToFloat(other[o + f]) + decay * intBitsToFloat(own[at + f]);
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
