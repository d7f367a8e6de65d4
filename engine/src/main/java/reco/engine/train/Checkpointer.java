package reco.engine.train;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import reco.engine.data.IdIndex;
import reco.engine.data.RatingTable;
import reco.engine.model.CheckpointFiles;
import reco.engine.model.CheckpointFiles.FloatTensor;
import reco.engine.model.DataFingerprint;
import reco.engine.model.DeviceModel;
import reco.engine.model.MfModel;

/**
 * Saves a training phase's state to its checkpoint folder and puts it back: the parameters, Adam's two
 * moments and, while searching with validation, the best epoch's parameters, as float32 tensors, with
 * the counters of {@link Progress} in the JSON state ({@link TrainingState}).
 *
 * <p>A state whose parameters are not all finite is never saved: the loss is taken before each batch's
 * update, so the last batch of an epoch can blow the parameters up with a finite loss; saving them
 * would replace the last good checkpoint with a diverged one.
 */
final class Checkpointer {
    /** Tensor name prefixes: the parameters, Adam's first and second moments, the best epoch's parameters. */
    private static final String PARAMS = "";
    private static final String FIRST = "adam_m.";
    private static final String SECOND = "adam_v.";
    private static final String BEST = "best.";

    private final CheckpointPolicy policy; // null: nothing is saved
    private final TrainConfig config;
    private final String fitSha256;
    private final String validationSha256;
    private String lastSaved;              // "epoch 6" of the last checkpoint written, null before one

    Checkpointer(CheckpointPolicy policy, TrainConfig config, RatingTable fit, RatingTable validation) {
        this.policy = policy;
        this.config = config;
        this.fitSha256 = fingerprint(fit);
        this.validationSha256 = validation == null ? null : fingerprint(validation);
    }

    static String fingerprint(RatingTable table) {
        return DataFingerprint.of(List.of(), table);
    }

    boolean due(int epoch) {
        return policy != null && epoch % policy.everyEpochs() == 0;
    }

    /** For a divergence message: where the last good checkpoint is, or an empty string. */
    String lastGood() {
        return lastSaved == null ? "" : "; the last good checkpoint (" + lastSaved + ") in " + policy.dir()
                + " is intact: resume it with --resume " + policy.dir() + " and a smaller --lr";
    }

    /** The fit and validation fingerprints must be those the checkpoint was made with. */
    void requireSameData(TrainingState s) {
        if (!fitSha256.equals(s.fitSha256()) || !Objects.equals(validationSha256, s.validationSha256())) {
            throw new IllegalArgumentException("the training ratings differ from those the checkpoint was made with: "
                    + "resume with the same data, split and seed");
        }
    }

    /**
     * Saves the state after {@code p.epoch}; false, and nothing saved, when the parameters are not all finite.
     *
     * @param best the best epoch's parameters while searching with validation, else null
     * @param search in the refit phase, the search before it; else null
     */
    boolean save(TrainingState.Phase phase, int epochs, Progress p, Trainer.Phase search, DeviceModel params,
                 DeviceModel first, DeviceModel second, MfModel best, IdIndex users, IdIndex items) {
        try (MfModel host = staging(users, items); MfModel m1 = first == null ? null : staging(users, items);
             MfModel m2 = second == null ? null : staging(users, items)) {
            params.readInto(host);
            if (!finite(host)) {
                return false;
            }
            List<FloatTensor> tensors = new ArrayList<>(tensors(PARAMS, host));
            if (first != null) {
                first.readInto(m1);
                second.readInto(m2);
                tensors.addAll(tensors(FIRST, m1));
                tensors.addAll(tensors(SECOND, m2));
            }
            if (best != null) {
                tensors.addAll(tensors(BEST, best));
            }
            TrainingState state = new TrainingState(config, policy.run(), fitSha256, validationSha256, phase, p.epoch,
                    epochs, p.step, p.bestEpoch, Double.isFinite(p.bestRmse) ? p.bestRmse : null, p.sinceBest,
                    p.seconds, p.history, search == null ? List.of() : search.history(),
                    search == null ? 0 : search.bestEpoch(), search == null ? 0 : search.seconds());
            String tag = phase.name().toLowerCase(Locale.ROOT) + "-e" + p.epoch;
            CheckpointFiles.save(policy.dir(), tag, state, tensors);
            lastSaved = (phase == TrainingState.Phase.REFIT ? "refit epoch " : "epoch ") + p.epoch;
            return true;
        }
    }

    /** Puts the checkpoint's counters into {@code p} and its tensors into the device state and {@code best}. */
    static void restore(TrainingCheckpoint from, Progress p, DeviceModel params, DeviceModel first,
                        DeviceModel second, MfModel best, IdIndex users, IdIndex items, int factors, boolean biased) {
        TrainingState s = from.state();
        p.epoch = s.epoch();
        p.step = s.step();
        p.bestEpoch = s.bestEpoch();
        p.bestRmse = s.bestRmse() == null ? Double.POSITIVE_INFINITY : s.bestRmse();
        p.sinceBest = s.sinceBest();
        p.seconds = s.seconds();
        p.history.addAll(s.history());
        try (MfModel host = MfModel.allocate(users, items, factors, biased)) {
            restore(from, PARAMS, host, params);
            if (first != null) {
                restore(from, FIRST, host, first);
                restore(from, SECOND, host, second);
            }
        }
        if (best != null && s.bestEpoch() > 0) {
            copy(from, BEST, best);
        }
    }

    private static void restore(TrainingCheckpoint from, String prefix, MfModel host, DeviceModel into) {
        copy(from, prefix, host);
        into.write(host.userFactors(), host.itemFactors(), host.userBias(), host.itemBias());
    }

    private static void copy(TrainingCheckpoint from, String prefix, MfModel into) {
        for (FloatTensor t : tensors(prefix, into)) {
            from.copyTo(t.name(), t.shape(), t.data());
        }
    }

    private MfModel staging(IdIndex users, IdIndex items) {
        return MfModel.allocate(users, items, config.factors(), config.biased());
    }

    private static List<FloatTensor> tensors(String prefix, MfModel m) {
        long users = m.users();
        long items = m.items();
        return List.of(new FloatTensor(prefix + "user_factors", new long[]{users, m.factors()}, m.userFactors()),
                new FloatTensor(prefix + "item_factors", new long[]{items, m.factors()}, m.itemFactors()),
                new FloatTensor(prefix + "user_bias", new long[]{users}, m.userBias()),
                new FloatTensor(prefix + "item_bias", new long[]{items}, m.itemBias()));
    }

    private static boolean finite(MfModel m) {
        for (MemorySegment s : List.of(m.userFactors(), m.itemFactors(), m.userBias(), m.itemBias())) {
            for (long i = 0, n = s.byteSize() / Float.BYTES; i < n; i++) {
                if (!Float.isFinite(s.getAtIndex(ValueLayout.JAVA_FLOAT, i))) {
                    return false;
                }
            }
        }
        return true;
    }
}
