package reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import reco.engine.bench.DataShape;
import reco.engine.bench.DeviceBenchmark.EpochTiming;
import reco.engine.bench.DeviceBenchmark.KMeansTiming;
import reco.engine.bench.DeviceBenchmark.TargetTiming;
import reco.engine.bench.PeakRss;
import reco.engine.bench.PhaseResult.FileTiming;
import reco.engine.bench.ScaleBenchmark;
import reco.engine.bench.ScaleResults;
import reco.engine.bench.ScaleResults.PhaseMemory;
import reco.engine.bench.TrainingPhase;
import reco.engine.train.TrainConfig;
import reco.kernels.DeviceInfo;
import reco.kernels.Optimizer;

/** The scale report's Markdown from hand-made results: rows, ratios against the first device, blanks. */
class BenchTablesTest {
    static final DeviceInfo JAVA = new DeviceInfo("java:2", "java", "Java reference device", "CPU", 2, 8L << 30, Map.of());
    static final DeviceInfo GPU = new DeviceInfo("cuda:0", "cuda", "A | GPU", "GPU", 132, 80L << 30, Map.of());

    static ScaleBenchmark.Plan plan() {
        TrainConfig adam = TrainConfig.defaults();
        TrainConfig sgd = adam.toBuilder().optimizer(Optimizer.SGD).learningRate(0.01f).build();
        return new ScaleBenchmark.Plan(List.of("java:2", "cuda:0"), List.of(DataShape.of(1_000_000)), List.of(sgd, adam), 3,
                new TrainingPhase.Target(0.55, 20, 0.1), new ScaleBenchmark.KMeansSize(60_000, 64, 100), DataShape.of(1_000_000), true);
    }

    static ScaleResults results() {
        List<EpochTiming> epochs = List.of(
                new EpochTiming("java:2", Optimizer.ADAM, 64, 1024, 1_000_000, 6480, 2360, new double[] {2.2, 2.0, 1.8}, 0.25),
                new EpochTiming("cuda:0", Optimizer.ADAM, 64, 1024, 1_000_000, 6480, 2360, new double[] {0.5, 0.4, 0.6}, 0.25),
                new EpochTiming("java:2", Optimizer.SGD, 64, 1024, 1_000_000, 6480, 2360, new double[] {1.0}, 0.65));
        List<TargetTiming> targets = List.of(
                new TargetTiming("java:2", Optimizer.ADAM, 1_000_000, 0.55, 20, 2, true, 4.0, 4.5, 0.49),
                new TargetTiming("cuda:0", Optimizer.ADAM, 1_000_000, 0.55, 20, 2, true, 0.5, 1.5, 0.49),
                new TargetTiming("cuda:0", Optimizer.SGD, 1_000_000, 0.55, 20, 20, false, 2.0, 3.0, 0.79));
        List<KMeansTiming> kmeans = List.of(new KMeansTiming("java:2", 60_000, 64, 100, 1.0, 5, 1e6),
                new KMeansTiming("cuda:0", 60_000, 64, 100, 0.25, 5, 1e6));
        List<FileTiming> files = List.of(new FileTiming("generate", 1_000_000, 6_480, 2_360, 27L << 20, 0.9),
                new FileTiming("load", 1_000_000, 6_480, 2_360, 27L << 20, 0.4));
        List<PhaseMemory> memory = List.of(new PhaseMemory("train 1M ratings on java:2", 12.5, 512L << 20),
                new PhaseMemory("load ratings.csv of 1M ratings", 1.5, PeakRss.UNKNOWN));
        return new ScaleResults(List.of(JAVA, GPU), epochs, targets, kmeans, files, memory, 100L << 20, true);
    }

    @Test
    void epochRowsComeBySizeThenOptimizerWithTheMedianAndTheRatioToTheFirstDevice() {
        String md = BenchTables.markdown(plan(), results());
        List<String> rows = section(md, "### Epoch time");
        assertEquals("| ratings | users × movies | optimizer | device | epoch | ns per rating | vs java:2 | final loss |", rows.get(0));
        assertEquals(List.of(
                "| 1M | 6,480 × 2,360 | sgd | java:2 | 1.00 s | 1000 | 1.00× | 0.6500 |",
                "| 1M | 6,480 × 2,360 | adam | java:2 | 2.00 s | 2000 | 1.00× | 0.2500 |",
                "| 1M | 6,480 × 2,360 | adam | cuda:0 | 500.0 ms | 500 | 4.00× | 0.2500 |"), rows.subList(2, rows.size()));
        assertTrue(md.contains("the median of 3, after warm-up epochs of 2M ratings in all (at least one)."), md);
    }

    @Test
    void targetRowsSayWhenTheTargetWasNotReachedAndThenGiveNoRatio() {
        List<String> rows = section(BenchTables.markdown(plan(), results()), "### Time to validation RMSE ≤ 0.55");
        assertEquals(List.of(
                "| sgd | cuda:0 | not reached in 20 | 2.00 s | 3.00 s | 0.7900 | – |",
                "| adam | java:2 | 2 | 4.00 s | 4.50 s | 0.4900 | 1.00× |",
                "| adam | cuda:0 | 2 | 500.0 ms | 1.50 s | 0.4900 | 8.00× |"), rows.subList(2, rows.size()));
    }

    @Test
    void devicesKMeansFilesAndMemoryTables() {
        String md = BenchTables.markdown(plan(), results());
        assertEquals("| cuda:0 | A \\| GPU | GPU | 132 | 80.0 GiB |", section(md, "### Devices").get(3), "a | in a cell is escaped");
        assertEquals("| cuda:0 | 250.0 ms | 5 | 50.0 ms | 4.00× |", section(md, "### k-means").get(3));
        assertEquals("| load | 1,000,000 | 6,480 × 2,360 | 27.0 MiB | 400.0 ms |", section(md, "### ratings.csv").get(3));
        List<String> memory = section(md, "### Peak memory (RSS)");
        assertEquals(List.of("| train 1M ratings on java:2 | 12.50 s | 512.0 MiB |", "| load ratings.csv of 1M ratings | 1.50 s | n/a |",
                "| reco bench itself |  | 100.0 MiB |"), memory.subList(2, memory.size()));
        assertTrue(md.contains("learning rate sgd 0.01, adam 0.003."), md);
    }

    @Test
    void everyRowOfATableHasItsHeadersNumberOfCells() {
        String md = BenchTables.markdown(plan(), results());
        int columns = -1;
        for (String line : md.split("\n")) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            int cells = line.replace("\\|", "").split("\\|", -1).length - 2;
            if (columns < 0) {
                columns = cells;
            }
            assertEquals(columns, cells, line);
        }
    }

    @Test
    void partsNotMeasuredHaveNoTable() {
        ScaleResults r = results();
        ScaleResults bare = new ScaleResults(r.devices(), r.epochs(), List.of(), List.of(), List.of(), r.memory(), r.processPeakRss(), false);
        String md = BenchTables.markdown(plan(), bare);
        for (String absent : List.of("### Time to", "### k-means", "### ratings.csv")) {
            assertTrue(!md.contains(absent), absent + " in\n" + md);
        }
        assertTrue(md.contains("every part in one JVM"), md);
    }

    /** The table lines (header, rule, rows) after {@code heading}. */
    static List<String> section(String md, String heading) {
        List<String> lines = md.lines().toList();
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, heading + " in\n" + md);
        return lines.subList(at + 1, lines.size()).stream().dropWhile(l -> !l.startsWith("|"))
                .takeWhile(l -> l.startsWith("|")).toList();
    }
}
