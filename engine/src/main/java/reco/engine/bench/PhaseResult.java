package reco.engine.bench;

import java.util.List;

import reco.engine.bench.DeviceBenchmark.EpochTiming;
import reco.engine.bench.DeviceBenchmark.KMeansTiming;
import reco.engine.bench.DeviceBenchmark.TargetTiming;

/**
 * What one {@link BenchPhase} measured; each list holds what its kind of phase produces and is empty
 * otherwise.
 *
 * @param peakRssBytes the peak RSS of the JVM that ran the phase ({@link PeakRss}), or {@link PeakRss#UNKNOWN}
 */
public record PhaseResult(List<EpochTiming> epochs, List<TargetTiming> targets, List<KMeansTiming> kmeans,
                          List<FileTiming> files, long peakRssBytes) {

    /**
     * Writing or reading a ratings.csv.
     *
     * @param step    {@code generate} or {@code load}
     * @param bytes   size of ratings.csv
     * @param seconds the step alone (no JVM start)
     */
    public record FileTiming(String step, long ratings, int users, int items, long bytes, double seconds) {
    }

    public PhaseResult {
        epochs = List.copyOf(epochs);
        targets = List.copyOf(targets);
        kmeans = List.copyOf(kmeans);
        files = List.copyOf(files);
    }

    static PhaseResult ofTraining(List<EpochTiming> epochs, List<TargetTiming> targets) {
        return new PhaseResult(epochs, targets, List.of(), List.of(), PeakRss.UNKNOWN);
    }

    static PhaseResult ofKMeans(KMeansTiming timing) {
        return new PhaseResult(List.of(), List.of(), List.of(timing), List.of(), PeakRss.UNKNOWN);
    }

    static PhaseResult ofFile(FileTiming timing) {
        return new PhaseResult(List.of(), List.of(), List.of(), List.of(timing), PeakRss.UNKNOWN);
    }

    /** This result with the peak RSS of the JVM that measured it. */
    PhaseResult withPeakRss(long bytes) {
        return new PhaseResult(epochs, targets, kmeans, files, bytes);
    }
}
