package reco.kernels.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;
import reco.kernels.java.JavaBackend;
import reco.kernels.java.JavaDevice;

/**
 * A by-hand timing (not a test, no assertions): one SGD epoch over generated ratings and one Lloyd
 * iteration of k-means, on the OpenCL device and the Java device in the same process (so that both
 * run with the JIT profile the binding leaves behind). Run from the repository root after
 * {@code mvn -o -q -pl kernels test-compile}:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp kernels/target/classes:kernels/target/test-classes \
 *      reco.kernels.opencl.OpenClTiming [opencl-spec] [batch-size] [ratings] [both|opencl|java]
 * </pre>
 * Uniform random users (160,000) and items (60,000), 64 factors, a random order; each figure is the
 * best of three after a warm-up (PoCL compiles each kernel's machine code at its first launch).
 */
public final class OpenClTiming {
    private static final long SEED = 42;
    private static final int USERS = 160_000;
    private static final int ITEMS = 60_000;
    private static final int FACTORS = 64;

    private OpenClTiming() {
    }

    public static void main(String[] args) {
        String spec = args.length > 0 ? args[0] : "opencl";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        int ratings = args.length > 2 ? Integer.parseInt(args[2]) : 5_000_000;
        String which = args.length > 3 ? args[3] : "both";
        System.out.printf("seed %d, %,d ratings, %,d users, %,d items, %d factors, batch %d%n", SEED, ratings, USERS,
                ITEMS, FACTORS, batch);
        try (ComputeDevice cl = new OpenClBackend().open(spec);
             ComputeDevice java = new JavaDevice(JavaBackend.defaultThreads())) {
            for (ComputeDevice d : new ComputeDevice[] {cl, java}) {
                System.out.println("device " + d.info().spec() + ": " + d.info().name() + " " + d.info().details());
            }
            ComputeDevice[] timed = switch (which) {
                case "opencl" -> new ComputeDevice[] {cl};
                case "java" -> new ComputeDevice[] {java};
                default -> new ComputeDevice[] {cl, java};
            };
            for (ComputeDevice d : timed) {
                epoch(d, batch, ratings);
            }
            for (ComputeDevice d : timed) {
                lloyd(d);
            }
        }
    }

    private static void epoch(ComputeDevice d, int batch, int n) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int[] u = rnd.split().ints(n, 0, USERS).toArray();
        int[] i = rnd.split().ints(n, 0, ITEMS).toArray();
        SplittableRandom rr = rnd.split();
        float[] r = new float[n];
        for (int x = 0; x < n; x++) {
            r[x] = 1 + rr.nextInt(9) * 0.5f;
        }
        int[] order = RandomArrays.permutation(rnd.split(), n);
        RatingBuffers rb = new RatingBuffers(Buffers.ints(d, u), Buffers.ints(d, i), Buffers.floats(d, r), n);
        DeviceBuffer ob = Buffers.ints(d, order);
        Matrix p = new Matrix(Buffers.floats(d, RandomArrays.gaussian(rnd.split(), USERS * FACTORS, 0.1)), USERS, FACTORS);
        Matrix q = new Matrix(Buffers.floats(d, RandomArrays.gaussian(rnd.split(), ITEMS * FACTORS, 0.1)), ITEMS, FACTORS);
        FactorModel model = new FactorModel(p, q, d.allocate(4L * USERS), d.allocate(4L * ITEMS), 3.5f, true);
        StepConfig sgd = new StepConfig(Optimizer.SGD, 0.05f, 0.02f, 0.01f, 0.9f, 0.999f, 1e-8f, batch);
        d.train(model, null, rb, ob, 0, Math.min(n, 50 * batch), sgd, 1); // warm-up: JIT, PoCL's lazy compilation
        long best = Long.MAX_VALUE;
        double loss = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            loss = d.train(model, null, rb, ob, 0, n, sgd, 1);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("%-10s SGD epoch: %.3f s, %.1f ns per rating, RMSE before updates %.4f%n", d.info().spec(),
                best / 1e9, (double) best / n, Math.sqrt(loss / n));
    }

    private static void lloyd(ComputeDevice d) {
        int n = 60_000;
        int dims = 64;
        int k = 100;
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        Matrix points = new Matrix(Buffers.floats(d, RandomArrays.gaussian(rnd.split(), n * dims, 0.1)), n, dims);
        Matrix centroids = new Matrix(Buffers.floats(d, RandomArrays.gaussian(rnd.split(), k * dims, 0.1)), k, dims);
        Matrix sums = new Matrix(d.allocate(4L * k * dims), k, dims);
        DeviceBuffer assignment = d.allocate(4L * n);
        DeviceBuffer distance = d.allocate(4L * n);
        DeviceBuffer counts = d.allocate(4L * k);
        long[] assign = new long[5];
        long[] update = new long[5];
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            d.kmeansAssign(points, centroids, assignment, distance);
            d.finish();
            long t1 = System.nanoTime();
            d.kmeansUpdate(points, assignment, sums, counts);
            d.finish();
            long t2 = System.nanoTime();
            if (rep > 0) { // the first is the warm-up
                assign[rep - 1] = t1 - t0;
                update[rep - 1] = t2 - t1;
            }
        }
        System.out.printf("%-10s k-means %,d x %d into %d: assign %.2f ms + update %.2f ms (medians of 5)%n",
                d.info().spec(), n, dims, k, median(assign) / 1e6, median(update) / 1e6);
        try (Arena a = Arena.ofShared()) {
            MemorySegment c = a.allocate(4L * k);
            d.read(counts, 0, c);
            System.out.println("  cluster sizes sum to " + Arrays.stream(c.toArray(ValueLayout.JAVA_INT)).sum());
        }
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
