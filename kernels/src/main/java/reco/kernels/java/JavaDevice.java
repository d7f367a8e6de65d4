package reco.kernels.java;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reco.kernels.AdamMoments;
import reco.kernels.BlockRanges;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.DeviceException;
import reco.kernels.DeviceInfo;
import reco.kernels.Exclusions;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;

/**
 * The reference device. Ops run synchronously on a fixed team of threads; each op splits its work
 * into parts that do not depend on the thread count and sums in a fixed order, so that the same
 * input gives bit-identical output with 1 thread or 16.
 */
public final class JavaDevice implements ComputeDevice {
    /**
     * Blocked-training calls with fewer ratings than this run the scalar loops: the SIMD loops run
     * boxed and slowly until C2 has compiled them, about a second of work, which small data never repays.
     */
    static final long SIMD_MIN_RATINGS = Long.getLong("reco.java.simdMinRatings", 1L << 18);

    private final Workers workers;
    private final long simdMinRatings;
    private final DeviceInfo info;
    private final Set<JavaBuffer> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final MfStep mfStep;
    private boolean closed;

    public JavaDevice(int threads) {
        this(threads, SIMD_MIN_RATINGS);
    }

    /** A device whose blocked training takes the SIMD loops from {@code simdMinRatings} ratings per call. */
    JavaDevice(int threads, long simdMinRatings) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.workers = new Workers(threads);
        this.simdMinRatings = simdMinRatings;
        this.mfStep = new MfStep(workers);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("threads", Integer.toString(threads));
        details.put("vector width", VectorSupport.AVAILABLE
                ? VectorRatingLoop.bits() + "-bit blocked training, " + VectorRows.bits()
                        + "-bit mini-batch rows once warm (Vector API)" : "scalar (reference path)");
        details.put("java", Runtime.version().toString());
        this.info = new DeviceInfo("java:" + threads, "java", "Java reference device (" + threads + " threads)",
                "CPU", threads, Runtime.getRuntime().maxMemory(), details);
    }

    /** Starts the warm-up of the mini-batch path's vector kernels ({@link VectorWarmUp}). */
    @Override
    public void prepareTraining() {
        VectorWarmUp.start();
    }

    @Override
    public DeviceInfo info() {
        return info;
    }

    @Override
    public synchronized DeviceBuffer allocate(long bytes) {
        checkOpen();
        if (bytes < 0) {
            throw new IllegalArgumentException("negative buffer size " + bytes);
        }
        JavaBuffer buffer = new JavaBuffer(this, bytes);
        live.add(buffer);
        return buffer;
    }

    synchronized void forget(JavaBuffer buffer) {
        live.remove(buffer);
    }

    @Override
    public void write(DeviceBuffer dst, long dstOffset, MemorySegment src) {
        int[] w = words(dst);
        checkRange(dstOffset, src.byteSize(), dst.byteSize());
        MemorySegment.copy(src, 0, MemorySegment.ofArray(w), dstOffset, src.byteSize());
    }

    @Override
    public void read(DeviceBuffer src, long srcOffset, MemorySegment dst) {
        int[] w = words(src);
        checkRange(srcOffset, dst.byteSize(), src.byteSize());
        MemorySegment.copy(MemorySegment.ofArray(w), srcOffset, dst, 0, dst.byteSize());
    }

    @Override
    public void predict(FactorModel model, RatingBuffers ratings, long first, long count, DeviceBuffer out) {
        checkRange(first, count, ratings.count());
        MfView m = view(model);
        int[] users = words(ratings.users());
        int[] items = words(ratings.items());
        int[] o = words(out);
        checkRange(0, count, out.byteSize() / Float.BYTES);
        int parts = Parts.count(count, Parts.CHUNK);
        workers.run(parts, p -> {
            int from = (int) Parts.start(p, count, Parts.CHUNK);
            int to = (int) Parts.start(p + 1, count, Parts.CHUNK);
            for (int j = from; j < to; j++) {
                int u = users[(int) first + j];
                int i = items[(int) first + j];
                o[j] = Float.floatToRawIntBits(m.contains(u, i) ? m.predict(u, i) : Float.NaN);
            }
        });
    }

    @Override
    public double train(FactorModel model, AdamMoments moments, RatingBuffers ratings, DeviceBuffer order,
                        long first, long count, StepConfig step, long firstStep) {
        long orderSize = order == null ? ratings.count() : order.byteSize() / Integer.BYTES;
        checkRange(first, count, orderSize);
        if (step.optimizer() == Optimizer.ADAM) {
            checkAdam(model, moments, firstStep);
        }
        MfView m = view(model);
        MfView m1 = moments == null ? null : view(moments.first());
        MfView m2 = moments == null ? null : view(moments.second());
        MfStep.Ratings r = new MfStep.Ratings(words(ratings.users()), words(ratings.items()), words(ratings.ratings()),
                order == null ? null : words(order));
        return mfStep.train(m, m1, m2, r, (int) first, (int) count, step, firstStep);
    }

    /**
     * Runs the blocks on the team, each block on one thread, taken in turn as threads come free: blocks
     * share no rows, so any assignment gives the same result. SIMD loops when the Vector API is there
     * and the call has at least {@link #simdMinRatings} ratings; scalar loops otherwise.
     */
    @Override
    public double trainBlocks(FactorModel model, AdamMoments moments, RatingBuffers ratings, long[] starts,
                              long[] counts, StepConfig step, long firstStep) {
        BlockRanges.check(starts, counts, ratings.count(), step);
        boolean simd = VectorSupport.AVAILABLE && Arrays.stream(counts).sum() >= simdMinRatings;
        boolean adam = step.optimizer() == Optimizer.ADAM;
        if (adam) {
            checkAdam(model, moments, firstStep);
        }
        MfView m = view(model);
        MfView m1 = adam ? view(moments.first()) : null;
        MfView m2 = adam ? view(moments.second()) : null;
        int[] users = words(ratings.users());
        int[] items = words(ratings.items());
        int[] values = words(ratings.ratings());
        double[] sse = new double[starts.length];
        workers.runEach(starts.length, b -> {
            int from = (int) starts[b];
            int to = (int) (starts[b] + counts[b]);
            if (simd) {
                sse[b] = adam ? VectorRatingLoop.adam(m, m1, m2, users, items, values, from, to, step, firstStep)
                        : VectorRatingLoop.sgd(m, users, items, values, from, to, step);
            } else {
                sse[b] = adam ? ScalarRatingLoop.adam(m, m1, m2, users, items, values, from, to, step, firstStep)
                        : ScalarRatingLoop.sgd(m, users, items, values, from, to, step);
            }
        });
        double sum = 0;
        for (double s : sse) {
            sum += s;
        }
        return sum;
    }

    @Override
    public void kmeansAssign(Matrix points, Matrix centroids, DeviceBuffer assignment, DeviceBuffer distance) {
        KMeansOps.assign(workers, words(points.buffer()), points.rows(), checkCols(points, centroids),
                words(centroids.buffer()), centroids.rows(), words(assignment), words(distance));
    }

    @Override
    public void kmeansUpdate(Matrix points, DeviceBuffer assignment, Matrix sums, DeviceBuffer counts) {
        KMeansOps.update(workers, words(points.buffer()), points.rows(), checkCols(points, sums), words(assignment),
                words(sums.buffer()), sums.rows(), words(counts));
    }

    @Override
    public void topK(Matrix queries, DeviceBuffer queryOffset, Matrix items, DeviceBuffer itemBias,
                     Exclusions exclusions, int k, DeviceBuffer outItems, DeviceBuffer outScores) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        TopKOps.run(workers, words(queries.buffer()), queries.rows(), checkCols(queries, items),
                queryOffset == null ? null : words(queryOffset), words(items.buffer()), items.rows(),
                itemBias == null ? null : words(itemBias),
                exclusions == null ? null : words(exclusions.offsets()),
                exclusions == null ? null : words(exclusions.items()),
                k, words(outItems), words(outScores));
    }

    @Override
    public void finish() {
        checkOpen();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (JavaBuffer b : new ArrayList<>(live)) {
            b.close();
        }
        workers.close();
    }

    /**
     * Refuses what would fail half-way through an update: moments missing or shaped unlike the
     * model, or a step below 1 (bias correction would divide by 1 − β1⁰ = 0).
     */
    private static void checkAdam(FactorModel model, AdamMoments moments, long firstStep) {
        if (moments == null) {
            throw new IllegalArgumentException("Adam needs its moment buffers");
        }
        for (FactorModel m : List.of(moments.first(), moments.second())) {
            if (m.users() != model.users() || m.items() != model.items() || m.factors() != model.factors()
                    || m.biased() != model.biased()) {
                throw new IllegalArgumentException("Adam moments must be shaped like the model: " + shape(m)
                        + " vs " + shape(model));
            }
        }
        if (firstStep < 1) {
            throw new IllegalArgumentException("Adam's first step must be at least 1 (steps count from 1 for "
                    + "bias correction), was " + firstStep);
        }
    }

    private static String shape(FactorModel m) {
        return m.users() + " users × " + m.items() + " items × " + m.factors() + " factors, "
                + (m.biased() ? "biased" : "unbiased");
    }

    /** The model's words with its declared shape, which bounds every index an op may use. */
    private MfView view(FactorModel model) {
        return new MfView(floats(model.userFactors().buffer(), model.userFactors().byteSize(), "user factors"),
                floats(model.itemFactors().buffer(), model.itemFactors().byteSize(), "item factors"),
                model.biased() ? floats(model.userBias(), (long) model.users() * Float.BYTES, "user bias") : null,
                model.biased() ? floats(model.itemBias(), (long) model.items() * Float.BYTES, "item bias") : null,
                model.factors(), model.globalMean(), model.users(), model.items());
    }

    private int[] floats(DeviceBuffer buffer, long bytes, String what) {
        if (buffer.byteSize() < bytes) {
            throw new IllegalArgumentException(what + ": buffer of " + buffer.byteSize() + " bytes, needs " + bytes);
        }
        return words(buffer);
    }

    private int[] words(DeviceBuffer buffer) {
        checkOpen();
        if (!(buffer instanceof JavaBuffer jb)) {
            throw new DeviceException("not a Java-device buffer: " + buffer);
        }
        return jb.words(this);
    }

    private void checkOpen() {
        if (closed) {
            throw new DeviceException("Java device used after close");
        }
    }

    private static int checkCols(Matrix a, Matrix b) {
        if (a.cols() != b.cols()) {
            throw new IllegalArgumentException("matrix widths differ: " + a.cols() + " vs " + b.cols());
        }
        return a.cols();
    }

    private static void checkRange(long first, long count, long size) {
        if (first < 0 || count < 0 || first + count > size) {
            throw new IllegalArgumentException("range [" + first + ", " + (first + count) + ") outside 0.." + size);
        }
    }

    /** Fixed-size parts, independent of the thread count. */
    static final class Parts {
        static final long CHUNK = 8192;

        private Parts() {
        }

        static int count(long n, long chunk) {
            return (int) ((n + chunk - 1) / chunk);
        }

        static long start(int part, long n, long chunk) {
            return Math.min(n, part * chunk);
        }
    }

    /** Whether any buffer is still allocated (for leak tests). */
    public synchronized int liveBuffers() {
        return live.size();
    }
}
