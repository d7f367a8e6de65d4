package reco.engine.bench;

import java.util.Locale;
import java.util.function.Consumer;

import reco.kernels.ComputeDevice;
import reco.kernels.Devices;

/** k-means of {@code points × dims} Gaussian blobs into {@code clusters} on one device ({@link DeviceBenchmark#kmeans}). */
public record KMeansPhase(String device, int points, int dims, int clusters, long seed) implements BenchPhase {

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "k-means %,d × %d into %d on %s", points, dims, clusters, device);
    }

    @Override
    public PhaseResult run(Consumer<String> progress) {
        try (ComputeDevice d = Devices.open(device)) {
            DeviceBenchmark.KMeansTiming t = DeviceBenchmark.kmeans(d, points, dims, clusters, seed);
            progress.accept(String.format(Locale.ROOT, "  %s: %.3f s, %d iterations", describe(), t.seconds(), t.iterations()));
            return PhaseResult.ofKMeans(t);
        }
    }
}
