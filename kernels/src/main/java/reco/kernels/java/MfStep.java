package reco.kernels.java;

import reco.kernels.Optimizer;
import reco.kernels.StepConfig;

import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

/**
 * Mini-batch MF training on the Java device. Each batch runs in three phases:
 * <ol>
 *   <li>errors {@code e = ŷ − r} for every rating, with the parameters as they were before the batch;</li>
 *   <li>gradients summed per row. Rows are owned by worker {@code row % team}: each worker scans the
 *       whole batch in order and accumulates only its own rows, so every row sums its terms in batch
 *       order, with no atomics, and the result is the same for any team size;</li>
 *   <li>the update (SGD or lazy Adam) of the rows the batch touched, each by its owner.</li>
 * </ol>
 * Small batches run on the calling thread alone: below {@link #PARALLEL_MIN_BATCH} ratings the
 * hand-off costs more than the arithmetic.
 */
final class MfStep {
    /** Batches smaller than this run on one thread (measured: a hand-off costs ~10–20 µs). */
    static final int PARALLEL_MIN_BATCH = Integer.getInteger("reco.java.parallelMinBatch", 4096);

    private final Workers workers;
    private final boolean sequentialSgd; // false only in the test that checks it against the three phases
    private Grads grads; // reused across calls while the model's shape is the same

    MfStep(Workers workers) {
        this(workers, true);
    }

