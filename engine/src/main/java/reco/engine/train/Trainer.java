package reco.engine.train;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import reco.engine.data.IdIndex;
import reco.engine.data.RatingTable;
import reco.engine.model.DeviceModel;
import reco.engine.model.MfModel;
import reco.kernels.AdamMoments;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Optimizer;
import reco.kernels.StepConfig;

/**
 * The epoch loop. Ratings, parameters and optimiser state are uploaded once and stay on the device;
 * each epoch sends a new shuffled order (int32 per rating) and gets back one loss sum and the
 * validation predictions. With a validation set and patience, training stops after {@code patience}
 * epochs without a better validation RMSE and the best epoch's parameters are restored.
 *
 * <p>Users and items with no training rating keep all-zero factors and biases: they are never
 * touched by an update, so they predict from what is known (the global mean and the other side's bias).
 */
public final class Trainer {
    /** Ratings trained per device call between progress reports (rounded to whole batches). */
    static final long CHUNK_RATINGS = Long.getLong("reco.train.chunkRatings", 1L << 20);

    private final ComputeDevice device;
    private final TrainConfig config;
    private final TrainingListener listener;

    public Trainer(ComputeDevice device, TrainConfig config, TrainingListener listener) {
        this.device = device;
        this.config = config;
        this.listener = listener == null ? TrainingListener.NONE : listener;
    }

    /**
     * Trains on {@code fit}; {@code validation} (may be null or empty) drives early stopping and,
     * with {@link TrainConfig#refit()}, the number of epochs of a final run on both.
     * Dense indices in both tables refer to {@code users} and {@code items}.
     */
    public TrainResult train(RatingTable fit, RatingTable validation, IdIndex users, IdIndex items) {
        if (fit.size() == 0) {
            throw new IllegalArgumentException("no training ratings");
        }
        boolean validating = validation != null && validation.size() > 0;
        Phase search = run(fit, validating ? validation : null, config.epochs(), false, users, items);
        if (!(validating && config.refit())) {
            return search.result(List.of());
        }
        try (RatingTable all = concat(fit, validation)) {
            listener.refitStarted(search.bestEpoch, all.size());
            search.model.close();
            Phase refit = run(all, null, search.bestEpoch, true, users, items);
            return refit.result(search.history);
        }
    }

    /** One training run: its model (best epoch, or last without validation) and its epochs. */
    private record Phase(MfModel model, List<EpochReport> history, int bestEpoch, double seconds) {
        TrainResult result(List<EpochReport> before) {
            List<EpochReport> all = new ArrayList<>(before);
            all.addAll(history);
            return new TrainResult(model, List.copyOf(all), bestEpoch, seconds + before.stream().mapToDouble(EpochReport::seconds).sum(),
                    medianSeconds(all));
        }
    }

    private Phase run(RatingTable fit, RatingTable validation, int epochs, boolean refit, IdIndex users, IdIndex items) {
        float mu = config.biased() ? (float) fit.meanRating() : 0f;
        MfModel model = MfModel.allocate(users, items, config.factors(), config.biased());
        model.setGlobalMean(mu);
        SplittableRandom root = new SplittableRandom(config.seed());
        initialise(model, fit, root.split());
        SplittableRandom shuffle = root.split();
        boolean validating = validation != null;
        StepConfig step = config.step();
        List<EpochReport> history = new ArrayList<>();
        double trainSeconds = 0;
        int bestEpoch = 0;
        double bestRmse = Double.POSITIVE_INFINITY;
        try (Arena arena = Arena.ofConfined(); // call scope: host staging for the order and predictions
             DeviceModel params = DeviceModel.upload(device, model);
             DeviceModel first = momentState(users.size(), items.size());
             DeviceModel second = momentState(users.size(), items.size());
             DeviceRatings train = new DeviceRatings(device, fit);
             DeviceRatings valid = validating ? new DeviceRatings(device, validation) : null;
             DeviceBuffer order = device.allocate(fit.size() * Integer.BYTES);
             DeviceBuffer predictions = device.allocate(Math.max(1, validating ? validation.size() : 1) * Float.BYTES)) {
            AdamMoments moments = first == null ? null : new AdamMoments(first.view(), second.view());
            int[] perm = identity(fit.size());
            MemorySegment orderHost = arena.allocate((long) perm.length * Integer.BYTES, 64);
            MemorySegment predHost = validating ? arena.allocate(validation.size() * Float.BYTES, 64) : null;
            long t = 1;
            int sinceBest = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                shuffle(perm, shuffle);
                MemorySegment.copy(perm, 0, orderHost, ValueLayout.JAVA_INT, 0, perm.length);
                device.write(order, 0, orderHost);
                double sse = 0;
                long chunk = Math.max(1, CHUNK_RATINGS / step.batchSize()) * step.batchSize();
                for (long from = 0; from < perm.length; from += chunk) {
                    long count = Math.min(chunk, perm.length - from);
                    sse += device.train(params.view(), moments, train.view(), order, from, count, step, t);
                    t += (count + step.batchSize() - 1) / step.batchSize();
                    listener.epochProgress(epoch, (double) (from + count) / perm.length);
                }
                double loss = sse / perm.length;
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(String.format(
                            "training diverged at epoch %d (loss %s): try a smaller --lr than %s", epoch, loss,
                            config.learningRate()));
                }
                double rmse = validating ? validationRmse(params, valid, validation, predictions, predHost) : Double.NaN;
                boolean improved = validating && rmse < bestRmse;
                if (improved) {
                    bestRmse = rmse;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    params.readInto(model); // snapshot of the best epoch, restored at the end
                } else {
                    sinceBest++;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                trainSeconds += seconds;
                EpochReport report = new EpochReport(epoch, refit, loss, rmse, seconds, improved);
                history.add(report);
                listener.epochEnded(report, epochs);
                if (validating && config.patience() > 0 && sinceBest >= config.patience()) {
                    break;
                }
            }
            if (!validating) {
                bestEpoch = history.size();
                params.readInto(model);
            }
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
        return new Phase(model, history, bestEpoch, trainSeconds);
    }

