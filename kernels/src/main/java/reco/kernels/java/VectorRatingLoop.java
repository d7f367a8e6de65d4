package reco.kernels.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import reco.kernels.StepConfig;

import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

/**
 * Per-rating SGD and lazy Adam over one block of ratings, with the factor rows processed a whole
 * SIMD register at a time (16 floats on AVX-512). The model's words are int arrays (the device's
 * untyped buffers); reinterpreting an int vector as floats costs nothing. Rows shorter than a
 * register, and the tail of a row, take the scalar path.
 *
 * <p>Used only when {@link VectorSupport#AVAILABLE}. The dot product sums lane-wise, so results
 * differ in the last bits from the scalar loops; they are the same from run to run and for any
 * thread count (every operation here is exactly rounded IEEE arithmetic in a fixed order).
 */
final class VectorRatingLoop {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorShuffle<Float> SWAP_8 = swap(8);
    private static final VectorShuffle<Float> SWAP_4 = swap(4);
    private static final VectorShuffle<Float> SWAP_2 = swap(2);
    private static final VectorShuffle<Float> SWAP_1 = swap(1);

    private VectorRatingLoop() {
    }

    /** Width in bits of the registers used, for the device's description. */
    static int bits() {
        return F.vectorBitSize();
    }

    /** Whether {@link #sum} covers the register: up to 16 lanes (512-bit floats). */
    static boolean supported() {
        return F.length() <= 16 && F.length() == I.length();
    }

    /** SGD on ratings {@code [from, to)}; the summed squared error before each update. */
    static double sgd(MfView m, int[] users, int[] items, int[] ratings, int from, int to, StepConfig step) {
        int k = m.k();
        int bound = F.loopBound(k);
        int[] p = m.p();
        int[] q = m.q();
        float lr = step.learningRate();
        float keep = 1f - lr * 2f * step.l2();     // p ← keep·p − lr·2e·q, the L2 shrink folded in
        float biasKeep = 1f - lr * 2f * step.biasL2();
        FloatVector keepV = FloatVector.broadcast(F, keep);
        double sse = 0;
        for (int j = from; j < to; j++) {
            int u = users[j];
            int i = items[j];
            ScalarRatingLoop.checkInside(m, u, i, j);
            int pu = u * k;
            int qi = i * k;
            float e = predict(m, u, i, pu, qi, bound) - intBitsToFloat(ratings[j]);
            sse += (double) e * e;
            float step2 = -lr * 2f * e;
            int f = 0;
            for (; f < bound; f += F.length()) {
                FloatVector pv = row(p, pu + f);
                FloatVector qv = row(q, qi + f);
                pv.fma(keepV, qv.mul(step2)).reinterpretAsInts().intoArray(p, pu + f);
                qv.fma(keepV, pv.mul(step2)).reinterpretAsInts().intoArray(q, qi + f);
            }
            for (; f < k; f++) {
                float pf = intBitsToFloat(p[pu + f]);
                float qf = intBitsToFloat(q[qi + f]);
                p[pu + f] = floatToRawIntBits(pf * keep + step2 * qf);
                q[qi + f] = floatToRawIntBits(qf * keep + step2 * pf);
            }
            if (m.biased()) {
                m.userBias()[u] = floatToRawIntBits(intBitsToFloat(m.userBias()[u]) * biasKeep + step2);
                m.itemBias()[i] = floatToRawIntBits(intBitsToFloat(m.itemBias()[i]) * biasKeep + step2);
            }
        }
        return sse;
    }

    /**
     * Lazy Adam on ratings {@code [from, to)}: each rating is one step for the two rows it touches;
     * rating {@code j - from} is step {@code firstStep + j - from} for bias correction.
     */
    static double adam(MfView m, MfView m1, MfView m2, int[] users, int[] items, int[] ratings, int from, int to,
                       StepConfig step, long firstStep) {
        int k = m.k();
        int bound = F.loopBound(k);
        PerRatingAdam rule = new PerRatingAdam(step, firstStep);
        int[] p = m.p();
        int[] q = m.q();
        int[] mp1 = m1.p();
        int[] vp2 = m2.p();
        int[] mq1 = m1.q();
        int[] vq2 = m2.q();
        float[] gradP = new float[F.length()];
        float[] gradQ = new float[F.length()];
        double sse = 0;
        for (int j = from; j < to; j++) {
            int u = users[j];
            int i = items[j];
            ScalarRatingLoop.checkInside(m, u, i, j);
            int pu = u * k;
            int qi = i * k;
            float e = predict(m, u, i, pu, qi, bound) - intBitsToFloat(ratings[j]);
            sse += (double) e * e;
            float g = 2f * e;
            float stepSize = rule.next();
            float b1 = rule.beta1;
            float b2 = rule.beta2;
            float eps = rule.epsilon;
            int f = 0;
            for (; f < bound; f += F.length()) {
                gradients(p, q, pu + f, qi + f, g, rule.decay, gradP, gradQ);
                adamChunk(p, mp1, vp2, pu + f, gradP, b1, b2, eps, stepSize);
                adamChunk(q, mq1, vq2, qi + f, gradQ, b1, b2, eps, stepSize);
            }
            rule.factors(m, m1, m2, pu, qi, f, g, stepSize);
            rule.biases(m, m1, m2, u, i, g, stepSize);
        }
        return sse;
    }

