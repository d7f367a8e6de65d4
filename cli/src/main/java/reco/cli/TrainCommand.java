package reco.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.engine.cluster.ItemClustering;
import reco.engine.cluster.KMeansConfig;
import reco.engine.data.Dataset;
import reco.engine.data.DatasetStats;
import reco.engine.data.MovieLens;
import reco.engine.data.SplitDataset;
import reco.engine.eval.Evaluation;
import reco.engine.eval.Evaluator;
import reco.engine.model.DataFingerprint;
import reco.engine.model.EpochStats;
import reco.engine.model.Manifest;
import reco.engine.model.MfModel;
import reco.engine.model.ModelFiles;
import reco.engine.train.EpochReport;
import reco.engine.train.TrainConfig;
import reco.engine.train.TrainResult;
import reco.engine.train.Trainer;
import reco.engine.train.TrainingData;
import reco.kernels.ComputeDevice;
import reco.kernels.Devices;

/** {@code reco train}: the whole job — load, split, train, evaluate, cluster, recommend, save. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a matrix-factorisation model, evaluate it on a held-out test split, cluster the movies "
                + "and save the model.", "With no options: the embedded ml-latest-small, a random 80/20 split (seed 42)."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainOptions training;

    @Mixin
    DeviceOption device;

    @Mixin
    CheckpointOptions checkpoints;

    @Option(names = "--train", paramLabel = "FILE", description = "Use this ratings file for training (any MovieLens layout; with --test).")
    Path trainFile;

    @Option(names = "--test", paramLabel = "FILE", description = "Use this ratings file for testing (with --train); --data still gives the movies.")
    Path testFile;

    @Option(names = "--split", paramLabel = "KIND", defaultValue = "random",
            description = "random (seeded) or temporal (each user's latest ratings). Default: ${DEFAULT-VALUE}.")
    TrainingData.SplitKind split;

    @Option(names = "--test-fraction", paramLabel = "F", description = "Share of ratings held out for testing. Default: 0.2 (0 with --preset notebook).")
    Double testFraction;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = "Share of the training ratings used for early stopping. Default: 0.1 (0 with --preset notebook).")
    Double validationFraction;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "10", description = "Cut-off of the ranking metrics. Default: ${DEFAULT-VALUE}.")
    int topK;

    @Mixin
    ClusterOptions clusters;

    @Option(names = "--sample-user", paramLabel = "ID", defaultValue = "42",
            description = "User whose recommendations are shown at the end. Default: ${DEFAULT-VALUE}.")
    long sampleUser;

    @Option(names = "--out", paramLabel = "DIR", description = "Model folder to write. Default: models/<data>-<time> (models/latest points to it).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object with the results on standard output (the rest goes to standard error).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter text = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        checkpoints.restoreInto(this);
        if ((trainFile == null) != (testFile == null)) {
            throw new UsageException("--train and --test go together: give both files, or neither to split --data");
        }
        TrainConfig config = checkpoints.config(training);
        double testShare = fraction("--test-fraction", testFraction, training.notebook() ? 0 : 0.2);
        double validShare = fraction("--validation-fraction", validationFraction, training.notebook() ? 0 : 0.1);
        Devices.Choice choice = device.choice();
        // The device opens first: a wrong --device fails before a long load, and the device prepares
        // (compiles its kernels, warms up the Java device's vector code) while the data loads.
        try (ComputeDevice dev = openPrepared(choice); Loaded loaded = load(testShare, validShare, config.seed())) {
            Dataset d = loaded.dataset;
            DataSummary.loaded(text, d);
            DatasetStats stats = DatasetStats.of(d, 10);
            DataSummary.notebookView(text, d, stats, 5);
            TrainingData td = loaded.split;
            text.println();
            text.println(splitLine(td, testShare, validShare, config.seed()));
            text.printf("Device: %s, %s; %s%n", dev.info().spec(), dev.info().name(), choice.reason());
            text.println("Training: " + describe(config));
            EpochPrinter printer = new EpochPrinter(text, System.console() != null && !json);
            TrainResult result = checkpoints.train(new Trainer(dev, config, printer), config, this, d, td, testShare,
                    validShare, dev, text);
            try (MfModel model = result.model()) {
                printer.finished(result);
                Evaluation eval = td.test().size() == 0 ? null
                        : new Evaluator(dev).evaluate(model, td.train(), td.test(), topK, 4.0f);
                Results.evaluation(text, eval, testShare);
                ItemClustering clustering = ItemClustering.of(dev, model, td.train(), clusters.minRatings, clusters.config(config.seed()));
                Results.clusters(text, clustering, d, clusters.top);
                Results.sampleRecommendations(text, dev, model, d, td.train(), sampleUser, 10);
                Path dir = ModelDirs.save(out, d.folder(), model, manifest(config, result, eval, d, td, testShare, validShare));
                CurvesFile.write(dir, result.history(), spec.commandLine().getErr());
                text.println();
                text.println("Model saved to " + dir);
                if (json) {
                    Results.json(spec.commandLine().getOut(), result, eval, d, dev, dir);
                }
            }
        }
        return 0;
    }

    private ComputeDevice openPrepared(Devices.Choice choice) {
        ComputeDevice dev = device.open(choice);
        dev.prepareTraining();
        return dev;
    }

    /** The data set and its split; closes both. */
    private record Loaded(Dataset dataset, TrainingData split) implements AutoCloseable {
        @Override
        public void close() {
            split.close();
            dataset.close();
        }
    }

    private Loaded load(double testShare, double validShare, long seed) {
        if (trainFile != null) {
            SplitDataset s = MovieLens.loadSplitFiles(trainFile, testFile, data.data, data.loadOptions());
            Dataset train = s.train();
            // The given test table is taken over by TrainingData; the train table is copied into it.
            return new Loaded(train, TrainingData.given(train.ratings().copy(), s.test(), validShare, seed));
        }
        Dataset d = MovieLens.load(data.dir(), data.loadOptions());
        return new Loaded(d, TrainingData.split(d.ratings(), split, testShare, validShare, seed));
    }

    private static double fraction(String flag, Double given, double fallback) {
        double f = given == null ? fallback : given;
        if (!(f >= 0 && f < 1)) {
            throw new UsageException(flag + " must be at least 0 and below 1, was " + f);
        }
        return f;
    }

    private String splitLine(TrainingData td, double testShare, double validShare, long seed) {
        String how = trainFile != null ? "given files " + trainFile + " / " + testFile
                : testShare == 0 ? "no test split: all ratings train"
                : split == TrainingData.SplitKind.TEMPORAL ? "temporal (each user's latest " + Text.percent(testShare, 0) + " test)"
                : "random " + Text.percent(1 - testShare, 0) + " / " + Text.percent(testShare, 0) + " (seed " + seed + ")";
        String valid = td.validation() == null ? "" : " (" + Text.count(td.fit().size()) + " fit + "
                + Text.count(td.validation().size()) + " validation, " + Text.percent(validShare, 0) + ")";
        return "Split: " + how + ": " + Text.count(td.train().size()) + " train" + valid + ", "
                + Text.count(td.test().size()) + " test";
    }

    static String describe(TrainConfig c) {
        String schedule = c.blocks() > 0 ? String.format("one rating per update in %d × %d blocks", c.blocks(), c.blocks())
                : "batch " + c.batchSize();
        return String.format("%s MF, %d factors, %s lr %s, L2 %s (biases %s), %s, up to %d epochs, patience %d%s, seed %d",
                c.biased() ? "biased" : "plain dot-product", c.factors(), c.optimizer().name().toLowerCase(),
                c.learningRate(), c.l2(), c.biasL2(), schedule, c.epochs(), c.patience(),
                c.refit() ? ", refit" : "", c.seed());
    }

    private Manifest manifest(TrainConfig config, TrainResult result, Evaluation eval, Dataset d, TrainingData td,
                              double testShare, double validShare) {
        List<EpochStats> history = new ArrayList<>();
        for (EpochReport e : result.history()) {
            history.add(new EpochStats(e.epoch(), e.trainLoss(), Double.isNaN(e.validationRmse()) ? null : e.validationRmse(), e.seconds()));
        }
        Map<String, Object> dataInfo = new LinkedHashMap<>();
        dataInfo.put("folder", d.folder().toAbsolutePath().toString());
        dataInfo.put("layout", d.layout().name());
        if (trainFile != null) {
            dataInfo.put("train_file", trainFile.toAbsolutePath().toString());
            dataInfo.put("test_file", testFile.toAbsolutePath().toString());
        } else {
            dataInfo.put("split", split.name().toLowerCase());
            dataInfo.put("test_fraction", testShare);
            dataInfo.put("split_seed", config.seed());
        }
        dataInfo.put("validation_fraction", validShare);
        Map<String, Object> hyper = new LinkedHashMap<>(config.asMap());
        return Manifest.forTraining(config.seed(), DataFingerprint.of(List.of(d.report().ratingsFile()), td.train()),
                hyper, Results.metrics(result, eval), history).withData(dataInfo);
    }
}
