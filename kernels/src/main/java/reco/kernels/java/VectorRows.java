package reco.kernels.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import static java.lang.Float.intBitsToFloat;

/**
 * The mini-batch path's per-row arithmetic ({@link ScalarRows}) eight lanes at a time: one 256-bit
 * register holds a whole row of the notebook's 8 factors, which a 512-bit register could not fill.
 * Every operation is lane-wise IEEE arithmetic in the scalar order (no fused multiply-add), so the
 * results are bit-identical to {@link ScalarRows}, and the mini-batch path may switch between the two
 * at any batch without changing a bit (see {@link VectorWarmUp}). A row's tail past the last whole
 * register takes the scalar path. A row of exactly one register (the notebook's 8 factors) takes a
 * straight-line path with no loop: for a loop of one iteration, C2's loop machinery (strip mining,
 * pre-, main and post-loops) cost more than the arithmetic (in-JVM A/B: −40 to −45 % per notebook
 * epoch).
 *
 * <p>No helper here returns a vector: C2 compiled such a helper on its own at times, and every call
 * then boxed its result on the heap. Used only when {@link VectorSupport#AVAILABLE}.
 */
final class VectorRows {
    // Eight lanes where the hardware has them; fewer (e.g. 128-bit NEON) where it has no wider ones.
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.length() <= 8
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = F.length() == 8 ? IntVector.SPECIES_256
            : IntVector.SPECIES_PREFERRED;

    private static final boolean EIGHT_LANES = F.length() == ScalarRows.DOT_LANES;
    private static final VectorShuffle<Float> SWAP_4 = EIGHT_LANES ? VectorShuffle.fromOp(F, l -> l ^ 4) : null;
    private static final VectorShuffle<Float> SWAP_2 = EIGHT_LANES ? VectorShuffle.fromOp(F, l -> l ^ 2) : null;
    private static final VectorShuffle<Float> SWAP_1 = EIGHT_LANES ? VectorShuffle.fromOp(F, l -> l ^ 1) : null;

    private VectorRows() {
    }

    /** {@link ScalarRows#dot}, in its order, a register at a time where registers have its 8 lanes. */
    static float dot(int[] p, int pu, int[] q, int qi, int len) {
        int whole = len - len % ScalarRows.DOT_LANES;
        if (!EIGHT_LANES || whole == 0) {
            return ScalarRows.dot(p, pu, q, qi, len);
        }
        FloatVector acc = IntVector.fromArray(I, p, pu).reinterpretAsFloats()
                .mul(IntVector.fromArray(I, q, qi).reinterpretAsFloats());
        if (len == ScalarRows.DOT_LANES) {
            acc = acc.add(acc.rearrange(SWAP_4));
            acc = acc.add(acc.rearrange(SWAP_2));
            return acc.add(acc.rearrange(SWAP_1)).lane(0);
        }
        for (int f = 8; f < whole; f += 8) {
            acc = acc.add(IntVector.fromArray(I, p, pu + f).reinterpretAsFloats()
                    .mul(IntVector.fromArray(I, q, qi + f).reinterpretAsFloats()));
        }
        acc = acc.add(acc.rearrange(SWAP_4));
        acc = acc.add(acc.rearrange(SWAP_2));
        float s = acc.add(acc.rearrange(SWAP_1)).lane(0);
        for (int f = whole; f < len; f++) {
            s += intBitsToFloat(p[pu + f]) * intBitsToFloat(q[qi + f]);
        }
        return s;
    }

    /** Width in bits of the registers used, for the device's description. */
    static int bits() {
        return F.vectorBitSize();
    }

    /**
     * Copies a user's row {@code p[pu…]} to {@code rowP[to…]} and an item's {@code q[qi…]} to
     * {@code rowQ[to…]}, {@code len} words each, in one loop: half the loops for C2 to compile and run.
     */
    static void copyPair(int[] p, int pu, int[] q, int qi, int[] rowP, int[] rowQ, int to, int len) {
        if (len == I.length()) {
            IntVector.fromArray(I, p, pu).intoArray(rowP, to);
            IntVector.fromArray(I, q, qi).intoArray(rowQ, to);
            return;
        }
        int f = 0;
        for (int bound = I.loopBound(len); f < bound; f += I.length()) {
            IntVector.fromArray(I, p, pu + f).intoArray(rowP, to + f);
            IntVector.fromArray(I, q, qi + f).intoArray(rowQ, to + f);
        }
        for (; f < len; f++) {
            rowP[to + f] = p[pu + f];
            rowQ[to + f] = q[qi + f];
        }
    }

    /**
     * {@link #accumulate} of one rating's terms to its user's gradient {@code userGrad[ug…]} and its
     * item's {@code itemGrad[ig…]}, from the rows {@code rowP[o…]} and {@code rowQ[o…]}, in one loop.
     */
    static void accumulatePair(float[] userGrad, int ug, float[] itemGrad, int ig, int[] rowP, int[] rowQ, int o,
                               int len, float e, float decay) {
        if (len == F.length()) {
            accumulatePairRegister(userGrad, ug, itemGrad, ig, rowP, rowQ, o, e, decay);
            return;
        }
        int f = 0;
        for (int bound = F.loopBound(len); f < bound; f += F.length()) {
            accumulatePairRegister(userGrad, ug + f, itemGrad, ig + f, rowP, rowQ, o + f, e, decay);
        }
        ScalarRows.accumulate(userGrad, ug + f, rowP, o + f, rowQ, o + f, len - f, e, decay);
        ScalarRows.accumulate(itemGrad, ig + f, rowQ, o + f, rowP, o + f, len - f, e, decay);
    }