    MfStep(Workers workers, boolean sequentialSgd) {
        this.workers = workers;
        this.sequentialSgd = sequentialSgd;
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
        double sse = 0;
        long t = firstStep;
        try {
            for (int pos = first, end = first + count; pos < end; t++) {
                int b = Math.min(step.batchSize(), end - pos);
                sse += batch(m, m1, m2, r, pos, b, step, t);
                pos += b;
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

    private double batch(MfView m, MfView m1, MfView m2, Ratings r, int pos, int b, StepConfig step, long t) {
        Grads g = grads;
        int team = b >= PARALLEL_MIN_BATCH ? workers.threads() : 1;
        int parts = JavaDevice.Parts.count(b, JavaDevice.Parts.CHUNK);
        double sse = 0;
        if (team == 1) {
            for (int p = 0; p < parts; p++) {
                sse += errors(m, r, pos, b, p);
            }
        } else {
            double[] partial = new double[parts];
            workers.run(parts, p -> partial[p] = errors(m, r, pos, b, p));
            for (double s : partial) {
                sse += s;
            }
        }
        float scale = 2f / b;
        Update up = new Update(step, t);
        if (team == 1) {
            accumulate(m, g, b, scale, step, 0, 1);
            apply(m, m1, m2, g, 0, up);
        } else {
            workers.run(team, owner -> accumulate(m, g, b, scale, step, owner, team));
            workers.run(team, owner -> apply(m, m1, m2, g, owner, up));
        }
        return sse;
    }

    /** Phase 1 for part {@code p}: gathers indices and errors; returns the part's squared-error sum. */
    private double errors(MfView m, Ratings r, int pos, int b, int p) {
        Grads g = grads;
        int from = (int) JavaDevice.Parts.start(p, b, JavaDevice.Parts.CHUNK);
        int to = (int) JavaDevice.Parts.start(p + 1, b, JavaDevice.Parts.CHUNK);
        int[] order = r.order();
        double sse = 0;
        for (int j = from; j < to; j++) {
            int idx = order == null ? pos + j : order[pos + j];
            int u = r.users()[idx];
            int i = r.items()[idx];
            if (!m.contains(u, i)) {
                throw new IllegalArgumentException("rating " + idx + " has user " + u + " and item " + i
                        + ", outside the model's " + m.users() + " users and " + m.items() + " items");
            }
            float e = m.predict(u, i) - intBitsToFloat(r.ratings()[idx]);
            g.batchUser[j] = u;
            g.batchItem[j] = i;
            g.error[j] = e;
            sse += (double) e * e;
        }
        return sse;
    }

    /** Phase 2 for one owner: sums {@code scale·(e·other + l2·own)} into the owner's rows, in batch order. */
    private static void accumulate(MfView m, Grads g, int b, float scale, StepConfig step, int owner, int team) {
        int k = m.k();
        float decay = scale * step.l2();
        float biasDecay = scale * step.biasL2();
        int[] p = m.p();
        int[] q = m.q();
        float[] gp = g.p;
        float[] gq = g.q;
        for (int j = 0; j < b; j++) {
            int u = g.batchUser[j];
            int i = g.batchItem[j];
            float e = g.error[j] * scale;
            int pu = u * k;
            int qi = i * k;
            if (u % team == owner) {
                g.touchUser(u, owner);
                for (int f = 0; f < k; f++) {
                    gp[pu + f] += e * intBitsToFloat(q[qi + f]) + decay * intBitsToFloat(p[pu + f]);
                }
                if (m.biased()) {
                    g.userBias[u] += e + biasDecay * intBitsToFloat(m.userBias()[u]);
                }
            }
            if (i % team == owner) {
                g.touchItem(i, owner);
                for (int f = 0; f < k; f++) {
                    gq[qi + f] += e * intBitsToFloat(p[pu + f]) + decay * intBitsToFloat(q[qi + f]);
                }
                if (m.biased()) {
                    g.itemBias[i] += e + biasDecay * intBitsToFloat(m.itemBias()[i]);
                }
            }
        }
    }

    /** Phase 3 for one owner: updates its touched rows and clears their gradients. */
    private static void apply(MfView m, MfView m1, MfView m2, Grads g, int owner, Update up) {
        int k = m.k();
        boolean adam = m1 != null && up.adam;
        for (int n = 0; n < g.touchedUserCount[owner]; n++) {
            int u = g.touchedUsers[owner][n];
            up.row(m.p(), adam ? m1.p() : null, adam ? m2.p() : null, u * k, k, g.p);
            if (m.biased()) {
                up.row(m.userBias(), adam ? m1.userBias() : null, adam ? m2.userBias() : null, u, 1, g.userBias);
            }
            g.userTouched[u] = false;
        }
        g.touchedUserCount[owner] = 0;
        for (int n = 0; n < g.touchedItemCount[owner]; n++) {
            int i = g.touchedItems[owner][n];
            up.row(m.q(), adam ? m1.q() : null, adam ? m2.q() : null, i * k, k, g.q);
            if (m.biased()) {
                up.row(m.itemBias(), adam ? m1.itemBias() : null, adam ? m2.itemBias() : null, i, 1, g.itemBias);
            }
            g.itemTouched[i] = false;
        }
        g.touchedItemCount[owner] = 0;
    }

    /** One batch's update rule; reads the gradients of a row and clears them. */
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

        /** Updates {@code w[at .. at+len)} from {@code grad[at .. at+len)} and zeroes those gradients. */
        void row(int[] w, int[] first, int[] second, int at, int len, float[] grad) {
            if (!adam) {
                for (int x = at; x < at + len; x++) {
                    w[x] = floatToRawIntBits(intBitsToFloat(w[x]) - lr * grad[x]);
                    grad[x] = 0f;
                }
                return;
            }
            for (int x = at; x < at + len; x++) {
                float gr = grad[x];
                grad[x] = 0f;
                float m = beta1 * intBitsToFloat(first[x]) + (1f - beta1) * gr;
                float v = beta2 * intBitsToFloat(second[x]) + (1f - beta2) * gr * gr;
                first[x] = floatToRawIntBits(m);
                second[x] = floatToRawIntBits(v);
                w[x] = floatToRawIntBits(intBitsToFloat(w[x]) - stepSize * m / ((float) Math.sqrt(v) + epsilon));
            }
        }
    }

    /** Gradient accumulators and per-batch scratch, sized for one model shape and batch size. */
    private static final class Grads {
        final int users;
        final int items;
        final int k;
        final int batch;
        final int team;
        final float[] p;          // users × k
        final float[] q;          // items × k
        final float[] userBias;   // users
        final float[] itemBias;   // items
        final boolean[] userTouched;
        final boolean[] itemTouched;
        final int[][] touchedUsers; // per owner, up to batch entries
        final int[][] touchedItems;
        final int[] touchedUserCount;
        final int[] touchedItemCount;
        final int[] batchUser;
        final int[] batchItem;
        final float[] error;

        Grads(int users, int items, int k, int batch, int team) {
            this.users = users;
            this.items = items;
            this.k = k;
            this.batch = batch;
            this.team = team;
            this.p = new float[Math.multiplyExact(users, k)];
            this.q = new float[Math.multiplyExact(items, k)];
            this.userBias = new float[users];
            this.itemBias = new float[items];
            this.userTouched = new boolean[users];
            this.itemTouched = new boolean[items];
            int perOwner = Math.min(batch, Math.max(users, items));
            this.touchedUsers = new int[team][Math.min(perOwner, users)];
            this.touchedItems = new int[team][Math.min(perOwner, items)];
            this.touchedUserCount = new int[team];
            this.touchedItemCount = new int[team];
            this.batchUser = new int[batch];
            this.batchItem = new int[batch];
            this.error = new float[batch];
        }

        void touchUser(int u, int owner) {
            if (!userTouched[u]) {
                userTouched[u] = true;
                touchedUsers[owner][touchedUserCount[owner]++] = u;
            }
        }

        void touchItem(int i, int owner) {
            if (!itemTouched[i]) {
                itemTouched[i] = true;
                touchedItems[owner][touchedItemCount[owner]++] = i;
            }
        }

        boolean fits(int users, int items, int k, int batch, int team) {
            return this.users == users && this.items == items && this.k == k && this.batch >= batch && this.team == team;
        }
    }
}
