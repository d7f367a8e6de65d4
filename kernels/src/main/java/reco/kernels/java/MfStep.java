package reco.kernels.java;

import reco.kernels.Optimizer;
import reco.kernels.StepConfig;

import static java.lang.Float.intBitsToFloat;

/**
 * Mini-batch MF training on the Java device. Each batch runs in three phases:
 * <ol>
 *   <li>errors {@code e = ŷ − r} for every rating, with the parameters as they were before the batch
 *       (the ratings of a shuffled order are gathered into sequence first, a window of batches at a time);</li>
 *   <li>gradients summed per row. Rows are owned by worker {@code row % team}: each worker scans the
 *       whole batch in order and accumulates only its own rows, so every row sums its terms in batch
 *       order, with no atomics, and the result is the same for any team size;</li>
 *   <li>the update (SGD or lazy Adam) of the rows the batch touched, each by its owner.</li>
 * </ol>
 * A touched row's gradient lives in a slot of its owner's scratch, taken in the order rows are first
 * touched ({@link TouchedRows}), not at the row's own index in a model-sized array: the scratch of a
 * batch stays in the L1 cache and the update reads it in order, whatever the model's size.
 * The per-row arithmetic is {@link ScalarRows}, or {@link VectorRows} once {@link VectorWarmUp} has seen
 * it compiled: the two give the same bits, so the switch never changes a result.
 * Small batches run on the calling thread alone, phases 1 and 2 in one pass: below
 * {@link #PARALLEL_MIN_BATCH} ratings the hand-off costs more than the arithmetic.
 */
final class MfStep {
    /** Batches smaller than this run on one thread (measured: a hand-off costs ~10–20 µs). */
    static final int PARALLEL_MIN_BATCH = Integer.getInteger("reco.java.parallelMinBatch", 4096);

    /** Ratings gathered at a time from a shuffled order, rounded to whole batches (12 bytes each). */
    static final int WINDOW_RATINGS = 1 << 16;

    /**
     * Ratings whose rows the one-thread pass copies ahead at a time. 16, 32 and 64 run alike once
     * compiled (in-JVM A/B), but a pass over 16 has few enough loop iterations per call that C2
     * compiles it at its entry after ~600 calls, before its loops reach the back-edge count of an
     * on-stack replacement: over 32 or 64 it was compiled two or three times at the start of training,
     * OSR versions first ({@code -XX:+LogCompilation}).
     */
    static final int ROWS_AHEAD = 16;

    /** Which per-row arithmetic the batches take. */
    enum Rows {
        /** {@link ScalarRows} until {@link VectorWarmUp#ready()}, then {@link VectorRows}. */
        AUTO,
        SCALAR,
        VECTOR
    }

    private final Workers workers;
    private final boolean sequentialSgd; // false only in the test that checks it against the three phases
    private final Rows rows;
    private Grads grads; // reused across calls while the model's shape is the same

    MfStep(Workers workers) {
        this(workers, true, Rows.AUTO);
    }

    MfStep(Workers workers, Rows rows) {
        this(workers, true, rows);
    }

    MfStep(Workers workers, boolean sequentialSgd, Rows rows) {
        this.workers = workers;
        this.sequentialSgd = sequentialSgd;
        this.rows = rows;
    }

    /** The ratings' columns: user and item indices, ratings as float bits, and the order (null: identity). */
    record Ratings(int[] users, int[] items, int[] ratings, int[] order) {
    }

