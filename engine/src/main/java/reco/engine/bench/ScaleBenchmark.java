package reco.engine.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import reco.engine.bench.DeviceBenchmark.EpochTiming;
import reco.engine.bench.DeviceBenchmark.KMeansTiming;
import reco.engine.bench.DeviceBenchmark.TargetTiming;
import reco.engine.bench.PhaseResult.FileTiming;
import reco.engine.bench.ScaleResults.PhaseMemory;
import reco.engine.train.TrainConfig;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceInfo;
import reco.kernels.Devices;

/**
 * The scale report's measurements ({@code reco bench}): epoch times per device, data size and
 * optimizer; time to a target validation RMSE; k-means; writing and loading a ratings.csv; the peak RSS
 * of each. Devices are measured one after the other in one run, so ratios between them hold even on a
 * shared machine. Each phase runs in a JVM of its own ({@link PhaseProcess}) unless the plan says not to.
 */
public final class ScaleBenchmark {
    /**
     * Untimed epochs before the timed ones cover at least this many ratings, and are at least one: the
     * JIT compiles the Java device's loops only after enough of them (one epoch of 10k ratings leaves
     * them interpreted), PoCL and NVRTC compile kernels at their first launch.
     */
    public static final long WARM_UP_RATINGS = 2_000_000;
    /** At most this many warm-up epochs, which tiny data sets (tests) would otherwise run by the thousand. */
    public static final int MAX_WARM_UP_EPOCHS = 100;

    /**
     * What to measure.
     *
     * @param devices     device specs, in order; ratios are against the first
     * @param sizes       data sizes for the epoch times
     * @param configs     one training configuration per optimizer, each timed at every size on every device
     * @param timedEpochs epochs timed per configuration, after {@link #warmUpEpochs} more
     * @param target      the time-to-target run, at the largest size; null for none
     * @param kmeans      the k-means run; null for none
     * @param load        the ratings.csv to write and load; null for none
     * @param ownJvms     each phase in a JVM of its own (per-phase peak RSS) rather than in this one
     */
    public record Plan(List<String> devices, List<DataShape> sizes, List<TrainConfig> configs, int timedEpochs,
                       TrainingPhase.Target target, KMeansSize kmeans, DataShape load, boolean ownJvms) {
        public Plan {
            devices = List.copyOf(devices);
            sizes = sizes.stream().distinct().sorted(Comparator.comparingLong(DataShape::ratings)).toList();
            configs = List.copyOf(configs);
            if (devices.isEmpty() || configs.isEmpty() || timedEpochs < 1) {
                throw new IllegalArgumentException("a plan needs a device, a configuration and a timed epoch");
            }
        }

        /** The seed of the generated data: the first configuration's. */
        public long seed() {
            return configs.getFirst().seed();
        }
    }

    /** k-means points × dimensions × clusters. */
    public record KMeansSize(int points, int dims, int clusters) {
        public KMeansSize {
            if (points < clusters || dims < 1 || clusters < 1) {
                throw new IllegalArgumentException("k-means of " + points + " points of " + dims + " dimensions into "
                        + clusters + " clusters: give at least as many points as clusters");
            }
        }
    }

    private final Plan plan;
    private final Consumer<String> progress;
    private final List<PhaseResult> results = new ArrayList<>();
    private final List<PhaseMemory> memory = new ArrayList<>();

    private ScaleBenchmark(Plan plan, Consumer<String> progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /** Measures everything {@code plan} asks for; progress lines go to {@code progress}. */
    public static ScaleResults run(Plan plan, Consumer<String> progress) {
        return new ScaleBenchmark(plan, progress).run();
    }

    private ScaleResults run() {
        List<DeviceInfo> devices = plan.devices().stream().map(ScaleBenchmark::describe).toList();
        for (DeviceInfo d : devices) {
            progress.accept("device " + d.spec() + ": " + d.name());
        }
        DataShape largest = plan.sizes().isEmpty() ? null : plan.sizes().getLast();
        for (DataShape size : plan.sizes()) {
            for (DeviceInfo d : devices) {
                measure(new TrainingPhase(d.spec(), size, plan.configs(), warmUpEpochs(size.ratings()), plan.timedEpochs(),
                        size.equals(largest) ? plan.target() : null));
            }
        }
        if (plan.kmeans() != null) {
            for (DeviceInfo d : devices) {
                KMeansSize k = plan.kmeans();
                measure(new KMeansPhase(d.spec(), k.points(), k.dims(), k.clusters(), plan.seed()));
            }
        }
        if (plan.load() != null) {
            writeAndLoad(plan.load());
        }
        return new ScaleResults(devices, all(PhaseResult::epochs), all(PhaseResult::targets), all(PhaseResult::kmeans),
                all(PhaseResult::files), List.copyOf(memory), PeakRss.ofThisProcess(), plan.ownJvms());
    }

    /** Untimed epochs before the timed ones at a data size of {@code ratings}. */
    public static int warmUpEpochs(long ratings) {
        return (int) Math.clamp((WARM_UP_RATINGS + ratings - 1) / ratings, 1, MAX_WARM_UP_EPOCHS);
    }

    /** Opens the device once here, so that a wrong spec fails before anything is measured. */
    private static DeviceInfo describe(String spec) {
        try (ComputeDevice d = Devices.open(spec)) {
            return d.info();
        }
    }

    private void measure(BenchPhase phase) {
        progress.accept(phase.describe() + "…");
        long start = System.nanoTime();
        PhaseResult r = plan.ownJvms() ? PhaseProcess.run(phase, progress) : PhaseProcess.runHere(phase, progress);
        memory.add(new PhaseMemory(phase.describe(), (System.nanoTime() - start) / 1e9, r.peakRssBytes()));
        results.add(r);
    }

    /** Generates the ratings.csv in a scratch folder, loads it, and deletes the folder on every path. */
    private void writeAndLoad(DataShape shape) {
        Path dir;
        try {
            dir = Files.createTempDirectory("reco-bench-load");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the load benchmark", e);
        }
        try {
            measure(new GeneratePhase(dir.toString(), shape, plan.seed()));
            measure(new LoadPhase(dir.toString(), shape.ratings()));
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the scratch folder " + dir, e);
        }
    }

    private <T> List<T> all(Function<PhaseResult, List<T>> part) {
        return results.stream().flatMap(r -> part.apply(r).stream()).toList();
    }
}
