package reco.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import reco.engine.data.Dataset;
import reco.engine.data.RatingTable;
import reco.engine.train.CheckpointPolicy;
import reco.engine.train.TrainConfig;
import reco.engine.train.TrainResult;
import reco.engine.train.Trainer;
import reco.engine.train.TrainingCheckpoint;
import reco.engine.train.TrainingData;
import reco.engine.train.TrainingMemory;
import reco.kernels.ComputeDevice;

/**
 * {@code --checkpoint-every N}, {@code --checkpoint-dir DIR} and {@code --resume DIR} of {@code reco train},
 * and the memory check before training (whose estimate depends on checkpointing).
 *
 * <p>A checkpoint records the run as given — data folder or train/test files, split, fractions, output
 * folder — so that {@code reco train --resume DIR} alone continues it. Resuming keeps every setting
 * except {@code --lr} and {@code --epochs} (a diverged run can go on at a smaller rate); naming another
 * data or training flag with {@code --resume} is a usage error rather than a silent mismatch.
 */
final class CheckpointOptions {
    /** Flags whose values a resumed run takes from its checkpoint. */
    private static final List<String> FROM_CHECKPOINT = List.of("--data", "--train", "--test", "--split",
            "--test-fraction", "--validation-fraction", "--skip-bad-rows", "--preset", "--factors", "--l2", "--bias-l2",
            "--batch", "--optimizer", "--patience", "--no-refit", "--seed", "--no-bias", "--init-scale");

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Save the training state every N epochs, so that --resume can continue after a crash or a kill.")
    Integer every;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Checkpoint folder. Default: checkpoint inside --out, else models/checkpoint-<data>-<time>.")
    Path dir;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run saved in this checkpoint folder, with its data, split and settings (only --lr and --epochs may change).")
    Path resume;

    private TrainConfig saved; // the checkpoint's settings, when resuming

    /** With --resume: puts the checkpoint's data, split and output into {@code c} (what the user did not give). */
    void restoreInto(TrainCommand c) {
        if (every != null && every < 1) {
            throw new UsageException("--checkpoint-every must be at least 1 epoch, was " + every);
        }
        if (resume == null) {
            if (dir != null && every == null) {
                throw new UsageException("--checkpoint-dir needs --checkpoint-every N (how often to save)");
            }
            return;
        }
        ParseResult parsed = c.spec.commandLine().getParseResult();
        for (String flag : FROM_CHECKPOINT) {
            if (parsed.hasMatchedOption(flag)) {
                throw new UsageException(flag + " cannot be given with --resume: a resumed run keeps the data, split and "
                        + "settings of its checkpoint (only --lr and --epochs may change)");
            }
        }
        Map<String, Object> run;
        try (TrainingCheckpoint cp = TrainingCheckpoint.load(resume)) {
            saved = cp.config();
            run = cp.run();
        }
        c.data.data = path(run.get("data"));
        c.trainFile = path(run.get("train_file"));
        c.testFile = path(run.get("test_file"));
        if (run.get("split") instanceof String s) {
            c.split = TrainingData.SplitKind.valueOf(s.toUpperCase(Locale.ROOT));
        }
        c.testFraction = run.get("test_fraction") instanceof Number n ? n.doubleValue() : null;
        c.validationFraction = run.get("validation_fraction") instanceof Number n ? n.doubleValue() : null;
        c.data.skipBadRows = Boolean.TRUE.equals(run.get("skip_bad_rows"));
        c.out = c.out != null ? c.out : path(run.get("out"));
        dir = dir != null ? dir : resume;
        every = every != null ? every : run.get("checkpoint_every") instanceof Number n ? n.intValue() : null;
    }

    private static Path path(Object value) {
        return value instanceof String s ? Path.of(s) : null;
    }

    /** The settings to train with: the checkpoint's (with --lr and --epochs if given) when resuming. */
    TrainConfig config(TrainOptions options) {
        if (saved == null) {
            return options.config();
        }
        TrainConfig.Builder b = saved.toBuilder();
        if (options.lr != null) {
            b.learningRate(options.lr);
        }
        if (options.epochs != null) {
            b.epochs(options.epochs);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Checks that training fits in memory, then trains {@code td} with checkpoints as asked, or resumes
     * the checkpoint of --resume.
     */
    TrainResult train(Trainer trainer, TrainConfig config, TrainCommand c, Dataset d, TrainingData td, double testShare,
                      double validShare, ComputeDevice dev, PrintWriter text) {
        long held = RatingTable.BYTES_PER_ROW * (d.ratings().size() + td.train().size() + td.test().size()
                + (td.fit() == td.train() ? 0 : td.fit().size() + td.validation().size()));
        TrainingMemory.require(c.data.memory(), d.report().ratingsFile(), config, d.users().size(), d.items().size(),
                td.fit().size(), td.validation() == null ? 0 : td.validation().size(), held,
                dev.info().type().equalsIgnoreCase("CPU"), every != null);
        if (every != null) {
            Path to = dir != null ? dir : defaultDir(c, d);
            text.printf("Checkpoints: every %d epoch%s to %s%n", every, every == 1 ? "" : "s", to);
            trainer.checkpointing(new CheckpointPolicy(to, every, run(c, to, testShare, validShare)));
        }
        if (resume == null) {
            return trainer.train(td.fit(), td.validation(), d.users(), d.items());
        }
        try (TrainingCheckpoint cp = TrainingCheckpoint.load(resume)) {
            text.printf("Resuming from %s at %s%n", resume, cp.describe());
            try {
                return trainer.resume(cp, td.fit(), td.validation(), d.users(), d.items());
            } catch (IllegalArgumentException e) {
                throw new UsageException(resume + ": " + e.getMessage());
            }
        }
    }

    private static Path defaultDir(TrainCommand c, Dataset d) {
        return c.out != null ? c.out.resolve("checkpoint") : ModelDirs.ROOT.resolve("checkpoint-" + d.folder().getFileName()
                + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** The run as given, for the checkpoint: what --resume needs to load the same data and save to the same place. */
    private Map<String, Object> run(TrainCommand c, Path to, double testShare, double validShare) {
        Map<String, Object> run = new LinkedHashMap<>();
        if (c.trainFile != null) {
            run.put("train_file", c.trainFile.toAbsolutePath().toString());
            run.put("test_file", c.testFile.toAbsolutePath().toString());
        }
        run.put("data", c.trainFile != null && c.data.data == null ? null : c.data.dir().toAbsolutePath().toString());
        run.put("split", c.split.name().toLowerCase(Locale.ROOT));
        run.put("test_fraction", testShare);
        run.put("validation_fraction", validShare);
        run.put("skip_bad_rows", c.data.skipBadRows);
        if (c.out != null) {
            run.put("out", c.out.toAbsolutePath().toString());
        }
        run.put("checkpoint_every", every);
        run.put("checkpoint_dir", to.toAbsolutePath().toString());
        run.values().removeIf(v -> v == null);
        return run;
    }
}