    /** The rows of {@code a} then those of {@code b}, in a new table. */
    private static RatingTable concat(RatingTable a, RatingTable b) {
        RatingTable out = RatingTable.allocate(a.size() + b.size());
        long r = 0;
        for (RatingTable t : List.of(a, b)) {
            for (long i = 0; i < t.size(); i++, r++) {
                out.set(r, t.user(i), t.item(i), t.rating(i), t.timestamp(i));
            }
        }
        return out;
    }

    private DeviceModel momentState(int users, int items) {
        return config.optimizer() == Optimizer.ADAM
                ? DeviceModel.zeros(device, users, items, config.factors(), config.biased(), 0f)
                : null;
    }

    /** Factors drawn from the configured distribution for every row that has training data; others stay 0. */
    private void initialise(MfModel model, RatingTable fit, SplittableRandom rng) {
        boolean[] userSeen = new boolean[model.users()];
        boolean[] itemSeen = new boolean[model.items()];
        for (long r = 0; r < fit.size(); r++) {
            userSeen[fit.user(r)] = true;
            itemSeen[fit.item(r)] = true;
        }
        fill(model.userFactors(), userSeen, model.factors(), rng);
        fill(model.itemFactors(), itemSeen, model.factors(), rng);
    }

    private void fill(MemorySegment matrix, boolean[] seen, int k, SplittableRandom rng) {
        float scale = config.initScale();
        for (int row = 0; row < seen.length; row++) {
            for (int f = 0; f < k; f++) {
                // Draw for every row so that the values do not depend on which rows are seen.
                double x = config.init() == Init.NORMAL ? rng.nextGaussian() * scale : rng.nextDouble() * scale;
                matrix.setAtIndex(ValueLayout.JAVA_FLOAT, (long) row * k + f, seen[row] ? (float) x : 0f);
            }
        }
    }

    private double validationRmse(DeviceModel params, DeviceRatings valid, RatingTable validation,
                                  DeviceBuffer predictions, MemorySegment predHost) {
        device.predict(params.view(), valid.view(), 0, validation.size(), predictions);
        device.read(predictions, 0, predHost);
        double sum = 0;
        for (long r = 0; r < validation.size(); r++) {
            double e = predHost.getAtIndex(ValueLayout.JAVA_FLOAT, r) - validation.rating(r);
            sum += e * e;
        }
        return Math.sqrt(sum / validation.size());
    }

    private static int[] identity(long n) {
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " ratings: at most " + (Integer.MAX_VALUE - 8) + " per table");
        }
        int[] a = new int[(int) n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** Fisher–Yates, continuing from the previous epoch's order. */
    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    private static double medianSeconds(List<EpochReport> history) {
        double[] s = history.stream().mapToDouble(EpochReport::seconds).sorted().toArray();
        if (s.length == 0) {
            return 0;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
