package reco.kernels.java;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import reco.kernels.Optimizer;
import reco.kernels.StepConfig;

import static java.lang.Float.floatToRawIntBits;

/**
 * Says when the mini-batch path may use {@link VectorRows}, and gets it there. Vector API code runs
 * hundreds of times slower than scalar code until C2 has compiled it: the notebook's 8-factor preset
 * took 0.4–0.5 s in its first epoch instead of 60 ms, as long as 60 scalar epochs. So the device
 * starts scalar, and a background thread trains two small synthetic models with both kinds of row
 * arithmetic until the vector one is the faster, three rounds in a row; from then on every mini-batch
 * takes it. The two give the same bits, so when the switch comes changes the time only, never a
 * result. The thread starts once per JVM, at the caller's hint that training will follow
 * ({@link JavaDevice#prepareTraining()}: {@code reco train} gives it before loading the data, so that
 * the warm-up runs beside the load) or else at the first mini-batch.
 * A machine where the vector code never wins (no SIMD, or a JIT that does not compile it) keeps the
 * scalar path; the thread gives up after {@link #PATIENCE_NANOS}. The launcher lowers C2's
 * threshold for {@link VectorRows} ({@code -XX:CompileCommand=CompileThresholdScaling}): without it
 * the warm-up takes about a second instead of a few hundred milliseconds.
 *
 * <p>The warm-up runs {@link MfStep} itself, not just the row kernels, so that the methods which
 * call them are compiled with both branches seen and switching does not throw their code away.
 */
final class VectorWarmUp {
    /** How long the warm-up may try before it leaves the scalar path in place. */
    static final long PATIENCE_NANOS = 30_000_000_000L;
    /** How long the warm-up runs flat out (it is ready in 0.4–0.7 s on the development machine). */
    static final long EAGER_NANOS = 2_000_000_000L;
    /** Pause after a round whose vector half was more than twice as slow as its scalar half. */
    static final long BACK_OFF_MILLIS = 5;
    /** Longest pause between rounds once past {@link #EAGER_NANOS}. */
    static final long MAX_PAUSE_MILLIS = 100;
    /** Consecutive rounds the vector path must win. */
    static final int WINS_NEEDED = 3;

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile boolean ready;

    private VectorWarmUp() {
    }

    /** Whether mini-batches should take the vector row kernels now. */
    static boolean ready() {
        return ready;
    }

    /** Starts the warm-up once per JVM, where the Vector API is available; returns at once. */
    static void start() {
        if (VectorSupport.AVAILABLE && !STARTED.get() && STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(VectorWarmUp::run, "reco-java-vector-warm-up");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    /**
     * The verdict after a round: the wins in a row so far, given the round's times. A win is the
     * vector round taking at most 90 % of the scalar one, a margin above timer noise.
     */
    static int wins(int winsSoFar, long vectorNanos, long scalarNanos) {
        return vectorNanos * 10 <= scalarNanos * 9 ? winsSoFar + 1 : 0;
    }

    private static void run() {
        try (Workers one = new Workers(1)) {
            // Both optimisers, with and without biases, rows of one register and of two; no row
            // with a scalar tail: with one here (13 factors) C2 hoisted a check from the tail
            // out of the pass's loop on the profile's word, and it failed on rows of whole registers
            // (the notebook's 8, the default 64): a deoptimisation about ten epochs in, two epochs of
            // ~40 ms and a second compile. Rows with a tail now take one deoptimisation instead.
            Problem adam = new Problem(one, 8, true, Optimizer.ADAM, 1);
            Problem sgd = new Problem(one, 16, false, Optimizer.SGD, 2);
            long start = System.nanoTime();
            int wins = 0;
            while (System.nanoTime() - start < PATIENCE_NANOS) {
                long v = adam.round(true) + sgd.round(true);
                long s = adam.round(false) + sgd.round(false);
                wins = wins(wins, v, s);
                if (wins >= WINS_NEEDED) {
                    ready = true;
                    return;
                }
                if (System.nanoTime() - start > EAGER_NANOS) {
                    // Not won yet, and perhaps never on this machine: from here on at most a quarter
                    // of a core, beside the training it would be slowing down.
                    Thread.sleep(Math.min(MAX_PAUSE_MILLIS, Math.max(1, 3 * (v + s) / 1_000_000)));
                } else if (v > 2 * s) {
                    // Still interpreted or queued for C2: calling on only burns the CPU that the
                    // compiler, and the data load running beside, could use.
                    Thread.sleep(BACK_OFF_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // The warm-up is an optimisation only: on any failure the scalar path stays in place.
        }
    }

    /** A small synthetic model and ratings, trained a few batches per round. */
    private static final class Problem {
        private static final int USERS = 97;
        private static final int ITEMS = 389;
        private static final int RATINGS = 1024;
        private static final int BATCH = 128;

        private final MfStep vector;
        private final MfStep scalar;
        private final MfView model;
        private final MfView first;
        private final MfView second;
        private final MfStep.Ratings ratings;
        private final StepConfig step;
        private long t = 1;

        Problem(Workers one, int k, boolean biased, Optimizer optimizer, long seed) {
            vector = new MfStep(one, MfStep.Rows.VECTOR);
            scalar = new MfStep(one, MfStep.Rows.SCALAR);
            SplittableRandom random = new SplittableRandom(seed);
            model = view(k, biased, random, 0.1f);
            boolean adam = optimizer == Optimizer.ADAM;
            first = adam ? view(k, biased, random, 0f) : null;
            second = adam ? view(k, biased, random, 0f) : null;
            int[] users = new int[RATINGS];
            int[] items = new int[RATINGS];
            int[] values = new int[RATINGS];
            for (int j = 0; j < RATINGS; j++) {
                users[j] = random.nextInt(USERS);
                items[j] = random.nextInt(ITEMS);
                values[j] = floatToRawIntBits(1 + random.nextInt(9) * 0.5f);
            }
            int[] order = new int[RATINGS]; // a shuffled order, as training passes one
            for (int j = 0; j < RATINGS; j++) {
                int swap = random.nextInt(j + 1);
                order[j] = order[swap];
                order[swap] = j;
            }
            ratings = new MfStep.Ratings(users, items, values, order);
            step = new StepConfig(optimizer, adam ? 1e-3f : 1e-2f, 0.01f, 0f, 0.9f, 0.999f, 1e-8f, BATCH);
        }

        /** Nanoseconds to train one pass over the ratings with the vector or the scalar rows. */
        long round(boolean withVectors) {
            long start = System.nanoTime();
            (withVectors ? vector : scalar).train(model, first, second, ratings, 0, RATINGS, step, t);
            t += RATINGS / BATCH;
            return System.nanoTime() - start;
        }

        private static MfView view(int k, boolean biased, SplittableRandom random, float scale) {
            int[] p = words(USERS * k, random, scale);
            int[] q = words(ITEMS * k, random, scale);
            return new MfView(p, q, biased ? words(USERS, random, 0f) : null, biased ? words(ITEMS, random, 0f) : null,
                    k, biased ? 3.5f : 0f, USERS, ITEMS);
        }

        private static int[] words(int n, SplittableRandom random, float scale) {
            int[] w = new int[n];
            for (int x = 0; x < n; x++) {
                w[x] = floatToRawIntBits((float) random.nextDouble() * scale);
            }
            return w;
        }
    }
}
