package reco.engine.recommend;

/**
 * Solves {@code A x = b} for a small symmetric positive definite {@code A} (the fold-in's normal
 * equations, at most a few hundred unknowns) by Cholesky factorisation {@code A = L Lᵀ} and two
 * triangular solves. Only the lower triangle of {@code A} is read.
 */
final class Cholesky {
    private Cholesky() {
    }

    /**
     * @param a n × n, row-major; its lower triangle is overwritten with L
     * @throws IllegalArgumentException when {@code a} is not positive definite
     */
    static double[] solve(double[] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int p = 0; p < j; p++) {
                d -= a[j * n + p] * a[j * n + p];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException("the system is not positive definite (pivot " + j + " is " + d + ")");
            }
            double ljj = Math.sqrt(d);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int p = 0; p < j; p++) {
                    s -= a[i * n + p] * a[j * n + p];
                }
                a[i * n + j] = s / ljj;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) { // L y = b
            double s = b[i];
            for (int p = 0; p < i; p++) {
                s -= a[i * n + p] * y[p];
            }
            y[i] = s / a[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) { // Lᵀ x = y
            double s = y[i];
            for (int p = i + 1; p < n; p++) {
                s -= a[p * n + i] * x[p];
            }
            x[i] = s / a[i * n + i];
        }
        return x;
    }
}