    double train(MfView m, MfView m1, MfView m2, Ratings r, int first, int count, StepConfig step, long firstStep) {
        if (grads == null || !grads.fits(m.users(), m.items(), m.k(), step.batchSize(), workers.threads())) {
            grads = new Grads(m.users(), m.items(), m.k(), step.batchSize(), workers.threads());
        }
        if (sequentialSgd && step.batchSize() == 1 && step.optimizer() == Optimizer.SGD) {
            return sequentialSgd(m, r, first, count, step);
        }
        if (rows == Rows.AUTO) {
            VectorWarmUp.start(); // for a caller that gave no prepareTraining() hint
        }
        double sse = 0;
        long t = firstStep;
        try {
            for (int pos = first, end = first + count; pos < end; ) {
                // A shuffled order is gathered a window of whole batches at a time: the batches then
                // read their ratings in sequence.
                int window = r.order() == null ? end - pos : Math.min(end - pos, grads.window);
                Ratings w = r.order() == null ? r : gather(m, r, pos, window);
                int base = r.order() == null ? pos : 0;
                for (int at = 0; at < window; t++) {
                    int b = Math.min(step.batchSize(), window - at);
                    sse += batch(m, m1, m2, w, base + at, b, step, t);
                    at += b;
                }
                pos += window;
            }
        } catch (RuntimeException | Error e) {
            // A batch that failed part-way leaves gradients and touched-row marks behind; drop them
            // so that they cannot leak into the next call.
            grads = null;
            throw e;
        }
        return sse;
    }

    /**
     * Batches of one rating with SGD: classic stochastic gradient descent, one pass per rating with no
     * gradient buffers. The same float operations in the same order as the three phases, so the
     * result is bit-identical to them, only faster.
     */
    private static double sequentialSgd(MfView m, Ratings r, int first, int count, StepConfig step) {
        return ScalarRatingLoop.sgd(m, r.users(), r.items(), r.ratings(), r.order(), first, first + count, step);
    }

    /**
     * The ratings at {@code order[pos, pos+n)}, copied in that order into the window scratch, each
     * checked to lie inside the model. A loop with nothing else in it keeps many of the shuffled
     * order's cache misses in flight at once, where the error loop had only a few (measured ~8 % of
     * the notebook preset's epoch).
     */
    private Ratings gather(MfView m, Ratings r, int pos, int n) {
        Grads g = grads;
        int[] order = r.order();
        int[] users = r.users();
        int[] items = r.items();
        int[] ratings = r.ratings();
        for (int j = 0; j < n; j++) {
            int idx = order[pos + j];
            int u = users[idx];
            int i = items[idx];
            check(m, idx, u, i);
            g.windowUsers[j] = u;
            g.windowItems[j] = i;
            g.windowRatings[j] = ratings[idx];
        }
        return new Ratings(g.windowUsers, g.windowItems, g.windowRatings, null);
    }

    private static IllegalArgumentException outside(MfView m, int idx, int u, int i) {
        return new IllegalArgumentException("rating " + idx + " has user " + u + " and item " + i
                + ", outside the model's " + m.users() + " users and " + m.items() + " items");
    }

    private double batch(MfView m, MfView m1, MfView m2, Ratings r, int pos, int b, StepConfig step, long t) {
        Grads g = grads;
        int team = b >= PARALLEL_MIN_BATCH ? workers.threads() : 1;
        boolean vector = rows == Rows.VECTOR || rows == Rows.AUTO && VectorWarmUp.ready();
        if (team == 1) {
            double sse = errorsAndGradients(m, r, pos, b, 2f / b, step, vector);
            apply(m, m1, m2, g, 0, new Update(step, t), vector);
            return sse;
        }
        int parts = JavaDevice.Parts.count(b, JavaDevice.Parts.CHUNK);
        double sse = 0;
        double[] partial = new double[parts];
        workers.run(parts, p -> partial[p] = errors(m, r, pos, b, p, vector));
        for (double s : partial) {
            sse += s;
        }
        float scale = 2f / b;
        Update up = new Update(step, t);
        workers.run(team, owner -> accumulate(m, g, b, scale, step, owner, team, vector));
        workers.run(team, owner -> apply(m, m1, m2, g, owner, up, vector));
        return sse;
    }

