package reco.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.cli.plot.Png;
import reco.cli.plot.ScalingChart;
import reco.engine.bench.DataShape;
import reco.engine.bench.ScaleBenchmark;
import reco.engine.bench.ScaleResults;
import reco.engine.bench.TrainingPhase;
import reco.engine.train.TrainConfig;
import reco.kernels.Optimizer;

/** {@code reco bench}: the scale report, as Markdown tables (and a chart). */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure devices side by side on generated MovieLens-shaped data: epoch time per data size and "
                + "optimizer (SGD and Adam), time to a target validation RMSE, k-means, writing and loading a ratings.csv, "
                + "and the peak memory (RSS) of each part, which runs in a JVM of its own.",
                "Prints Markdown tables (docs/PERFORMANCE.md's come from here); ratios are against the first device, "
                        + "measured in the same run. The defaults are small sizes; the full report:",
                "  reco bench --devices java,opencl --sizes 1M,5M,25M --load 25M --plot scale.png"})
final class BenchCommand implements Callable<Integer> {
    /**
     * TrainConfig's default rate is Adam's: SGD moves too little at it for a few timed epochs or a
     * time-to-target run to say anything. Used for SGD unless --lr is given.
     */
    static final float SGD_LEARNING_RATE = 0.01f;
    /** The most epochs of the time-to-target run unless --epochs says otherwise. */
    static final int TARGET_EPOCHS = 20;
    /** Share of the ratings held out for the time-to-target run's validation RMSE. */
    static final double VALIDATION_FRACTION = 0.1;

    @Spec
    CommandSpec spec;

    @Option(names = "--devices", paramLabel = "SPEC,...", hideParamSyntax = true, split = ",", defaultValue = "java,opencl",
            description = "Devices to compare, in order; ratios are against the first. Default: ${DEFAULT-VALUE}.")
    List<String> devices;

    @Option(names = "--sizes", paramLabel = "N,...", hideParamSyntax = true, split = ",", defaultValue = "250k,1M", converter = Sizes.class,
            description = "Data sizes in ratings (250k, 1M, 25M …); users and movies grow with them, "
                    + "162,000 × 59,000 at 25M as ml-25m; or give them: 100M@480000x18000. Default: ${DEFAULT-VALUE}.")
    List<DataShape> sizes;

    @Option(names = "--timed-epochs", paramLabel = "N", defaultValue = "2",
            description = "Epochs timed per size and optimizer, after one warm-up epoch; the table gives the median. Default: ${DEFAULT-VALUE}.")
    int timedEpochs;

    @Option(names = "--target-rmse", paramLabel = "RMSE", defaultValue = "0.55",
            description = "Time training to this validation RMSE (10 %% of the ratings held out) at the largest size; 0 skips. Default: ${DEFAULT-VALUE}.")
    double targetRmse;

    @Option(names = "--kmeans", paramLabel = "NxDxK", defaultValue = "60000x64x100",
            description = "k-means points × dimensions × clusters, to convergence from one k-means++ start; 0 skips. Default: ${DEFAULT-VALUE}.")
    String kmeans;

    @Option(names = "--load", paramLabel = "N", defaultValue = "1M", converter = LoadSize.class,
            description = "Write a ratings.csv of N ratings (as reco generate) to a scratch folder and time loading it; 0 skips. Default: ${DEFAULT-VALUE}.")
    DataShape load;

    @Option(names = "--plot", paramLabel = "FILE", description = "Also draw epoch time against data size, a line per device and optimizer, into this PNG file.")
    Path plot;

    @Option(names = "--in-process", description = "Measure every part in this JVM (quicker; each part's peak RSS is then the whole process's so far).")
    boolean inProcess;

