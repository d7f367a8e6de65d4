package reco.engine.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import reco.engine.cluster.KMeans;
import reco.engine.cluster.KMeansConfig;
import reco.engine.cluster.KMeansResult;
import reco.engine.data.IdIndex;
import reco.engine.data.RatingTable;
import reco.engine.train.EpochReport;
import reco.engine.train.TrainConfig;
import reco.engine.train.TrainResult;
import reco.engine.train.Trainer;
import reco.kernels.ComputeDevice;
import reco.kernels.Optimizer;

/**
 * Times whole epochs and whole k-means runs on one device. An epoch is what {@link Trainer} runs:
 * a host shuffle, the order upload, the device's train op over every rating and the loss read-back;
 * the first {@code warmUp} epochs (JIT, PoCL's lazy kernel compilation) are run but not reported.
 */
public final class DeviceBenchmark {

    /** Epoch seconds after warm-up, best first is not assumed: in run order. */
    public record EpochTiming(String device, Optimizer optimizer, int factors, int batch, long ratings,
                              double[] seconds, double finalLoss) {
        public double median() {
            double[] s = seconds.clone();
            Arrays.sort(s);
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        public double nsPerRating() {
            return median() * 1e9 / ratings;
        }
    }

    /** One k-means run to convergence from one k-means++ start. */
    public record KMeansTiming(String device, int points, int dims, int clusters, double seconds, int iterations,
                               double inertia) {
    }

    private DeviceBenchmark() {
    }

    /** {@code warmUp + measured} epochs of {@code optimizer} on {@code table}, no validation, fixed seed. */
    public static EpochTiming epochs(ComputeDevice device, RatingTable table, int users, int items, Optimizer optimizer,
                                     int factors, int batch, int warmUp, int measured) {
        TrainConfig base = TrainConfig.defaults();
        TrainConfig config = base.toBuilder().factors(factors).batchSize(batch).optimizer(optimizer)
                .learningRate(optimizer == Optimizer.ADAM ? base.learningRate() : 0.01f)
                .epochs(warmUp + measured).patience(0).refit(false).build();
        TrainResult r = new Trainer(device, config, null).train(table, null, range(users), range(items));
        r.model().close();
        List<EpochReport> h = r.history();
        double[] s = h.subList(warmUp, h.size()).stream().mapToDouble(EpochReport::seconds).toArray();
        return new EpochTiming(device.info().spec(), optimizer, factors, batch, table.size(), s, h.getLast().trainLoss());
    }

    /** k-means of {@code points} Gaussian blobs' points into {@code clusters}, one start, to convergence. */
    public static KMeansTiming kmeans(ComputeDevice device, int points, int dims, int clusters, long seed) {
        float[] data = blobs(points, dims, clusters, seed);
        KMeansConfig config = new KMeansConfig(clusters, 300, 1e-4, 1, seed);
        long start = System.nanoTime();
        KMeansResult r = new KMeans(device, config).fit(data, dims);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new KMeansTiming(device.info().spec(), points, dims, clusters, seconds, r.iterations(), r.inertia());
    }

    /** Points around {@code clusters} random centres (unit noise, centres spread ×3), like item vectors' clumps. */
    static float[] blobs(int points, int dims, int clusters, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] centres = new float[clusters * dims];
        for (int j = 0; j < centres.length; j++) {
            centres[j] = (float) (rng.nextGaussian() * 3);
        }
        float[] out = new float[points * dims];
        for (int p = 0; p < points; p++) {
            int c = rng.nextInt(clusters);
            for (int f = 0; f < dims; f++) {
                out[p * dims + f] = centres[c * dims + f] + (float) rng.nextGaussian();
            }
        }
        return out;
    }

    private static IdIndex range(int n) {
        long[] ids = new long[n];
        Arrays.setAll(ids, i -> i);
        return IdIndex.of(ids);
    }
}