    /**
     * Phase 1 for part {@code p}: the errors of ratings {@code [pos, pos+b)}, in sequence (a shuffled
     * order is gathered before); returns the part's squared-error sum.
     */
    private double errors(MfView m, Ratings r, int pos, int b, int p, boolean vector) {
        Grads g = grads;
        int from = (int) JavaDevice.Parts.start(p, b, JavaDevice.Parts.CHUNK);
        int to = (int) JavaDevice.Parts.start(p + 1, b, JavaDevice.Parts.CHUNK);
        int[] users = r.users();
        int[] items = r.items();
        int[] ratings = r.ratings();
        int k = m.k();
        double sse = 0;
        for (int j = from; j < to; j++) {
            int u = users[pos + j];
            int i = items[pos + j];
            check(m, pos + j, u, i);
            float e = error(m, u, i, m.p(), u * k, m.q(), i * k, ratings[pos + j], vector);
            g.batchUser[j] = u;
            g.batchItem[j] = i;
            g.error[j] = e;
            sse += (double) e * e;
        }
        return sse;
    }

    /**
     * Phases 1 and 2 in one pass, for a batch that one thread runs alone: each rating's error, then its
     * terms added to its rows' gradients while the rows are still in registers. The same operations in
     * the same order as the two phases, part sums of the squared error included.
     */
    private double errorsAndGradients(MfView m, Ratings r, int pos, int b, float scale, StepConfig step,
                                      boolean vector) {
        Grads g = grads;
        float decay = scale * step.l2();
        float biasDecay = scale * step.biasL2();
        int parts = JavaDevice.Parts.count(b, JavaDevice.Parts.CHUNK);
        double sse = 0;
        for (int part = 0; part < parts; part++) {
            int from = (int) JavaDevice.Parts.start(part, b, JavaDevice.Parts.CHUNK);
            int to = (int) JavaDevice.Parts.start(part + 1, b, JavaDevice.Parts.CHUNK);
            double partSse = 0;
            for (int c0 = from; c0 < to; c0 += ROWS_AHEAD) {
                int c1 = Math.min(to, c0 + ROWS_AHEAD);
                partSse = vector ? aheadVector(m, g, r, pos, c0, c1, scale, decay, biasDecay, partSse)
                        : aheadScalar(m, g, r, pos, c0, c1, scale, decay, biasDecay, partSse);
            }
            sse += partSse;
        }
        return sse;
    }

