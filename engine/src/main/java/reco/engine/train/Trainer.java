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
 *
 * <p>With a {@link CheckpointPolicy} the state is saved every few epochs ({@link Checkpointer}), and
 * {@link #resume} continues from such a checkpoint to the model an uninterrupted run gives, bit for bit
 * on a deterministic device: the parameters, Adam's moments and step, the early-stopping counters and the
 * best snapshot are restored, and the shuffle order is recreated by replaying the finished epochs'
 * shuffles from the seed.
 */
public final class Trainer {
    /** Ratings trained per device call between progress reports (rounded to whole batches). */
    static final long CHUNK_RATINGS = Long.getLong("reco.train.chunkRatings", 1L << 20);

    private final ComputeDevice device;
    private final TrainConfig config;
    private final TrainingListener listener;
    private CheckpointPolicy checkpoints; // null: none

    public Trainer(ComputeDevice device, TrainConfig config, TrainingListener listener) {
        this.device = device;
        this.config = config;
        this.listener = listener == null ? TrainingListener.NONE : listener;
    }

    /** Saves checkpoints as {@code policy} says (null: none); returns this trainer. */
    public Trainer checkpointing(CheckpointPolicy policy) {
        this.checkpoints = policy;
        return this;
    }

    /**
     * Trains on {@code fit}; {@code validation} (may be null or empty) drives early stopping and,
     * with {@link TrainConfig#refit()}, the number of epochs of a final run on both.
     * Dense indices in both tables refer to {@code users} and {@code items}.
     */
    public TrainResult train(RatingTable fit, RatingTable validation, IdIndex users, IdIndex items) {
        return train(fit, validation, users, items, null);
    }

    /**
     * Continues the run saved in {@code from} on the same tables. This trainer's configuration must be
     * the checkpoint's, except for the learning rate and the number of epochs, which may change (after a
     * divergence, say).
     *
     * @throws IllegalArgumentException when the tables or the settings are not those of the checkpoint
     */
    public TrainResult resume(TrainingCheckpoint from, RatingTable fit, RatingTable validation, IdIndex users,
                              IdIndex items) {
        TrainConfig saved = from.config().toBuilder().learningRate(config.learningRate()).epochs(config.epochs()).build();
        if (!saved.equals(config)) {
            throw new IllegalArgumentException("a resumed run keeps the checkpoint's settings (only --lr and --epochs may "
                    + "change): the checkpoint has " + from.config().asMap() + ", this run " + config.asMap());
        }
        return train(fit, validation, users, items, from);
    }

    private TrainResult train(RatingTable fit, RatingTable validation, IdIndex users, IdIndex items,
                              TrainingCheckpoint from) {
        if (fit.size() == 0) {
            throw new IllegalArgumentException("no training ratings");
        }
        boolean validating = validation != null && validation.size() > 0;
        Checkpointer saver = new Checkpointer(checkpoints, config, fit, validating ? validation : null);
        TrainingState resumed = from == null ? null : from.state();
        if (resumed != null) {
            saver.requireSameData(resumed);
        }
        boolean inRefit = resumed != null && resumed.phase() == TrainingState.Phase.REFIT;
        Phase search = inRefit ? new Phase(null, resumed.searchHistory(), resumed.searchBestEpoch(), resumed.searchSeconds())
                : run(fit, validating ? validation : null, config.epochs(), null, users, items, saver, from);
        if (!(validating && config.refit())) {
            return search.result(List.of());
        }
        try (RatingTable all = RatingTable.concat(fit, validation)) {
            listener.refitStarted(search.bestEpoch, all.size());
            if (search.model != null) {
                search.model.close();
            }
            Phase refit = run(all, null, search.bestEpoch, search, users, items, saver, inRefit ? from : null);
            return refit.result(search.history);
        }
    }

    /**
     * One training run: its model (best epoch, or last without validation) and its epochs; the model is
     * null for a search phase restored from a refit checkpoint, whose model is not needed again.
     */
    record Phase(MfModel model, List<EpochReport> history, int bestEpoch, double seconds) {
        TrainResult result(List<EpochReport> before) {
            List<EpochReport> all = new ArrayList<>(before);
            all.addAll(history);
            return new TrainResult(model, List.copyOf(all), bestEpoch, seconds + before.stream().mapToDouble(EpochReport::seconds).sum(),
                    medianSeconds(all));
        }
    }

    /**
     * Runs one phase: the search when {@code search} is null, else the refit after it. Continues from
     * {@code from} when it is not null (a checkpoint of this phase).
     */
    private Phase run(RatingTable fit, RatingTable validation, int epochs, Phase search, IdIndex users, IdIndex items,
                      Checkpointer saver, TrainingCheckpoint from) {
        boolean refit = search != null;
        float mu = config.biased() ? (float) fit.meanRating() : 0f;
        MfModel model = MfModel.allocate(users, items, config.factors(), config.biased());
        model.setGlobalMean(mu);
        SplittableRandom root = new SplittableRandom(config.seed());
        initialise(model, fit, root.split());
        SplittableRandom shuffle = root.split();
        BlockedSchedule blocked = config.blocks() > 0
                ? BlockedSchedule.of(fit, config.blocks(), users.size(), items.size(), root.split()) : null;
        boolean validating = validation != null;
        Progress p = new Progress();
        try (Arena arena = Arena.ofConfined(); // call scope: host staging for the order and predictions
             DeviceModel params = DeviceModel.upload(device, model);
             DeviceModel first = momentState(users.size(), items.size());
             DeviceModel second = momentState(users.size(), items.size());
             DeviceRatings train = upload(fit, blocked);
             DeviceRatings valid = validating ? new DeviceRatings(device, validation) : null;
             DeviceBuffer order = blocked == null ? device.allocate(fit.size() * Integer.BYTES) : null;
             DeviceBuffer predictions = device.allocate(Math.max(1, validating ? validation.size() : 1) * Float.BYTES);
             EpochOrders orders = blocked == null ? new EpochOrders(Permutations.identity(fit.size()), shuffle) : null) {
            AdamMoments moments = first == null ? null : new AdamMoments(first.view(), second.view());
            if (from != null) {
                Checkpointer.restore(from, p, params, first, second, validating ? model : null, users, items,
                        config.factors(), config.biased());
                for (int e = 0; e < p.epoch; e++) { // replays the finished epochs' draws
                    if (blocked == null) {
                        orders.replay();
                    } else {
                        blocked.epochOrder(shuffle);
                    }
                }
            }
            MemorySegment orderHost = blocked == null ? arena.allocate(fit.size() * Integer.BYTES, 64) : null;
            MemorySegment predHost = validating ? arena.allocate(validation.size() * Float.BYTES, 64) : null;
            while (p.epoch < epochs && !(validating && p.outOfPatience(config.patience()))) {
                int epoch = ++p.epoch;
                long start = System.nanoTime();
                double sse;
                if (blocked == null) {
                    int[] epochOrder = orders.next();
                    MemorySegment.copy(epochOrder, 0, orderHost, ValueLayout.JAVA_INT, 0, epochOrder.length);
                    device.write(order, 0, orderHost);
                    sse = trainEpoch(epoch, params, moments, train, order, epochOrder.length, p);
                } else {
                    sse = trainBlockedEpoch(epoch, params, moments, train, blocked, blocked.epochOrder(shuffle), p);
                }
                double loss = sse / fit.size();
                double rmse = validating && Double.isFinite(loss)
                        ? validationRmse(params, valid, validation, predictions, predHost) : Double.NaN;
                if (!Double.isFinite(loss) || (validating && !Double.isFinite(rmse))) {
                    throw diverged(refit, epoch, Double.isFinite(loss) ? "validation RMSE " + rmse : "loss " + loss, saver);
                }
                boolean improved = validating && p.improvedBy(rmse);
                if (improved) {
                    params.readInto(model); // snapshot of the best epoch, restored at the end
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                p.seconds += seconds;
                EpochReport report = new EpochReport(epoch, refit, loss, rmse, seconds, improved);
                p.history.add(report);
                listener.epochEnded(report, epochs);
                if (saver.due(epoch) && !saver.save(refit ? TrainingState.Phase.REFIT : TrainingState.Phase.SEARCH,
                        epochs, p, search, params, first, second, validating ? model : null, users, items)) {
                    throw diverged(refit, epoch, "parameters not finite", saver);
                }
            }
            if (!validating) {
                p.bestEpoch = p.history.size();
                params.readInto(model);
            }
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
        return new Phase(model, List.copyOf(p.history), p.bestEpoch, p.seconds);
    }

    /** Trains the {@code count} ratings of {@code order} in batches from Adam step {@code p.step}; the summed squared error. */
    private double trainEpoch(int epoch, DeviceModel params, AdamMoments moments, DeviceRatings train, DeviceBuffer order,
                              long count, Progress p) {
        StepConfig step = config.step();
        double sse = 0;
        long chunk = Math.max(1, CHUNK_RATINGS / step.batchSize()) * step.batchSize();
        for (long at = 0; at < count; at += chunk) {
            long n = Math.min(chunk, count - at);
            sse += device.train(params.view(), moments, train.view(), order, at, n, step, p.step);
            p.step += (n + step.batchSize() - 1) / step.batchSize();
            listener.epochProgress(epoch, (double) (at + n) / count);
        }
        return sse;
    }

    /** Trains every stratum of {@code schedule} in {@code strata} order; the summed squared error. */
    private double trainBlockedEpoch(int epoch, DeviceModel params, AdamMoments moments, DeviceRatings train,
                                     BlockedSchedule schedule, int[] strata, Progress p) {
        StepConfig step = config.step();
        double sse = 0;
        for (int n = 0; n < strata.length; n++) {
            long[] counts = schedule.counts(strata[n]);
            sse += device.trainBlocks(params.view(), moments, train.view(), schedule.starts(strata[n]), counts, step, p.step);
            p.step += Arrays.stream(counts).max().orElse(0); // each block's rating j was step p.step + j
            listener.epochProgress(epoch, (double) (n + 1) / strata.length);
        }
        return sse;
    }

    /** The training ratings on the device: as they are, or in block order for a blocked schedule. */
    private DeviceRatings upload(RatingTable fit, BlockedSchedule blocked) {
        if (blocked == null) {
            return new DeviceRatings(device, fit);
        }
        try (RatingTable arranged = blocked.arrange(fit)) { // the device keeps its own copy
            return new DeviceRatings(device, arranged);
        }
    }

    private TrainingDivergedException diverged(boolean refit, int epoch, String what, Checkpointer saver) {
        return new TrainingDivergedException(String.format("training diverged at %sepoch %d (%s): try a smaller --lr than %s%s",
                refit ? "refit " : "", epoch, what, config.learningRate(), saver.lastGood()));
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

    private static double medianSeconds(List<EpochReport> history) {
        double[] s = history.stream().mapToDouble(EpochReport::seconds).sorted().toArray();
        if (s.length == 0) {
            return 0;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
