package reco.engine.bench;

import java.util.List;

import reco.engine.bench.DeviceBenchmark.EpochTiming;
import reco.engine.bench.DeviceBenchmark.KMeansTiming;
import reco.engine.bench.DeviceBenchmark.TargetTiming;
import reco.engine.bench.PhaseResult.FileTiming;
import reco.kernels.DeviceInfo;

/**
 * Everything one {@link ScaleBenchmark} run measured, in the order measured.
 *
 * @param devices        the devices, in the plan's order (the first is the ratios' reference)
 * @param memory         one row per phase
 * @param processPeakRss the peak RSS of the process that ran the plan, in bytes, or {@link PeakRss#UNKNOWN}
 * @param ownJvms        whether each phase ran in a JVM of its own (else each phase's peak RSS is the
 *                       process's so far)
 */
public record ScaleResults(List<DeviceInfo> devices, List<EpochTiming> epochs, List<TargetTiming> targets,
                           List<KMeansTiming> kmeans, List<FileTiming> files, List<PhaseMemory> memory,
                           long processPeakRss, boolean ownJvms) {

    /**
     * @param phase       what ran ({@link BenchPhase#describe()})
     * @param wallSeconds the phase as the parent saw it: JVM start, data generation and device set-up included
     * @param peakRss     bytes, or {@link PeakRss#UNKNOWN}
     */
    public record PhaseMemory(String phase, double wallSeconds, long peakRss) {
    }
}
