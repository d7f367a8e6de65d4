package reco.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.engine.bench.DeviceBenchmark;
import reco.engine.data.RatingTable;
import reco.engine.data.Synthetic;
import reco.kernels.ComputeDevice;
import reco.kernels.Devices;
import reco.kernels.Optimizer;

/** {@code reco bench}: epoch and k-means times per device, side by side, as Markdown tables. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare devices on generated data: one training epoch (SGD and Adam) and k-means to convergence.",
                "Prints Markdown tables (the figures in docs/PERFORMANCE.md come from here)."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--devices", paramLabel = "SPEC,...", split = ",", defaultValue = "java,opencl",
            description = "Devices to compare, in order. Default: ${DEFAULT-VALUE}.")
    List<String> devices;

    @Option(names = "--ratings", paramLabel = "N", defaultValue = "25000000", description = "Generated ratings. Default: ${DEFAULT-VALUE}.")
    long ratings;

    @Option(names = "--users", paramLabel = "N", defaultValue = "162000", description = "Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(names = "--movies", paramLabel = "N", defaultValue = "59000", description = "Default: ${DEFAULT-VALUE}.")
    int movies;

    @Option(names = "--factors", paramLabel = "K", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int factors;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "4096", description = "Ratings per mini-batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Measured epochs (after one warm-up). Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--optimizers", paramLabel = "NAME,...", split = ",", defaultValue = "sgd,adam", description = "Default: ${DEFAULT-VALUE}.")
    List<Optimizer> optimizers;

    @Option(names = "--kmeans", paramLabel = "NxDxK", defaultValue = "60000x64x100",
            description = "k-means points × dimensions × clusters (0 to skip). Default: ${DEFAULT-VALUE}.")
    String kmeans;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] km = parseKMeans(kmeans);
        if (epochs < 1 || ratings < 1) {
            throw new UsageException("--epochs and --ratings must be at least 1");
        }
        err.printf("generating %s ratings (%s users × %s movies)…%n", Text.count(ratings), Text.count(users), Text.count(movies));
        List<DeviceBenchmark.EpochTiming> epochRows = new ArrayList<>();
        List<DeviceBenchmark.KMeansTiming> kmRows = new ArrayList<>();
        try (RatingTable table = Synthetic.table(users, movies, ratings, 8, seed)) {
            for (String d : devices) {
                try (ComputeDevice dev = Devices.open(d)) {
                    err.println("device " + dev.info().spec() + ": " + dev.info().name());
                    for (Optimizer o : optimizers) {
                        DeviceBenchmark.EpochTiming t = DeviceBenchmark.epochs(dev, table, users, movies, o, factors, batch, 1, epochs);
                        err.printf("  %s epoch: %s (%.0f ns/rating)%n", o, Text.seconds(t.median()), t.nsPerRating());
                        epochRows.add(t);
                    }
                    if (km != null) {
                        DeviceBenchmark.KMeansTiming k = DeviceBenchmark.kmeans(dev, km[0], km[1], km[2], seed);
                        err.printf("  k-means: %s (%d iterations)%n", Text.seconds(k.seconds()), k.iterations());
                        kmRows.add(k);
                    }
                }
            }
        }
        print(out, epochRows, kmRows);
        return 0;
    }

    private void print(PrintWriter out, List<DeviceBenchmark.EpochTiming> epochRows, List<DeviceBenchmark.KMeansTiming> kmRows) {
        out.printf("One epoch, %s ratings (%s users × %s movies), %d factors, batch %d; median of %d epochs after 1 warm-up%n%n",
                Text.count(ratings), Text.count(users), Text.count(movies), factors, batch, epochs);
        out.println("| device | optimizer | epoch | ns per rating | vs first device | final loss |");
        out.println("|---|---|---|---|---|---|");
        for (DeviceBenchmark.EpochTiming t : epochRows) {
            DeviceBenchmark.EpochTiming base = epochRows.stream().filter(b -> b.optimizer() == t.optimizer()).findFirst().orElseThrow();
            out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.2f× | %.4f |%n", t.device(), t.optimizer().name().toLowerCase(Locale.ROOT),
                    Text.seconds(t.median()), t.nsPerRating(), base.median() / t.median(), t.finalLoss());
        }
        if (!kmRows.isEmpty()) {
            DeviceBenchmark.KMeansTiming first = kmRows.getFirst();
            out.printf("%nk-means of %s × %d points into %d clusters, one k-means++ start, to convergence%n%n",
                    Text.count(first.points()), first.dims(), first.clusters());
            out.println("| device | time | iterations | per iteration | vs first device |");
            out.println("|---|---|---|---|---|");
            for (DeviceBenchmark.KMeansTiming k : kmRows) {
                out.printf(Locale.ROOT, "| %s | %s | %d | %s | %.2f× |%n", k.device(), Text.seconds(k.seconds()), k.iterations(),
                        Text.seconds(k.seconds() / k.iterations()), first.seconds() / k.seconds());
            }
        }
        out.flush();
    }

    private static int[] parseKMeans(String s) {
        if (s.equals("0")) {
            return null;
        }
        String[] p = s.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 3) {
                int[] v = {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
                if (v[0] >= v[2] && v[1] >= 1 && v[2] >= 1) {
                    return v;
                }
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new UsageException("--kmeans wants POINTSxDIMSxCLUSTERS with at least as many points as clusters, e.g. 60000x64x100, or 0");
    }
}
