package reco.cli;

import picocli.CommandLine.Option;
import reco.engine.cluster.KMeansConfig;

/** k-means flags shared by {@code train} and {@code clusters}. */
final class ClusterOptions {
    @Option(names = "--clusters", paramLabel = "K", defaultValue = "10", description = "Number of movie clusters. Default: ${DEFAULT-VALUE}.")
    int clusters;

    @Option(names = "--restarts", paramLabel = "N", defaultValue = "4", description = "k-means++ restarts; the lowest inertia wins. Default: ${DEFAULT-VALUE}.")
    int restarts;

    @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "10",
            description = "Cluster only movies with at least N training ratings. Default: ${DEFAULT-VALUE}.")
    int minRatings;

    @Option(names = "--cluster-top", paramLabel = "N", defaultValue = "5", description = "Titles and genres shown per cluster. Default: ${DEFAULT-VALUE}.")
    int top;

    KMeansConfig config(long seed) {
        try {
            return KMeansConfig.defaults().withClusters(clusters).withRestarts(restarts).withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
