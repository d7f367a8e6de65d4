package reco.kernels.java;

import reco.kernels.StepConfig;

import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

/**
 * Lazy Adam with one step per rating, for the blocked loops: the step size follows the step count
 * for bias correction, {@code lr·sqrt(1 − β2^t) / (1 − β1^t)} (PyTorch's form), with the powers
 * carried from step to step instead of recomputed.
 */
final class PerRatingAdam {
    final float decay;       // 2·l2: the factors' L2 gradient per unit of weight
    final float biasDecay;   // 2·biasL2
    final float beta1;
    final float beta2;
    final float epsilon;
    private final float lr;
    private double beta1Power; // β1^t and β2^t for the coming step t
    private double beta2Power;

    PerRatingAdam(StepConfig step, long firstStep) {
        this.decay = 2f * step.l2();
        this.biasDecay = 2f * step.biasL2();
        this.lr = step.learningRate();
        this.beta1 = step.beta1();
        this.beta2 = step.beta2();
        this.epsilon = step.epsilon();
        this.beta1Power = Math.pow(beta1, firstStep);
        this.beta2Power = Math.pow(beta2, firstStep);
    }

    /** This step's step size; moves on to the next step. */
    float next() {
        float s = (float) (lr * Math.sqrt(1 - beta2Power) / (1 - beta1Power));
        beta1Power *= beta1;
        beta2Power *= beta2;
        return s;
    }

    /** Updates factors {@code [from, k)} of user row {@code pu} and item row {@code qi}, each from the other's old value. */
    void factors(MfView m, MfView m1, MfView m2, int pu, int qi, int from, float g, float stepSize) {
        int[] p = m.p();
        int[] q = m.q();
        for (int f = from; f < m.k(); f++) {
            float pf = intBitsToFloat(p[pu + f]);
            float qf = intBitsToFloat(q[qi + f]);
            update(p, m1.p(), m2.p(), pu + f, g * qf + decay * pf, stepSize);
            update(q, m1.q(), m2.q(), qi + f, g * pf + decay * qf, stepSize);
        }
    }

    /** Updates the biases of user {@code u} and item {@code i}, when the model has them. */
    void biases(MfView m, MfView m1, MfView m2, int u, int i, float g, float stepSize) {
        if (m.biased()) {
            update(m.userBias(), m1.userBias(), m2.userBias(), u, g + biasDecay * intBitsToFloat(m.userBias()[u]), stepSize);
            update(m.itemBias(), m1.itemBias(), m2.itemBias(), i, g + biasDecay * intBitsToFloat(m.itemBias()[i]), stepSize);
        }
    }

    /** Updates weight {@code w[at]} and its moments from gradient {@code grad}. */
    void update(int[] w, int[] first, int[] second, int at, float grad, float stepSize) {
        float m = beta1 * intBitsToFloat(first[at]) + (1f - beta1) * grad;
        float v = beta2 * intBitsToFloat(second[at]) + (1f - beta2) * grad * grad;
        first[at] = floatToRawIntBits(m);
        second[at] = floatToRawIntBits(v);
        w[at] = floatToRawIntBits(intBitsToFloat(w[at]) - stepSize * m / ((float) Math.sqrt(v) + epsilon));
    }
}