    /**
     * One register's width of the two gradients, {@code g·q + decay·p} into {@code gradP} and
     * {@code g·p + decay·q} into {@code gradQ}, both from the rows as they were.
     *
     * <p>Why the Adam step is cut into this and {@link #adamChunk}, methods that take arrays and indices
     * only: written out in the rating loop, or as one method over both rows, it reads six rows, and C2
     * stopped expanding the Vector API's operations part-way through: the int-to-float reinterpretation
     * of the sixth row was left as a call that allocates its vector (about 4 GB/s of garbage at 25M,
     * seen in a JFR allocation profile), and the Adam epoch took 2.2 s.
     */
    private static void gradients(int[] p, int[] q, int pf, int qf, float g, float decay, float[] gradP,
                                  float[] gradQ) {
        FloatVector pv = row(p, pf);
        FloatVector qv = row(q, qf);
        qv.mul(g).add(pv.mul(decay)).intoArray(gradP, 0);
        pv.mul(g).add(qv.mul(decay)).intoArray(gradQ, 0);
    }

    /** Adam on one register's width of row {@code w[at ..]} and its moments, the gradient in {@code grad}. */
    private static void adamChunk(int[] w, int[] first, int[] second, int at, float[] grad, float b1, float b2,
                                  float eps, float stepSize) {
        FloatVector gr = FloatVector.fromArray(F, grad, 0);
        FloatVector m = row(first, at).mul(b1).add(gr.mul(1f - b1));
        FloatVector v = row(second, at).mul(b2).add(gr.mul(gr).mul(1f - b2));
        m.reinterpretAsInts().intoArray(first, at);
        v.reinterpretAsInts().intoArray(second, at);
        row(w, at).sub(m.mul(stepSize).div(v.sqrt().add(eps))).reinterpretAsInts().intoArray(w, at);
    }

    /** {@code mu + b_u + b_i + p_u·q_i}. */
    private static float predict(MfView m, int u, int i, int pu, int qi, int bound) {
        int[] p = m.p();
        int[] q = m.q();
        FloatVector acc = FloatVector.zero(F);
        int f = 0;
        for (; f < bound; f += F.length()) {
            acc = row(p, pu + f).fma(row(q, qi + f), acc);
        }
        float dot = sum(acc);
        for (; f < m.k(); f++) {
            dot += intBitsToFloat(p[pu + f]) * intBitsToFloat(q[qi + f]);
        }
        float s = m.mu();
        if (m.biased()) {
            s = s + intBitsToFloat(m.userBias()[u]) + intBitsToFloat(m.itemBias()[i]);
        }
        return s + dot;
    }

    /**
     * The lanes' sum in a fixed order (halves added pairwise, as a tree), so that interpreted and
     * compiled code give the same bits; {@code reduceLanes(ADD)} leaves the order to the JIT.
     */
    private static float sum(FloatVector v) {
        FloatVector s = v;
        if (F.length() >= 16) {
            s = s.add(s.rearrange(SWAP_8));
        }
        if (F.length() >= 8) {
            s = s.add(s.rearrange(SWAP_4));
        }
        if (F.length() >= 4) {
            s = s.add(s.rearrange(SWAP_2));
        }
        if (F.length() >= 2) {
            s = s.add(s.rearrange(SWAP_1));
        }
        return s.lane(0);
    }

    private static VectorShuffle<Float> swap(int distance) {
        return F.length() > distance ? VectorShuffle.fromOp(F, i -> i ^ distance) : null;
    }

    private static FloatVector row(int[] words, int at) {
        return IntVector.fromArray(I, words, at).reinterpretAsFloats();
    }

    private static void checkInside(MfView m, int u, int i, int j) {
        if (!m.contains(u, i)) {
            throw new IllegalArgumentException("rating " + j + " has user " + u + " and item " + i
                    + ", outside the model's " + m.users() + " users and " + m.items() + " items");
        }
    }
}
