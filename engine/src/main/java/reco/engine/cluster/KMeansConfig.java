package reco.engine.cluster;

/**
 * @param clusters      k
 * @param maxIterations Lloyd iterations per restart at most
 * @param tolerance     stop when inertia improves by less than this fraction
 * @param restarts      independent k-means++ starts; the lowest inertia wins
 * @param seed          seeds every restart
 */
public record KMeansConfig(int clusters, int maxIterations, double tolerance, int restarts, long seed) {

    public KMeansConfig {
        if (clusters < 1) {
            throw new IllegalArgumentException("--clusters must be at least 1, was " + clusters);
        }
        if (maxIterations < 1 || restarts < 1) {
            throw new IllegalArgumentException("k-means needs at least one iteration and one restart");
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("k-means tolerance must be zero or positive, was " + tolerance);
        }
    }

    public static KMeansConfig defaults() {
        return new KMeansConfig(10, 300, 1e-4, 4, 42L);
    }

    public KMeansConfig withClusters(int k) {
        return new KMeansConfig(k, maxIterations, tolerance, restarts, seed);
    }

    public KMeansConfig withRestarts(int r) {
        return new KMeansConfig(clusters, maxIterations, tolerance, r, seed);
    }

    public KMeansConfig withSeed(long s) {
        return new KMeansConfig(clusters, maxIterations, tolerance, restarts, s);
    }
}
