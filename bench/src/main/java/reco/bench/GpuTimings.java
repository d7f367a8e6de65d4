package reco.bench;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import reco.engine.bench.DeviceBenchmark;
import reco.engine.cluster.KMeans;
import reco.engine.cluster.KMeansConfig;
import reco.engine.cluster.KMeansResult;
import reco.engine.data.Dataset;
import reco.engine.data.LoadOptions;
import reco.engine.data.MovieLens;
import reco.engine.train.DeviceRatings;
import reco.kernels.AdamMoments;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Devices;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.Optimizer;
import reco.kernels.StepConfig;
import reco.kernels.cuda.CudaDevice;

/**
 * The GPU check's timings (bench/gpu/check.sh), one shot rather than JMH: a lent GPU machine gives
 * minutes, not the quarter hour a JMH run of these sizes takes. For each device named:
 * <ul>
 *   <li>epochs of {@link ComputeDevice#train} over a MovieLens-layout data set (the check generates 25M
 *       ratings with {@code reco generate}) at 64 factors, SGD and Adam, at each batch size: one
 *       warm-up call on the first million ratings (compilation, JIT), then {@code --repeats} whole epochs
 *       in a seeded random order, each one train call that returns the loss (so the device has
 *       finished); the median wall time, and on CUDA the median device time between two events;</li>
 *   <li>k-means of 60,000 × 64 points (100 planted Gaussian blobs) into 100 clusters with the engine's
 *       {@link KMeans} (k-means++, one restart): wall time, iterations, inertia; and one Lloyd
 *       iteration's assign and update, medians of five after a warm-up.</li>
 * </ul>
 * Every figure is one {@code TIMING key=value ...} line on standard output.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp reco.jar:gpu-timings.jar reco.bench.GpuTimings \
 *      --data DIR --devices cuda,java [--batches 1024,65536] [--repeats 3] [--no-epochs] [--no-kmeans]
 * </pre>
 */
public final class GpuTimings {
    private static final long SEED = 20_251_127L;
    private static final int FACTORS = 64;
    private static final long WARM_UP_RATINGS = 1_000_000;
    private static final int KMEANS_POINTS = 60_000;
    private static final int KMEANS_DIMS = 64;
    private static final int KMEANS_CLUSTERS = 100;

    private GpuTimings() {
    }

    /** The command line: which devices, which data, how much. */
    private record Options(Path data, List<String> devices, int[] batches, int repeats, boolean epochs, boolean kmeans) {
        static Options parse(String[] args) {
            Path data = null;
            List<String> devices = List.of("cuda");
            int[] batches = {1024};
            int repeats = 3;
            boolean epochs = true;
            boolean kmeans = true;
            for (int a = 0; a < args.length; a++) {
                switch (args[a]) {
                    case "--data" -> data = Path.of(args[++a]);
                    case "--devices" -> devices = List.of(args[++a].split(","));
                    case "--batches" -> batches = Arrays.stream(args[++a].split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--repeats" -> repeats = Integer.parseInt(args[++a]);
                    case "--no-epochs" -> epochs = false;
                    case "--no-kmeans" -> kmeans = false;
                    default -> throw new IllegalArgumentException("unknown argument " + args[a] + ": use --data DIR "
                            + "--devices SPEC,... --batches N,... --repeats N --no-epochs --no-kmeans");
                }
            }
            if (epochs && data == null) {
                throw new IllegalArgumentException("--data DIR is needed for the epoch timings (or pass --no-epochs)");
            }
            return new Options(data, devices, batches, Math.max(1, repeats), epochs, kmeans);
        }
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        Options o = Options.parse(args);
        System.out.println("seed " + SEED + ", " + FACTORS + " factors, devices " + o.devices());
        Dataset data = null;
        if (o.epochs()) {
            long start = System.nanoTime();
            data = MovieLens.load(o.data(), LoadOptions.defaults());
            timing("load", "data=" + o.data(), "ratings=" + data.ratings().size(), "users=" + data.users().size(),
                    "items=" + data.items().size(), String.format("seconds=%.2f", (System.nanoTime() - start) / 1e9));
        }
        for (String spec : o.devices()) {
            try (ComputeDevice device = Devices.open(spec)) {
                System.out.println("device " + device.info().spec() + ": " + device.info().name() + " "
                        + device.info().details());
                if (data != null) {
                    epochs(device, data, o);
                }
                if (o.kmeans()) {
                    kmeans(device);
                }
            } catch (RuntimeException e) {
                timing("error", "device=" + spec, "message=\"" + String.valueOf(e.getMessage()).replace('\n', ' ') + "\"");
            }
        }
        if (data != null) {
            data.close();
        }
    }

