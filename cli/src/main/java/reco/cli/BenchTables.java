package reco.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import reco.engine.bench.DataShape;
import reco.engine.bench.DeviceBenchmark.EpochTiming;
import reco.engine.bench.DeviceBenchmark.KMeansTiming;
import reco.engine.bench.DeviceBenchmark.TargetTiming;
import reco.engine.bench.PeakRss;
import reco.engine.bench.PhaseResult.FileTiming;
import reco.engine.bench.ScaleBenchmark;
import reco.engine.bench.ScaleResults;
import reco.engine.train.TrainConfig;
import reco.kernels.DeviceInfo;
import reco.kernels.Optimizer;

/**
 * The scale report as Markdown, the way docs/PERFORMANCE.md shows it: the machine and settings, then a
 * table per measurement. Ratios compare each row with the first device's row of the same kind ("vs").
 */
final class BenchTables {
    /** Settings the benchmark sets itself, left out of the settings line. */
    private static final List<String> SET_PER_RUN = List.of("epochs", "patience", "refit", "optimizer", "learning_rate");

    private BenchTables() {
    }

    static String markdown(ScaleBenchmark.Plan plan, ScaleResults r) {
        StringBuilder s = new StringBuilder();
        header(s, plan, r);
        devices(s, r.devices());
        epochs(s, plan, r);
        targets(s, plan, r);
        kmeans(s, r);
        files(s, r.files());
        memory(s, r);
        return s.toString();
    }

    private static void header(StringBuilder s, ScaleBenchmark.Plan plan, ScaleResults r) {
        line(s, "## Scale report");
        line(s, "");
        line(s, String.format(Locale.ROOT, "Machine: %d cores, %s %s (%s), JDK %s; %s.", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                Runtime.version(), r.ownJvms() ? "each part in a JVM of its own" : "every part in one JVM"));
        line(s, String.format(Locale.ROOT, "Data: generated (reco.engine.data.Synthetic, planted rank %d, seed %d), "
                + "%s users × %s movies at %s ratings, scaled with the size.", DataShape.PLANTED_RANK, plan.seed(),
                Text.count(DataShape.of(DataShape.FULL_RATINGS).users()), Text.count(DataShape.of(DataShape.FULL_RATINGS).items()),
                DataShape.label(DataShape.FULL_RATINGS)));
        Map<String, Object> settings = plan.configs().getFirst().asMap();
        SET_PER_RUN.forEach(settings::remove);
        String rates = plan.configs().stream().map(c -> name(c) + " " + c.learningRate()).collect(Collectors.joining(", "));
        line(s, "Training: " + settings.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + "; learning rate " + rates + ".");
    }

    private static void devices(StringBuilder s, List<DeviceInfo> devices) {
        title(s, "Devices", null);
        table(s, "device", "name", "type", "compute units", "memory");
        for (DeviceInfo d : devices) {
            row(s, d.spec(), d.name(), d.type(), String.valueOf(d.computeUnits()), Text.bytes(d.globalMemoryBytes()));
        }
    }

    private static void epochs(StringBuilder s, ScaleBenchmark.Plan plan, ScaleResults r) {
        if (r.epochs().isEmpty()) {
            return;
        }
        String first = r.devices().getFirst().spec();
        title(s, "Epoch time", String.format(Locale.ROOT, "One epoch as the trainer times it (host shuffle, order upload, "
                + "the train op over every rating, loss read-back): the median of %d, after warm-up epochs of %s ratings "
                + "in all (at least one).", plan.timedEpochs(), DataShape.label(ScaleBenchmark.WARM_UP_RATINGS)));
        table(s, "ratings", "users × movies", "optimizer", "device", "epoch", "ns per rating", "vs " + first, "final loss");
        List<EpochTiming> rows = new ArrayList<>(r.epochs());
        rows.sort(Comparator.comparingLong(EpochTiming::ratings).thenComparing(t -> t.optimizer().ordinal()));
        for (EpochTiming t : rows) {
            Optional<EpochTiming> base = rows.stream().filter(b -> b.device().equals(first) && b.ratings() == t.ratings()
                    && b.optimizer() == t.optimizer()).findFirst();
            row(s, DataShape.label(t.ratings()), Text.count(t.users()) + " × " + Text.count(t.items()), name(t.optimizer()),
                    t.device(), Text.seconds(t.median()), fixed(t.nsPerRating(), 0),
                    base.map(b -> ratio(b.median(), t.median())).orElse("–"), fixed(t.finalLoss(), 4));
        }
    }

