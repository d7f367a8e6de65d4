package reco.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import reco.engine.train.TrainConfig;
import reco.kernels.Optimizer;

/** Phases travel to a child JVM as JSON and their results come back; a failing child says why. */
class PhaseProcessTest {

    @Test
    void everyKindOfPhaseSurvivesTheTripThroughJson() {
        List<TrainConfig> configs = List.of(TrainConfig.defaults().toBuilder().optimizer(Optimizer.SGD).learningRate(0.01f).build(),
                TrainConfig.notebook());
        List<BenchPhase> phases = List.of(
                new TrainingPhase("java:1", DataShape.of(250_000), configs, 1, 3, new TrainingPhase.Target(0.55, 20, 0.1)),
                new TrainingPhase("opencl:0:0", DataShape.of(2_000), configs.subList(0, 1), 0, 1, null),
                new KMeansPhase("cuda", 60_000, 64, 100, 42),
                new GeneratePhase("/tmp/x y", DataShape.of(1_000_000), 7),
                new LoadPhase("/tmp/x y", 1_000_000));
        for (BenchPhase p : phases) {
            assertEquals(p, PhaseProcess.phaseOf(PhaseProcess.toJson(p)));
        }
    }

    @Test
    void aPhaseInAChildJvmReportsItsResultProgressAndPeakRss() {
        List<String> progress = new ArrayList<>();
        PhaseResult r = PhaseProcess.run(new KMeansPhase("java:1", 300, 4, 3, 7), progress::add);
        assertEquals(1, r.kmeans().size(), r.toString());
        DeviceBenchmark.KMeansTiming k = r.kmeans().getFirst();
        assertEquals(List.of("java:1", 300, 4, 3), List.of(k.device(), k.points(), k.dims(), k.clusters()));
        assertTrue(k.iterations() >= 1 && k.inertia() > 0, k.toString());
        assertTrue(progress.stream().anyMatch(l -> l.contains("k-means 300 × 4 into 3 on java:1")), progress.toString());
        if (Files.isReadable(PeakRss.STATUS)) {
            assertTrue(r.peakRssBytes() > 1 << 20, "the child's own peak RSS: " + r.peakRssBytes());
        }
    }

    @Test
    void aFailingChildNamesThePhaseAndTheError() {
        PhaseFailedException e = assertThrows(PhaseFailedException.class,
                () -> PhaseProcess.run(new KMeansPhase("quantum", 300, 4, 3, 7), line -> { }));
        assertTrue(e.getMessage().startsWith("k-means 300 × 4 into 3 on quantum: unknown device 'quantum'"), e.getMessage());
    }
}
