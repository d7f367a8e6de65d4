package reco.engine.cluster;

import java.util.SplittableRandom;

/**
 * Principal component analysis of a few hundred to a few hundred thousand points of small dimension
 * (item vectors: k ≤ a few hundred), for drawing them in 2-D. The k × k covariance is formed in double
 * precision and its leading eigenvectors are found one at a time by power iteration with deflation
 * (Hotelling 1933): each iteration is one k × k product, so even k = 256 converges in milliseconds.
 *
 * <p>The sign of an eigenvector is arbitrary; it is fixed so that its largest-magnitude coordinate is
 * positive, which makes the projection the same from run to run.
 *
 * @param components  components × dims, row-major: unit principal directions, largest variance first
 * @param variances   the variance along each component (its eigenvalue)
 * @param totalVariance the trace of the covariance: the sum of all eigenvalues
 * @param mean        the points' mean, subtracted before projecting
 */
public record Pca(double[] components, double[] variances, double totalVariance, double[] mean) {
    /** Power iterations per component before giving up on a tighter fit (reached only for near-equal eigenvalues). */
    static final int MAX_ITERATIONS = 10_000;
    /** Stop when the direction moves less than this (1 − |cos| between iterates). */
    static final double TOLERANCE = 1e-12;
    /** Fixed: the start vectors only need to be non-orthogonal to the answer, which a random draw is almost surely. */
    private static final long SEED = 0x5eed_9ca1L;

    /** The first {@code count} principal components of {@code n = points.length / dims} points. */
    public static Pca fit(float[] points, int dims, int count) {
        if (dims < 1 || points.length % dims != 0) {
            throw new IllegalArgumentException(points.length + " values are not whole points of " + dims + " dims");
        }
        if (count < 1 || count > dims) {
            throw new IllegalArgumentException("components must be between 1 and " + dims + ", was " + count);
        }
        int n = points.length / dims;
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 points, got " + n);
        }
        double[] mean = mean(points, n, dims);
        double[] cov = covariance(points, n, dims, mean);
        double trace = 0;
        for (int d = 0; d < dims; d++) {
            trace += cov[d * dims + d];
        }
        double[] components = new double[count * dims];
        double[] variances = new double[count];
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int c = 0; c < count; c++) {
            double[] v = leadingEigenvector(cov, dims, rng, components, c);
            double lambda = rayleigh(cov, dims, v);
            variances[c] = Math.max(0, lambda);
            System.arraycopy(v, 0, components, c * dims, dims);
            for (int i = 0; i < dims; i++) { // deflate: remove this component's share
                for (int j = 0; j < dims; j++) {
                    cov[i * dims + j] -= lambda * v[i] * v[j];
                }
            }
        }
        return new Pca(components, variances, trace, mean);
    }

    public int count() {
        return variances.length;
    }

    /** Share of the total variance along component {@code c}. */
    public double explained(int c) {
        return totalVariance == 0 ? 0 : variances[c] / totalVariance;
    }

    /** Coordinates of the points along the components: n × count, row-major. */
    public double[] project(float[] points) {
        int dims = mean.length;
        int n = points.length / dims;
        int count = count();
        double[] out = new double[n * count];
        for (int p = 0; p < n; p++) {
            for (int c = 0; c < count; c++) {
                double s = 0;
                for (int d = 0; d < dims; d++) {
                    s += (points[p * dims + d] - mean[d]) * components[c * dims + d];
                }
                out[p * count + c] = s;
            }
        }
        return out;
    }

    private static double[] mean(float[] points, int n, int dims) {
        double[] mean = new double[dims];
        for (int p = 0; p < n; p++) {
            for (int d = 0; d < dims; d++) {
                mean[d] += points[p * dims + d];
            }
        }
        for (int d = 0; d < dims; d++) {
            mean[d] /= n;
        }
        return mean;
    }

    /** The population covariance (divided by n), dims × dims, row-major. */
    private static double[] covariance(float[] points, int n, int dims, double[] mean) {
        double[] cov = new double[dims * dims];
        double[] x = new double[dims];
        for (int p = 0; p < n; p++) {
            for (int d = 0; d < dims; d++) {
                x[d] = points[p * dims + d] - mean[d];
            }
            for (int i = 0; i < dims; i++) {
                for (int j = i; j < dims; j++) {
                    cov[i * dims + j] += x[i] * x[j];
                }
            }
        }
        for (int i = 0; i < dims; i++) {
            for (int j = i; j < dims; j++) {
                cov[i * dims + j] /= n;
                cov[j * dims + i] = cov[i * dims + j];
            }
        }
        return cov;
    }

    /**
     * The leading eigenvector of {@code a} orthogonal to the first {@code found} rows of {@code earlier}.
     * Deflation alone leaves rounding residue along the earlier directions, which power iteration would
     * amplify when little variance is left, so every iterate is also projected off them.
     */
    private static double[] leadingEigenvector(double[] a, int dims, SplittableRandom rng, double[] earlier, int found) {
        double[] v = new double[dims];
        for (int d = 0; d < dims; d++) {
            v[d] = rng.nextGaussian();
        }
        orthogonalise(v, earlier, found);
        normalise(v);
        double[] next = new double[dims];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            multiply(a, dims, v, next);
            orthogonalise(next, earlier, found);
            if (normalise(next) == 0) {
                break; // nothing left: every remaining direction has zero variance
            }
            double cos = 0;
            for (int d = 0; d < dims; d++) {
                cos += v[d] * next[d];
            }
            System.arraycopy(next, 0, v, 0, dims);
            if (1 - Math.abs(cos) < TOLERANCE) {
                break;
            }
        }
        fixSign(v);
        return v;
    }

    private static void orthogonalise(double[] v, double[] earlier, int found) {
        int dims = v.length;
        for (int c = 0; c < found; c++) {
            double dot = 0;
            for (int d = 0; d < dims; d++) {
                dot += v[d] * earlier[c * dims + d];
            }
            for (int d = 0; d < dims; d++) {
                v[d] -= dot * earlier[c * dims + d];
            }
        }
    }

    private static void multiply(double[] a, int dims, double[] v, double[] out) {
        for (int i = 0; i < dims; i++) {
            double s = 0;
            for (int j = 0; j < dims; j++) {
                s += a[i * dims + j] * v[j];
            }
            out[i] = s;
        }
    }

    private static double rayleigh(double[] a, int dims, double[] v) {
        double[] av = new double[dims];
        multiply(a, dims, v, av);
        double s = 0;
        for (int d = 0; d < dims; d++) {
            s += v[d] * av[d];
        }
        return s;
    }

    /** Scales {@code v} to unit length and returns its old length (0 leaves it as it is). */
    private static double normalise(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int d = 0; d < v.length; d++) {
                v[d] /= norm;
            }
        }
        return norm;
    }

    private static void fixSign(double[] v) {
        int largest = 0;
        for (int d = 1; d < v.length; d++) {
            if (Math.abs(v[d]) > Math.abs(v[largest])) {
                largest = d;
            }
        }
        if (v[largest] < 0) {
            for (int d = 0; d < v.length; d++) {
                v[d] = -v[d];
            }
        }
    }
}