    /** {@code grad[g+f] += e·other[o+f] + decay·own[at+f]} for f in [0, len). */
    static void accumulate(float[] grad, int g, int[] own, int at, int[] other, int o, int len, float e, float decay) {
        int f = 0;
        for (int bound = F.loopBound(len); f < bound; f += F.length()) {
            FloatVector term = IntVector.fromArray(I, other, o + f).reinterpretAsFloats().mul(e)
                    .add(IntVector.fromArray(I, own, at + f).reinterpretAsFloats().mul(decay));
            FloatVector.fromArray(F, grad, g + f).add(term).intoArray(grad, g + f);
        }
        ScalarRows.accumulate(grad, g + f, own, at + f, other, o + f, len - f, e, decay);
    }

    /**
     * {@link ScalarRows#sgd} on rows {@code rows[0, n)} of {@code len} words each; row s's gradient is
     * slot s, which it zeroes. The row's arithmetic is written out in the loop over rows rather than
     * called per row: C2 compiled such a per-row method on its own, too big to inline back, and the
     * calls cost 11–14 % of the notebook preset's epoch (in-JVM A/B, Adam).
     */
    static void sgdRows(int[] w, int[] rows, int n, int len, float[] grad, float lr) {
        int whole = F.loopBound(len);
        if (len == F.length()) {
            for (int s = 0; s < n; s++) {
                sgdRegister(w, rows[s] * len, grad, s * len, lr);
            }
            return;
        }
        for (int s = 0; s < n; s++) {
            int at = rows[s] * len;
            int g = s * len;
            for (int f = 0; f < whole; f += F.length()) {
                sgdRegister(w, at + f, grad, g + f, lr);
            }
            if (whole < len) {
                ScalarRows.sgd(w, at + whole, grad, g + whole, len - whole, lr);
            }
        }
    }

    /** {@link ScalarRows#adam} on rows {@code rows[0, n)}, as {@link #sgdRows} does SGD. */
    static void adamRows(int[] w, int[] first, int[] second, int[] rows, int n, int len, float[] grad,
                         float beta1, float beta2, float epsilon, float stepSize) {
        float keep1 = 1f - beta1;
        float keep2 = 1f - beta2;
        int whole = F.loopBound(len);
        if (len == F.length()) {
            for (int s = 0; s < n; s++) {
                adamRegister(w, first, second, rows[s] * len, grad, s * len, beta1, beta2, keep1, keep2, epsilon,
                        stepSize);
            }
            return;
        }
        for (int s = 0; s < n; s++) {
            int at = rows[s] * len;
            int g = s * len;
            for (int f = 0; f < whole; f += F.length()) {
                adamRegister(w, first, second, at + f, grad, g + f, beta1, beta2, keep1, keep2, epsilon, stepSize);
            }
            if (whole < len) {
                ScalarRows.adam(w, first, second, at + whole, grad, g + whole, len - whole, beta1, beta2, epsilon,
                        stepSize);
            }
        }
    }

    /** One register of {@link #accumulatePair}: the user's and the item's terms at offsets ug, ig and o. */
    private static void accumulatePairRegister(float[] userGrad, int ug, float[] itemGrad, int ig, int[] rowP,
                                               int[] rowQ, int o, float e, float decay) {
        FloatVector pu = IntVector.fromArray(I, rowP, o).reinterpretAsFloats();
        FloatVector qi = IntVector.fromArray(I, rowQ, o).reinterpretAsFloats();
        FloatVector.fromArray(F, userGrad, ug).add(qi.mul(e).add(pu.mul(decay))).intoArray(userGrad, ug);
        FloatVector.fromArray(F, itemGrad, ig).add(pu.mul(e).add(qi.mul(decay))).intoArray(itemGrad, ig);
    }

    /** One register of SGD: {@code w[at…] −= lr·grad[g…]}, then the gradient zeroed. */
    private static void sgdRegister(int[] w, int at, float[] grad, int g, float lr) {
        FloatVector gr = FloatVector.fromArray(F, grad, g);
        FloatVector.zero(F).intoArray(grad, g);
        IntVector.fromArray(I, w, at).reinterpretAsFloats().sub(gr.mul(lr)).reinterpretAsInts().intoArray(w, at);
    }

    /** One register of Adam at word {@code x} of the weights and moments, from {@code grad[g…]}, which it zeroes. */
    private static void adamRegister(int[] w, int[] first, int[] second, int x, float[] grad, int g, float beta1,
                                     float beta2, float keep1, float keep2, float epsilon, float stepSize) {
        FloatVector gr = FloatVector.fromArray(F, grad, g);
        FloatVector.zero(F).intoArray(grad, g);
        FloatVector m = IntVector.fromArray(I, first, x).reinterpretAsFloats().mul(beta1).add(gr.mul(keep1));
        FloatVector v = IntVector.fromArray(I, second, x).reinterpretAsFloats().mul(beta2).add(gr.mul(keep2).mul(gr));
        m.reinterpretAsInts().intoArray(first, x);
        v.reinterpretAsInts().intoArray(second, x);
        IntVector.fromArray(I, w, x).reinterpretAsFloats().sub(m.mul(stepSize).div(v.sqrt().add(epsilon)))
                .reinterpretAsInts().intoArray(w, x);
    }
}