    private static void targets(StringBuilder s, ScaleBenchmark.Plan plan, ScaleResults r) {
        if (r.targets().isEmpty()) {
            return;
        }
        TargetTiming any = r.targets().getFirst();
        String first = r.devices().getFirst().spec();
        title(s, String.format(Locale.ROOT, "Time to validation RMSE ≤ %s", any.target()), String.format(Locale.ROOT,
                "%s ratings, %s held out at random for validation; at most %d epochs, no early stopping. Training is the "
                        + "epochs' own time; wall adds the set-up (uploads, initialisation).",
                DataShape.label(any.ratings()), Text.percent(plan.target().validationFraction(), 0), any.maxEpochs()));
        table(s, "optimizer", "device", "epochs", "training", "wall", "best validation RMSE", "vs " + first);
        List<TargetTiming> rows = new ArrayList<>(r.targets());
        rows.sort(Comparator.comparing(t -> t.optimizer().ordinal()));
        for (TargetTiming t : rows) {
            Optional<TargetTiming> base = rows.stream().filter(b -> b.device().equals(first) && b.optimizer() == t.optimizer()
                    && b.reached() && t.reached()).findFirst();
            row(s, name(t.optimizer()), t.device(), t.reached() ? String.valueOf(t.epochs()) : "not reached in " + t.epochs(),
                    Text.seconds(t.trainingSeconds()), Text.seconds(t.wallSeconds()), fixed(t.bestRmse(), 4),
                    base.map(b -> ratio(b.trainingSeconds(), t.trainingSeconds())).orElse("–"));
        }
    }

    private static void kmeans(StringBuilder s, ScaleResults r) {
        if (r.kmeans().isEmpty()) {
            return;
        }
        KMeansTiming first = r.kmeans().getFirst();
        title(s, "k-means", String.format(Locale.ROOT, "%s points of %d dimensions (Gaussian blobs) into %d clusters, one "
                + "k-means++ start, to convergence.", Text.count(first.points()), first.dims(), first.clusters()));
        table(s, "device", "time", "iterations", "per iteration", "vs " + first.device());
        for (KMeansTiming k : r.kmeans()) {
            row(s, k.device(), Text.seconds(k.seconds()), String.valueOf(k.iterations()),
                    Text.seconds(k.seconds() / Math.max(1, k.iterations())), ratio(first.seconds(), k.seconds()));
        }
    }

    private static void files(StringBuilder s, List<FileTiming> files) {
        if (files.isEmpty()) {
            return;
        }
        title(s, "ratings.csv", "Written as reco generate writes it, then loaded as every command loads it (parse, "
                + "id maps, rating table); the file is in the page cache.");
        table(s, "step", "ratings", "users × movies", "file", "time");
        for (FileTiming f : files) {
            row(s, f.step(), Text.count(f.ratings()), Text.count(f.users()) + " × " + Text.count(f.items()),
                    Text.bytes(f.bytes()), Text.seconds(f.seconds()));
        }
    }

    private static void memory(StringBuilder s, ScaleResults r) {
        title(s, "Peak memory (RSS)", r.ownJvms()
                ? "Each part in a JVM of its own: its peak RSS (VmHWM) is its own; the wall time includes the JVM's start."
                : "Every part in this JVM: the peak RSS (VmHWM) of the process up to the end of each part.");
        table(s, "part", "wall", "peak RSS");
        for (ScaleResults.PhaseMemory m : r.memory()) {
            row(s, m.phase(), Text.seconds(m.wallSeconds()), rss(m.peakRss()));
        }
        row(s, "reco bench itself", "", rss(r.processPeakRss()));
    }

    private static String rss(long bytes) {
        return bytes == PeakRss.UNKNOWN ? "n/a" : Text.bytes(bytes);
    }

    /** How many times faster {@code row} is than {@code base}. */
    static String ratio(double base, double row) {
        return String.format(Locale.ROOT, "%.2f×", base / row);
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? Text.fixed(v, decimals) : "–";
    }

    private static String name(TrainConfig c) {
        return name(c.optimizer());
    }

    private static String name(Optimizer o) {
        return o.name().toLowerCase(Locale.ROOT);
    }

    private static void title(StringBuilder s, String title, String caption) {
        line(s, "");
        line(s, "### " + title);
        line(s, "");
        if (caption != null) {
            line(s, caption);
            line(s, "");
        }
    }

    private static void table(StringBuilder s, String... columns) {
        line(s, "| " + String.join(" | ", columns) + " |");
        line(s, "|" + "---|".repeat(columns.length));
    }

    private static void row(StringBuilder s, String... cells) {
        List<String> escaped = new ArrayList<>();
        for (String c : cells) {
            escaped.add(c.replace("|", "\\|"));
        }
        line(s, "| " + String.join(" | ", escaped) + " |");
    }

    private static void line(StringBuilder s, String text) {
        s.append(text).append('\n');
    }
}