    private static void epochs(ComputeDevice device, Dataset data, Options o) {
        long n = data.ratings().size();
        int users = data.users().size();
        int items = data.items().size();
        SplittableRandom rnd = new SplittableRandom(SEED);
        try (DeviceRatings ratings = new DeviceRatings(device, data.ratings());
             DeviceBuffer order = DeviceData.upload(device, MemorySegment.ofArray(DeviceData.permutation(rnd.split(), (int) n)))) {
            float mu = (float) data.ratings().meanRating();
            for (Optimizer optimizer : Optimizer.values()) {
                FactorModel model = DeviceData.model(device, rnd.split(), users, items, FACTORS, 0.1, mu);
                AdamMoments moments = optimizer == Optimizer.ADAM ? DeviceData.moments(device, users, items, FACTORS) : null;
                long step = 1;
                for (int batch : o.batches()) {
                    StepConfig config = new StepConfig(optimizer, optimizer == Optimizer.ADAM ? 0.003f : 0.01f, 0.02f,
                            0.02f, 0.9f, 0.999f, 1e-8f, batch);
                    long batches = (n + batch - 1) / batch;
                    device.train(model, moments, ratings.view(), order, 0, Math.min(n, WARM_UP_RATINGS), config, step);
                    step += (Math.min(n, WARM_UP_RATINGS) + batch - 1) / batch;
                    double[] wall = new double[o.repeats()];
                    double[] onDevice = new double[o.repeats()];
                    double sse = 0;
                    for (int r = 0; r < o.repeats(); r++) {
                        long first = step;
                        double[] loss = new double[1];
                        long t0 = System.nanoTime();
                        onDevice[r] = deviceMillis(device, () -> loss[0] = device.train(model, moments, ratings.view(),
                                order, 0, n, config, first));
                        wall[r] = (System.nanoTime() - t0) / 1e6;
                        sse = loss[0];
                        step += batches;
                    }
                    double ms = DeviceData.median(wall);
                    timing("epoch", "device=" + device.info().spec(), "optimizer=" + optimizer, "batch=" + batch,
                            "ratings=" + n, "factors=" + FACTORS, String.format("wall_ms=%.1f", ms),
                            Double.isNaN(onDevice[0]) ? "device_ms=n/a" : String.format("device_ms=%.1f", DeviceData.median(onDevice)),
                            String.format("ns_per_rating=%.2f", ms * 1e6 / n), String.format("rmse=%.4f", Math.sqrt(sse / n)),
                            "repeats=" + o.repeats());
                }
                DeviceData.close(model);
                if (moments != null) {
                    DeviceData.close(moments.first());
                    DeviceData.close(moments.second());
                }
            }
        }
    }

    private static void kmeans(ComputeDevice device) {
        float[] points = DeviceBenchmark.blobs(KMEANS_POINTS, KMEANS_DIMS, KMEANS_CLUSTERS, SEED + 1);
        KMeansConfig config = KMeansConfig.defaults().withClusters(KMEANS_CLUSTERS).withRestarts(1).withSeed(SEED);
        new KMeans(device, config).fit(Arrays.copyOf(points, KMEANS_CLUSTERS * 10 * KMEANS_DIMS), KMEANS_DIMS); // warm-up
        long t0 = System.nanoTime();
        KMeansResult result = new KMeans(device, config).fit(points, KMEANS_DIMS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        timing("kmeans", "device=" + device.info().spec(), "points=" + KMEANS_POINTS, "dims=" + KMEANS_DIMS,
                "clusters=" + KMEANS_CLUSTERS, String.format("seconds=%.3f", seconds), "iterations=" + result.iterations(),
                String.format("inertia=%.6e", result.inertia()));
        lloyd(device, points, Arrays.copyOf(points, KMEANS_CLUSTERS * KMEANS_DIMS));
    }

    /** One assign and one update, each timed to the device's finish; medians of five after a warm-up. */
    private static void lloyd(ComputeDevice device, float[] points, float[] centres) {
        try (DeviceBuffer p = DeviceData.upload(device, MemorySegment.ofArray(points));
             DeviceBuffer c = DeviceData.upload(device, MemorySegment.ofArray(centres));
             DeviceBuffer sums = device.allocate(4L * KMEANS_CLUSTERS * KMEANS_DIMS);
             DeviceBuffer assignment = device.allocate(4L * KMEANS_POINTS);
             DeviceBuffer distance = device.allocate(4L * KMEANS_POINTS);
             DeviceBuffer counts = device.allocate(4L * KMEANS_CLUSTERS)) {
            Matrix pm = new Matrix(p, KMEANS_POINTS, KMEANS_DIMS);
            Matrix cm = new Matrix(c, KMEANS_CLUSTERS, KMEANS_DIMS);
            Matrix sm = new Matrix(sums, KMEANS_CLUSTERS, KMEANS_DIMS);
            double[] assign = new double[5];
            double[] update = new double[5];
            for (int rep = -1; rep < 5; rep++) {
                double a = time(() -> {
                    device.kmeansAssign(pm, cm, assignment, distance);
                    device.finish();
                });
                double u = time(() -> {
                    device.kmeansUpdate(pm, assignment, sm, counts);
                    device.finish();
                });
                if (rep >= 0) {
                    assign[rep] = a;
                    update[rep] = u;
                }
            }
            timing("lloyd", "device=" + device.info().spec(), String.format("assign_ms=%.3f", DeviceData.median(assign)),
                    String.format("update_ms=%.3f", DeviceData.median(update)));
        }
    }

    /** Device milliseconds of {@code work} on CUDA (between two events), NaN elsewhere; runs it either way. */
    private static double deviceMillis(ComputeDevice device, Runnable work) {
        if (device instanceof CudaDevice cuda) {
            return cuda.deviceMillis(work);
        }
        work.run();
        return Double.NaN;
    }

    private static double time(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void timing(String what, String... fields) {
        System.out.println("TIMING " + what + " " + String.join(" ", fields));
    }
}
