package reco.engine.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import reco.engine.cluster.KMeans;
import reco.engine.cluster.KMeansConfig;
import reco.engine.cluster.KMeansResult;
import reco.engine.data.IdIndex;
import reco.engine.data.RatingTable;
import reco.engine.data.SplitTables;
import reco.engine.train.EpochReport;
import reco.engine.train.TrainConfig;
import reco.engine.train.TrainResult;
import reco.engine.train.Trainer;
import reco.engine.train.TrainingListener;
import reco.kernels.ComputeDevice;
import reco.kernels.Optimizer;

/**
 * Times whole epochs, training to a target validation RMSE and whole k-means runs on one device.
 * Training goes through {@link Trainer} with the caller's {@link TrainConfig}, so that what is timed is
 * what {@code reco train} runs with the same settings; only the epoch count, early stopping and the
 * refit are set here. An epoch is what the trainer times: a host shuffle, the order upload, the device's
 * train op over every rating and the loss read-back (and the validation predictions, when there are).
 */
public final class DeviceBenchmark {

    /** Epoch seconds after warm-up, in run order. */
    public record EpochTiming(String device, Optimizer optimizer, int factors, int batch, long ratings, int users, int items,
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

    /**
     * Training until the validation RMSE first reaches {@code target}, or {@code maxEpochs} epochs.
     *
     * @param ratings         the whole data set's ratings (training + validation)
     * @param epochs          epochs run: the one that reached the target, else {@code maxEpochs}
     * @param reached         whether the target was reached
     * @param trainingSeconds the epochs' own seconds (as the trainer times them), summed
     * @param wallSeconds     from the trainer's start, set-up (uploads, initialisation) included
     * @param bestRmse        the lowest validation RMSE seen
     */
    public record TargetTiming(String device, Optimizer optimizer, long ratings, double target, int maxEpochs,
                               int epochs, boolean reached, double trainingSeconds, double wallSeconds,
                               double bestRmse) {
    }

    /** One k-means run to convergence from one k-means++ start. */
    public record KMeansTiming(String device, int points, int dims, int clusters, double seconds, int iterations,
                               double inertia) {
    }

    private DeviceBenchmark() {
    }

    /** {@code warmUp + measured} epochs of {@code config} on the whole {@code table}, no validation. */
    public static EpochTiming epochs(ComputeDevice device, RatingTable table, DataShape shape, TrainConfig config,
                                     int warmUp, int measured) {
        TrainConfig c = config.toBuilder().epochs(warmUp + measured).patience(0).refit(false).build();
        TrainResult r = new Trainer(device, c, null).train(table, null, range(shape.users()), range(shape.items()));
        r.model().close();
        List<EpochReport> h = r.history();
        double[] s = h.subList(warmUp, h.size()).stream().mapToDouble(EpochReport::seconds).toArray();
        return new EpochTiming(device.info().spec(), c.optimizer(), c.factors(), c.batchSize(), table.size(), shape.users(),
                shape.items(), s,
                h.getLast().trainLoss());
    }

    /**
     * Trains {@code config} on {@code split.train()} until the RMSE on {@code split.test()} is at most
     * {@code target}, for at most {@code maxEpochs} epochs; no early stopping, no refit.
     */
    public static TargetTiming timeToTarget(ComputeDevice device, SplitTables split, DataShape shape, TrainConfig config,
                                            double target, int maxEpochs) {
        TrainConfig c = config.toBuilder().epochs(maxEpochs).patience(0).refit(false).build();
        TargetWatch watch = new TargetWatch(target);
        long start = System.nanoTime();
        try {
            new Trainer(device, c, watch).train(split.train(), split.test(), range(shape.users()), range(shape.items()))
                    .model().close();
        } catch (TargetReached reached) {
            // the trainer released its model and buffers on the way out
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new TargetTiming(device.info().spec(), c.optimizer(), shape.ratings(), target, maxEpochs, watch.epochs,
                watch.reached, watch.seconds, wall, watch.best);
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

    /**
     * {@code points × dims} floats, row-major: points around {@code clusters} random centres (unit noise,
     * centres spread ×3), like item vectors' clumps.
     */
    public static float[] blobs(int points, int dims, int clusters, long seed) {
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

    /** Ids 0 .. n-1: generated data is indexed densely already. */
    public static IdIndex range(int n) {
        long[] ids = new long[n];
        Arrays.setAll(ids, i -> i);
        return IdIndex.of(ids);
    }

    /**
     * Ends training at the first epoch whose validation RMSE reaches the target. The trainer has no stop
     * request; an exception from its listener is the one way out, and it frees its buffers on that path.
     */
    private static final class TargetWatch implements TrainingListener {
        private final double target;
        private int epochs;
        private boolean reached;
        private double seconds;
        private double best = Double.NaN;

        TargetWatch(double target) {
            this.target = target;
        }

        @Override
        public void epochEnded(EpochReport report, int maxEpochs) {
            epochs = report.epoch();
            seconds += report.seconds();
            best = Double.isNaN(best) ? report.validationRmse() : Math.min(best, report.validationRmse());
            if (report.validationRmse() <= target) {
                reached = true;
                throw new TargetReached();
            }
        }
    }

    /** Thrown by {@link TargetWatch} to stop the trainer; carries nothing, so no stack trace is filled. */
    private static final class TargetReached extends RuntimeException {
        TargetReached() {
            super("target reached", null, false, false);
        }
    }
}