    /**
     * The one-thread pass over ratings {@code pos+[c0, c1)}: their rows copied side by side first (a
     * loop with nothing else in it has many of their cache misses in flight at once: −8 to −12 % per
     * notebook epoch), then each rating's error and terms from the copies. Returns {@code sse} plus
     * their squared errors, added in order.
     *
     * <p>Written twice, with {@link VectorRows} here and {@link ScalarRows} in {@link #aheadScalar}, not
     * once with a flag: C2 compiled the flagged pass with both kernels inlined, three times (two
     * on-stack replacements and the method) at 80–190 ms each, 310–505 ms in all, while the notebook
     * preset's first 30–50 epochs ran C1's slower code; with one kernel each, the vector pass is
     * compiled once, in 45–90 ms ({@code -XX:+LogCompilation}). The error and the bias terms are
     * written out here, and the launcher raises C2's {@code InlineSmallCode}: the warm-up gets the row
     * kernels compiled on their own first, and C2 then declined to inline the larger ones into this
     * pass ("already compiled into a big method"), leaving a call per rating.
     */
    private static double aheadVector(MfView m, Grads g, Ratings r, int pos, int c0, int c1, float scale,
                                      float decay, float biasDecay, double sse) {
        int k = m.k();
        int[] users = r.users();
        int[] items = r.items();
        int[] rowP = g.rowP;
        int[] rowQ = g.rowQ;
        for (int j = c0; j < c1; j++) {
            int u = users[pos + j];
            int i = items[pos + j];
            check(m, pos + j, u, i);
            // Not System.arraycopy: for a row of 8 that is a call to a stub (5 % of the epoch).
            VectorRows.copyPair(m.p(), u * k, m.q(), i * k, rowP, rowQ, (j - c0) * k, k);
        }
        int[] ratings = r.ratings();
        int[] userBias = m.userBias();
        int[] itemBias = m.itemBias();
        float[] userGrad = g.userRows.grad[0];
        float[] itemGrad = g.itemRows.grad[0];
        float[] userBiasGrad = g.userRows.biasGrad[0];
        float[] itemBiasGrad = g.itemRows.biasGrad[0];
        for (int j = c0; j < c1; j++) {
            int u = users[pos + j];
            int i = items[pos + j];
            int o = (j - c0) * k;
            float s = m.mu(); // error(), written out
            if (userBias != null) {
                s = s + intBitsToFloat(userBias[u]) + intBitsToFloat(itemBias[i]);
            }
            float err = (s + VectorRows.dot(rowP, o, rowQ, o, k)) - intBitsToFloat(ratings[pos + j]);
            sse += (double) err * err;
            float e = err * scale;
            int us = g.userRows.touch(u, 0);
            int is = g.itemRows.touch(i, 0);
            VectorRows.accumulatePair(userGrad, us * k, itemGrad, is * k, rowP, rowQ, o, k, e, decay);
            if (userBias != null) { // addBiasTerms(), written out
                userBiasGrad[us] += e + biasDecay * intBitsToFloat(userBias[u]);
                itemBiasGrad[is] += e + biasDecay * intBitsToFloat(itemBias[i]);
            }
        }
        return sse;
    }

    /** {@link #aheadVector} with {@link ScalarRows}: the path until the vector kernels are compiled. */
    private static double aheadScalar(MfView m, Grads g, Ratings r, int pos, int c0, int c1, float scale,
                                      float decay, float biasDecay, double sse) {
        int k = m.k();
        int[] users = r.users();
        int[] items = r.items();
        int[] rowP = g.rowP;
        int[] rowQ = g.rowQ;
        for (int j = c0; j < c1; j++) {
            int u = users[pos + j];
            int i = items[pos + j];
            check(m, pos + j, u, i);
            ScalarRows.copy(m.p(), u * k, rowP, (j - c0) * k, k);
            ScalarRows.copy(m.q(), i * k, rowQ, (j - c0) * k, k);
        }
        float[] userGrad = g.userRows.grad[0];
        float[] itemGrad = g.itemRows.grad[0];
        for (int j = c0; j < c1; j++) {
            int u = users[pos + j];
            int i = items[pos + j];
            int o = (j - c0) * k;
            float err = error(m, u, i, rowP, o, rowQ, o, r.ratings()[pos + j], false);
            sse += (double) err * err;
            float e = err * scale;
            int us = g.userRows.touch(u, 0);
            int is = g.itemRows.touch(i, 0);
            ScalarRows.accumulate(userGrad, us * k, rowP, o, rowQ, o, k, e, decay);
            ScalarRows.accumulate(itemGrad, is * k, rowQ, o, rowP, o, k, e, decay);
            addBiasTerms(m, g, u, us, i, is, e, biasDecay);
        }
        return sse;
    }

    /** The bias terms of one rating, in slots {@code us} and {@code is} (nothing for an unbiased model). */
    private static void addBiasTerms(MfView m, Grads g, int u, int us, int i, int is, float e, float biasDecay) {
        if (m.biased()) {
            g.userRows.biasGrad[0][us] += e + biasDecay * intBitsToFloat(m.userBias()[u]);
            g.itemRows.biasGrad[0][is] += e + biasDecay * intBitsToFloat(m.itemBias()[i]);
        }
    }

