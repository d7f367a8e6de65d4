package reco.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import reco.engine.bench.DeviceBenchmark.EpochTiming;
import reco.engine.bench.DeviceBenchmark.TargetTiming;
import reco.engine.data.RatingTable;
import reco.engine.data.Split;
import reco.engine.data.SplitTables;
import reco.engine.train.TrainConfig;
import reco.kernels.ComputeDevice;
import reco.kernels.Devices;

/**
 * Training on one device at one data size: for each configuration (one per optimizer), {@code warmUp}
 * untimed and {@code timedEpochs} timed epochs on all the ratings; then, when {@code target} is not
 * null, training on a random split until the validation RMSE reaches the target. The data are
 * generated from the first configuration's seed.
 *
 * @param device a device spec ({@link Devices#open})
 * @param target the time-to-target run, or null for none
 */
public record TrainingPhase(String device, DataShape shape, List<TrainConfig> configs, int warmUp, int timedEpochs,
                            Target target) implements BenchPhase {

    /**
     * @param rmse               the validation RMSE to reach
     * @param maxEpochs          the most epochs to try
     * @param validationFraction share of the ratings held out, drawn with {@link Split#random}
     */
    public record Target(double rmse, int maxEpochs, double validationFraction) {
        public Target {
            if (!(rmse > 0) || maxEpochs < 1 || !(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("target RMSE " + rmse + " in " + maxEpochs + " epochs with "
                        + validationFraction + " held out");
            }
        }
    }

    public TrainingPhase {
        configs = List.copyOf(configs);
        if (configs.isEmpty() || warmUp < 0 || timedEpochs < 1) {
            throw new IllegalArgumentException(configs.size() + " configurations, " + warmUp + " + " + timedEpochs + " epochs");
        }
    }

    @Override
    public String describe() {
        return "train " + shape.label() + " ratings on " + device;
    }

    @Override
    public PhaseResult run(Consumer<String> progress) {
        long seed = configs.getFirst().seed();
        List<EpochTiming> epochs = new ArrayList<>();
        List<TargetTiming> targets = new ArrayList<>();
        try (ComputeDevice d = Devices.open(device); RatingTable table = shape.generate(seed)) {
            for (TrainConfig c : configs) {
                EpochTiming t = DeviceBenchmark.epochs(d, table, shape, c, warmUp, timedEpochs);
                progress.accept(String.format(Locale.ROOT, "  %s, %s: %.3f s per epoch (%.0f ns per rating)", describe(),
                        name(c), t.median(), t.nsPerRating()));
                epochs.add(t);
            }
            if (target != null) {
                try (SplitTables split = Split.random(table, target.validationFraction(), seed)) {
                    for (TrainConfig c : configs) {
                        TargetTiming t = DeviceBenchmark.timeToTarget(d, split, shape, c, target.rmse(), target.maxEpochs());
                        progress.accept(String.format(Locale.ROOT, "  %s, %s: validation RMSE %.4f after %d epochs, %.2f s (target %s)",
                                describe(), name(c), t.bestRmse(), t.epochs(), t.trainingSeconds(), t.reached() ? "reached" : "not reached"));
                        targets.add(t);
                    }
                }
            }
        }
        return PhaseResult.ofTraining(epochs, targets);
    }

    private static String name(TrainConfig c) {
        return c.optimizer().name().toLowerCase(Locale.ROOT);
    }
}
