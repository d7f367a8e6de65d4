package reco.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import reco.engine.bench.DeviceBenchmark.EpochTiming;
import reco.engine.bench.DeviceBenchmark.TargetTiming;
import reco.engine.data.RatingTable;
import reco.engine.data.Split;
import reco.engine.data.SplitTables;
import reco.engine.train.TrainConfig;
import reco.kernels.ComputeDevice;
import reco.kernels.Devices;
import reco.kernels.Optimizer;

/** A whole scale run on the Java device at tiny sizes, in this JVM: every table's rows are there. */
class ScaleBenchmarkTest {
    static final long SEED = 11;
    static final TrainConfig SMALL = TrainConfig.defaults().toBuilder().factors(4).seed(SEED).build();

    @Test
    void aRunMeasuresEveryPartItIsAskedFor() {
        List<TrainConfig> configs = List.of(SMALL.toBuilder().optimizer(Optimizer.SGD).learningRate(0.01f).build(), SMALL);
        DataShape small = DataShape.of(2_000);
        DataShape large = DataShape.of(5_000);
        ScaleBenchmark.Plan plan = new ScaleBenchmark.Plan(List.of("java:1"), List.of(large, small), configs, 2,
                new TrainingPhase.Target(2.0, 3, 0.1), new ScaleBenchmark.KMeansSize(300, 4, 3), small, false);
        ScaleResults r = ScaleBenchmark.run(plan, line -> { });

        assertEquals(List.of("java:1"), r.devices().stream().map(d -> d.spec()).toList());
        assertEquals(List.of(2_000L, 2_000L, 5_000L, 5_000L), r.epochs().stream().map(EpochTiming::ratings).toList(), "smaller first");
        assertEquals(List.of(Optimizer.SGD, Optimizer.ADAM, Optimizer.SGD, Optimizer.ADAM),
                r.epochs().stream().map(EpochTiming::optimizer).toList());
        for (EpochTiming t : r.epochs()) {
            assertEquals(2, t.seconds().length, "timed epochs only");
            assertEquals(List.of(4, 1024), List.of(t.factors(), t.batch()), "the configuration given");
            assertTrue(t.median() > 0 && Double.isFinite(t.finalLoss()), t.toString());
        }
        assertEquals(2, r.targets().size(), "at the largest size only, once per optimizer");
        for (TargetTiming t : r.targets()) {
            assertEquals(5_000, t.ratings());
            assertTrue(t.reached() && t.epochs() == 1 && t.bestRmse() <= 2.0, "any model is within 2 stars: " + t);
        }
        assertEquals(1, r.kmeans().size());
        assertEquals(List.of("generate", "load"), r.files().stream().map(PhaseResult.FileTiming::step).toList());
        PhaseResult.FileTiming written = r.files().getFirst();
        PhaseResult.FileTiming loaded = r.files().getLast();
        assertEquals(List.of(2_000L, (long) small.users(), written.bytes()), List.of(loaded.ratings(), (long) loaded.users(), loaded.bytes()));
        assertTrue(written.bytes() > 2_000 * 10, "about 20 bytes a row: " + written.bytes());
        assertEquals(List.of("train 2k ratings on java:1", "train 5k ratings on java:1", "k-means 300 × 4 into 3 on java:1",
                "generate ratings.csv of 2k ratings", "load ratings.csv of 2k ratings"),
                r.memory().stream().map(ScaleResults.PhaseMemory::phase).toList());
        if (Files.isReadable(PeakRss.STATUS)) {
            assertTrue(r.processPeakRss() > 0 && r.memory().stream().allMatch(m -> m.peakRss() > 0), r.memory().toString());
        }
        assertFalse(r.ownJvms());
    }

    @Test
    void warmUpCoversTwoMillionRatingsAndAtLeastOneEpochAndAtMostAHundred() {
        assertEquals(100, ScaleBenchmark.warmUpEpochs(2_000));
        assertEquals(100, ScaleBenchmark.warmUpEpochs(20_000));
        assertEquals(67, ScaleBenchmark.warmUpEpochs(30_000), "rounded up");
        assertEquals(8, ScaleBenchmark.warmUpEpochs(250_000));
        assertEquals(2, ScaleBenchmark.warmUpEpochs(1_500_000), "rounded up");
        assertEquals(1, ScaleBenchmark.warmUpEpochs(2_000_000));
        assertEquals(1, ScaleBenchmark.warmUpEpochs(25_000_000));
    }

    @Test
    void aTargetOutOfReachRunsEveryEpochAndKeepsTheBestRmse() {
        DataShape shape = DataShape.of(3_000);
        try (ComputeDevice d = Devices.open("java:1"); RatingTable table = shape.generate(SEED);
             SplitTables split = Split.random(table, 0.1, SEED)) {
            TargetTiming t = DeviceBenchmark.timeToTarget(d, split, shape, SMALL, 0.01, 3);
            assertFalse(t.reached());
            assertEquals(3, t.epochs());
            assertTrue(t.bestRmse() > 0.01 && t.bestRmse() < 2, t.toString());
            assertTrue(t.wallSeconds() >= t.trainingSeconds(), t.toString());
        }
    }
}