    /** Phase 2 for one owner: sums {@code scale·(e·other + l2·own)} into the owner's rows, in batch order. */
    private static void accumulate(MfView m, Grads g, int b, float scale, StepConfig step, int owner, int team,
                                   boolean vector) {
        int k = m.k();
        float decay = scale * step.l2();
        float biasDecay = scale * step.biasL2();
        int[] p = m.p();
        int[] q = m.q();
        int[] userBias = m.userBias();
        int[] itemBias = m.itemBias();
        float[] userGrad = g.userRows.grad[owner];
        float[] itemGrad = g.itemRows.grad[owner];
        float[] userBiasGrad = g.userRows.biasGrad[owner];
        float[] itemBiasGrad = g.itemRows.biasGrad[owner];
        for (int j = 0; j < b; j++) {
            int u = g.batchUser[j];
            int i = g.batchItem[j];
            float e = g.error[j] * scale;
            if (u % team == owner) {
                addTerms(g.userRows, owner, userGrad, userBiasGrad, u, p, u * k, q, i * k, k, e, decay, userBias,
                        biasDecay, vector);
            }
            if (i % team == owner) {
                addTerms(g.itemRows, owner, itemGrad, itemBiasGrad, i, q, i * k, p, u * k, k, e, decay, itemBias,
                        biasDecay, vector);
            }
        }
    }

    /**
     * {@code ŷ − r} of user u and item i, their factor rows at {@code pRows[pu…]} and
     * {@code qRows[qi…]} (the model's, or copies): {@code (mu + b_u + b_i) + p_u·q_i − r}.
     */
    private static float error(MfView m, int u, int i, int[] pRows, int pu, int[] qRows, int qi, int rating,
                               boolean vector) {
        int k = m.k();
        float dot = vector ? VectorRows.dot(pRows, pu, qRows, qi, k) : ScalarRows.dot(pRows, pu, qRows, qi, k);
        float s = m.mu();
        if (m.biased()) {
            s = s + intBitsToFloat(m.userBias()[u]) + intBitsToFloat(m.itemBias()[i]);
        }
        return (s + dot) - intBitsToFloat(rating);
    }

    private static void check(MfView m, int at, int u, int i) {
        if (!m.contains(u, i)) {
            throw outside(m, at, u, i);
        }
    }

    /**
     * Adds one rating's terms to row {@code r} of one side, in {@code owner}'s slot for it:
     * {@code e·other + decay·own} to the factors, {@code e + biasDecay·b} to the bias (null: unbiased).
     */
    private static void addTerms(TouchedRows side, int owner, float[] grad, float[] biasGrad, int r, int[] own,
                                 int at, int[] other, int o, int k, float e, float decay, int[] bias, float biasDecay,
                                 boolean vector) {
        int slot = side.touch(r, owner);
        if (vector) {
            VectorRows.accumulate(grad, slot * k, own, at, other, o, k, e, decay);
        } else {
            ScalarRows.accumulate(grad, slot * k, own, at, other, o, k, e, decay);
        }
        if (bias != null) {
            biasGrad[slot] += e + biasDecay * intBitsToFloat(bias[r]);
        }
    }

    /** Phase 3 for one owner: updates its touched rows, clears their gradients and frees their slots. */
    private static void apply(MfView m, MfView m1, MfView m2, Grads g, int owner, Update up, boolean vector) {
        boolean adam = m1 != null && up.adam;
        apply(g.userRows, owner, m.k(), up, vector, m.p(), adam ? m1.p() : null, adam ? m2.p() : null,
                m.userBias(), adam ? m1.userBias() : null, adam ? m2.userBias() : null);
        apply(g.itemRows, owner, m.k(), up, vector, m.q(), adam ? m1.q() : null, adam ? m2.q() : null,
                m.itemBias(), adam ? m1.itemBias() : null, adam ? m2.itemBias() : null);
    }

