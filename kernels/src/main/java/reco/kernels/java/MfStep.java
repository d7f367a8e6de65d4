package reco.kernels.java;

import java.lang.foreign.MemorySegment;
import reco.kernels.Optimizer;
import reco.kernels.StepConfig;

import static reco.kernels.java.JavaDevice.Layouts.FLOAT;
import static reco.kernels.java.JavaDevice.Layouts.INT;

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
    private Grads grads; // reused across calls while the model's shape is the same

    MfStep(Workers workers) {
        this.workers = workers;
    }

    double train(MfView m, MfView m1, MfView m2, MemorySegment users, MemorySegment items, MemorySegment ratings,
                 MemorySegment order, long first, long count, StepConfig step, long firstStep) {
        int usersN = (int) (m.p().byteSize() / Float.BYTES / m.k());
        int itemsN = (int) (m.q().byteSize() / Float.BYTES / m.k());
        if (grads == null || !grads.fits(usersN, itemsN, m.k(), step.batchSize(), workers.threads())) {
            grads = new Grads(usersN, itemsN, m.k(), step.batchSize(), workers.threads());
        }
        double sse = 0;
        long t = firstStep;
        try {
            for (long pos = first, end = first + count; pos < end; t++) {
                int b = (int) Math.min(step.batchSize(), end - pos);
                sse += batch(m, m1, m2, users, items, ratings, order, pos, b, step, t);
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

    private double batch(MfView m, MfView m1, MfView m2, MemorySegment users, MemorySegment items,
                         MemorySegment ratings, MemorySegment order, long pos, int b, StepConfig step, long t) {
        Grads g = grads;
        int team = b >= PARALLEL_MIN_BATCH ? workers.threads() : 1;
        int parts = JavaDevice.Parts.count(b, JavaDevice.Parts.CHUNK);
        double[] partial = new double[parts];
        if (team == 1) {
            for (int p = 0; p < parts; p++) {
                partial[p] = errors(m, users, items, ratings, order, pos, b, p);
            }
        } else {
            workers.run(parts, p -> partial[p] = errors(m, users, items, ratings, order, pos, b, p));
        }
        double sse = 0;
        for (double s : partial) {
            sse += s;
        }
        float scale = 2f / b;
        if (team == 1) {
            accumulate(m, g, b, scale, step, 0, 1);
            apply(m, m1, m2, g, 0, step, t);
        } else {
            workers.run(team, owner -> accumulate(m, g, b, scale, step, owner, team));
            workers.run(team, owner -> apply(m, m1, m2, g, owner, step, t));
        }
        return sse;
    }

    /** Phase 1 for part {@code p}: gathers indices and errors; returns the part's squared-error sum. */
    private double errors(MfView m, MemorySegment users, MemorySegment items, MemorySegment ratings,
                          MemorySegment order, long pos, int b, int p) {
        Grads g = grads;
        int from = (int) JavaDevice.Parts.start(p, b, JavaDevice.Parts.CHUNK);
        int to = (int) JavaDevice.Parts.start(p + 1, b, JavaDevice.Parts.CHUNK);
        double sse = 0;
        for (int j = from; j < to; j++) {
            long idx = order == null ? pos + j : order.getAtIndex(INT, pos + j);
            int u = users.getAtIndex(INT, idx);
            int i = items.getAtIndex(INT, idx);
            float e = m.predict(u, i) - ratings.getAtIndex(FLOAT, idx);
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
        for (int j = 0; j < b; j++) {
            int u = g.batchUser[j];
            int i = g.batchItem[j];
            float e = g.error[j] * scale;
            if (u % team == owner) {
                if (!g.userTouched[u]) {
                    g.userTouched[u] = true;
                    g.touchedUsers[owner][g.touchedUserCount[owner]++] = u;
                }
                long pu = (long) u * k;
                long qi = (long) i * k;
                for (int f = 0; f < k; f++) {
                    g.p[(int) (pu + f)] += e * m.q().getAtIndex(FLOAT, qi + f) + decay * m.p().getAtIndex(FLOAT, pu + f);
                }
                if (m.biased()) {
                    g.userBias[u] += e + biasDecay * m.userBias().getAtIndex(FLOAT, u);
                }
            }
            if (i % team == owner) {
                if (!g.itemTouched[i]) {
                    g.itemTouched[i] = true;
                    g.touchedItems[owner][g.touchedItemCount[owner]++] = i;
                }
                long pu = (long) u * k;
                long qi = (long) i * k;
                for (int f = 0; f < k; f++) {
                    g.q[(int) (qi + f)] += e * m.p().getAtIndex(FLOAT, pu + f) + decay * m.q().getAtIndex(FLOAT, qi + f);
                }
                if (m.biased()) {
                    g.itemBias[i] += e + biasDecay * m.itemBias().getAtIndex(FLOAT, i);
                }
            }
        }
    }

    /** Phase 3 for one owner: updates its touched rows and clears their gradients. */
    private static void apply(MfView m, MfView m1, MfView m2, Grads g, int owner, StepConfig step, long t) {
        int k = m.k();
        Update up = new Update(step, t);
        for (int n = 0; n < g.touchedUserCount[owner]; n++) {
            int u = g.touchedUsers[owner][n];
            long base = (long) u * k;
            for (int f = 0; f < k; f++) {
                up.apply(m.p(), m1 == null ? null : m1.p(), m2 == null ? null : m2.p(), base + f, g.p, (int) (base + f));
            }
            if (m.biased()) {
                up.apply(m.userBias(), m1 == null ? null : m1.userBias(), m2 == null ? null : m2.userBias(), u, g.userBias, u);
            }
            g.userTouched[u] = false;
        }
        g.touchedUserCount[owner] = 0;
        for (int n = 0; n < g.touchedItemCount[owner]; n++) {
            int i = g.touchedItems[owner][n];
            long base = (long) i * k;
            for (int f = 0; f < k; f++) {
                up.apply(m.q(), m1 == null ? null : m1.q(), m2 == null ? null : m2.q(), base + f, g.q, (int) (base + f));
            }
            if (m.biased()) {
                up.apply(m.itemBias(), m1 == null ? null : m1.itemBias(), m2 == null ? null : m2.itemBias(), i, g.itemBias, i);
            }
            g.itemTouched[i] = false;
        }
        g.touchedItemCount[owner] = 0;
    }

    /** One parameter's update; reads the gradient and clears it. */
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

        void apply(MemorySegment w, MemorySegment first, MemorySegment second, long at, float[] grad, int gi) {
            float gr = grad[gi];
            grad[gi] = 0f;
            if (!adam) {
                w.setAtIndex(FLOAT, at, w.getAtIndex(FLOAT, at) - lr * gr);
                return;
            }
            float m = beta1 * first.getAtIndex(FLOAT, at) + (1f - beta1) * gr;
            float v = beta2 * second.getAtIndex(FLOAT, at) + (1f - beta2) * gr * gr;
            first.setAtIndex(FLOAT, at, m);
            second.setAtIndex(FLOAT, at, v);
            w.setAtIndex(FLOAT, at, w.getAtIndex(FLOAT, at) - stepSize * m / ((float) Math.sqrt(v) + epsilon));
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

        boolean fits(int users, int items, int k, int batch, int team) {
            return this.users == users && this.items == items && this.k == k && this.batch >= batch && this.team == team;
        }
    }
}