    @ArgGroup(exclusive = false, validate = false, heading = "%nTraining, as for reco train (--optimizer: only that one, "
            + "else SGD and Adam; --lr: default the preset's for Adam, " + SGD_LEARNING_RATE + " for SGD; --epochs: the most "
            + "of the time-to-target run, default " + TARGET_EPOCHS + "; no early stopping, no refit):%n")
    TrainOptions training;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScaleBenchmark.Plan plan = plan();
        checkPlot();
        ScaleResults results = ScaleBenchmark.run(plan, line -> {
            err.println(line);
            err.flush();
        });
        out.print(BenchTables.markdown(plan, results));
        out.flush();
        return plot == null ? 0 : draw(results, err);
    }

    /** Before anything is measured: a chart that cannot be written would be found out only at the end. */
    private void checkPlot() {
        if (plot == null) {
            return;
        }
        if (!Files.isDirectory(plot.toAbsolutePath().getParent())) {
            throw new UsageException("--plot " + plot + ": the folder " + plot.toAbsolutePath().getParent()
                    + " does not exist; create it or give another path");
        }
        if (ModuleLayer.boot().findModule("java.desktop").isEmpty()) {
            throw new UsageException("--plot needs the java.desktop module, which this Java runtime leaves out "
                    + "(the GPU check's bundle does): draw with a full JDK, or leave --plot out");
        }
    }

    /** Exit code 1 when the chart cannot be drawn; the tables are printed already. */
    private int draw(ScaleResults results, PrintWriter err) {
        try {
            Png.write(plot, ScalingChart.of(results));
        } catch (IOException | RuntimeException | Error e) { // Error too: AWT reports a machine without fonts as one
            err.println("reco: could not draw " + plot + " (the tables above are complete): " + e);
            return Failures.DATA;
        }
        err.println("Epoch times drawn to " + plot);
        return 0;
    }

    ScaleBenchmark.Plan plan() {
        if (timedEpochs < 1) {
            throw new UsageException("--timed-epochs must be at least 1, was " + timedEpochs);
        }
        if (!(targetRmse >= 0) || !Double.isFinite(targetRmse)) {
            throw new UsageException("--target-rmse must be a positive RMSE, or 0 to skip the time-to-target run; was " + targetRmse);
        }
        TrainOptions t = training != null ? training : new TrainOptions();
        int targetEpochs = t.epochs != null ? t.epochs : TARGET_EPOCHS;
        TrainingPhase.Target target = targetRmse == 0 ? null : new TrainingPhase.Target(targetRmse, targetEpochs, VALIDATION_FRACTION);
        return new ScaleBenchmark.Plan(devices, sizes, configs(t), timedEpochs, target, kmeansSize(kmeans), load, !inProcess);
    }

    /** One configuration per optimizer: the training flags over the preset, the optimizer's learning rate. */
    static List<TrainConfig> configs(TrainOptions t) {
        TrainConfig base = t.config();
        List<Optimizer> optimizers = t.optimizer != null ? List.of(t.optimizer) : List.of(Optimizer.SGD, Optimizer.ADAM);
        return optimizers.stream().map(o -> base.toBuilder().optimizer(o)
                .learningRate(t.lr != null ? t.lr : o == Optimizer.SGD ? SGD_LEARNING_RATE : base.learningRate()).build()).toList();
    }

    static ScaleBenchmark.KMeansSize kmeansSize(String s) {
        if (s.equals("0")) {
            return null;
        }
        String[] p = s.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 3) {
                return new ScaleBenchmark.KMeansSize(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            }
        } catch (IllegalArgumentException e) {
            // the message below says what is expected
        }
        throw new UsageException("--kmeans wants POINTSxDIMSxCLUSTERS with at least as many points as clusters, e.g. 60000x64x100, or 0");
    }

    /** {@code 250k}, {@code 25M}, … as a MovieLens-shaped data size; picocli reports a bad one as a usage error. */
    static final class Sizes implements CommandLine.ITypeConverter<DataShape> {
        @Override
        public DataShape convert(String value) {
            try {
                return DataShape.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** As {@link Sizes}, and {@code 0} for none. */
    static final class LoadSize implements CommandLine.ITypeConverter<DataShape> {
        @Override
        public DataShape convert(String value) {
            return value.strip().equals("0") ? null : new Sizes().convert(value);
        }
    }
}