    private static void apply(TouchedRows side, int owner, int k, Update up, boolean vector,
                              int[] w, int[] first, int[] second, int[] bias, int[] biasFirst, int[] biasSecond) {
        int[] touched = side.row[owner];
        int n = side.count[owner];
        up.rows(w, first, second, touched, n, k, side.grad[owner], vector);
        if (bias != null) {
            up.rows(bias, biasFirst, biasSecond, touched, n, 1, side.biasGrad[owner], false);
        }
        for (int slot = 0; slot < n; slot++) {
            side.slot[touched[slot]] = -1;
        }
        side.count[owner] = 0;
    }

    /** One batch's update rule; reads the gradients of the touched rows and clears them. */
    private static final class Update {
        private final boolean adam;
        private final float lr;
        private final float beta1;
        private final float beta2;
        private final float epsilon;
        private final float stepSize; // Adam: lr · sqrt(1 − β2^t) / (1 − β1^t), PyTorch's form

        Update(StepConfig step, long t) {
            this.adam = step.optimizer() == Optimizer.ADAM;
            this.lr = step.learningRate();
            this.beta1 = step.beta1();
            this.beta2 = step.beta2();
            this.epsilon = step.epsilon();
            double bc1 = 1 - Math.pow(step.beta1(), t);
            double bc2 = 1 - Math.pow(step.beta2(), t);
            this.stepSize = adam ? (float) (lr * Math.sqrt(bc2) / bc1) : lr;
        }

        /**
         * Updates rows {@code touched[0, n)} of {@code w} ({@code len} words each) from the gradients in
         * slots 0 … n−1 of {@code grad}, and zeroes those.
         */
        void rows(int[] w, int[] first, int[] second, int[] touched, int n, int len, float[] grad, boolean vector) {
            if (!adam) {
                if (vector) {
                    VectorRows.sgdRows(w, touched, n, len, grad, lr);
                } else {
                    ScalarRows.sgdRows(w, touched, n, len, grad, lr);
                }
            } else if (vector) {
                VectorRows.adamRows(w, first, second, touched, n, len, grad, beta1, beta2, epsilon, stepSize);
            } else {
                ScalarRows.adamRows(w, first, second, touched, n, len, grad, beta1, beta2, epsilon, stepSize);
            }
        }
    }

    /** Gradient scratch and per-batch arrays, sized for one model shape, batch size and team. */
    private static final class Grads {
        final int users;
        final int items;
        final int k;
        final int batch;
        final int team;
        final TouchedRows userRows;
        final TouchedRows itemRows;
        final int window;          // ratings gathered at a time: whole batches, at least WINDOW_RATINGS
        final int[] windowUsers;
        final int[] windowItems;
        final int[] windowRatings;
        final int[] rowP;          // ROWS_AHEAD × k: copies of the next ratings' user rows
        final int[] rowQ;          // and item rows
        final int[] batchUser;
        final int[] batchItem;
        final float[] error;

        Grads(int users, int items, int k, int batch, int team) {
            this.users = users;
            this.items = items;
            this.k = k;
            this.batch = batch;
            this.team = team;
            this.userRows = new TouchedRows(users, k, batch, team, PARALLEL_MIN_BATCH);
            this.itemRows = new TouchedRows(items, k, batch, team, PARALLEL_MIN_BATCH);
            this.window = Math.multiplyExact(batch, Math.max(1, WINDOW_RATINGS / batch));
            this.windowUsers = new int[window];
            this.windowItems = new int[window];
            this.windowRatings = new int[window];
            this.rowP = new int[Math.multiplyExact(ROWS_AHEAD, k)];
            this.rowQ = new int[Math.multiplyExact(ROWS_AHEAD, k)];
            this.batchUser = new int[batch];
            this.batchItem = new int[batch];
            this.error = new float[batch];
        }

        boolean fits(int users, int items, int k, int batch, int team) {
            return this.users == users && this.items == items && this.k == k && this.batch >= batch && this.team == team;
        }
    }
}
