package reco.engine.cluster;

/**
 * @param assignment  cluster of each point
 * @param centroids   clusters × dims, row-major
 * @param inertia     sum of squared distances to the assigned centroid
 * @param iterations  Lloyd iterations of the winning restart
 * @param restart     which restart won (0-based)
 */
public record KMeansResult(int[] assignment, float[] centroids, int dims, double inertia, int iterations, int restart) {

    public int clusters() {
        return centroids.length / dims;
    }

    /** Members per cluster. */
    public int[] sizes() {
        int[] s = new int[clusters()];
        for (int a : assignment) {
            s[a]++;
        }
        return s;
    }
}
