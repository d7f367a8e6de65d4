package reco.kernels;

/**
 * The parameters of a biased matrix-factorisation model on a device. A rating is predicted as
 * {@code globalMean + userBias[u] + itemBias[i] + dot(userFactors[u], itemFactors[i])}; when
 * {@code biased} is false the two bias buffers are ignored (and may be null) and the global mean
 * is whatever the caller passes, usually 0, which gives the plain dot product.
 *
 * <p>The same shape holds Adam's first and second moments, one value per parameter.
 *
 * @param userFactors P: users × factors, row-major float32
 * @param itemFactors Q: items × factors, row-major float32
 * @param userBias    b_u: users float32, or null when not biased
 * @param itemBias    b_i: items float32, or null when not biased
 */
public record FactorModel(Matrix userFactors, Matrix itemFactors, DeviceBuffer userBias,
                          DeviceBuffer itemBias, float globalMean, boolean biased) {

    public FactorModel {
        if (userFactors.cols() != itemFactors.cols()) {
            throw new IllegalArgumentException("user and item factors differ in width: "
                    + userFactors.cols() + " vs " + itemFactors.cols());
        }
        if (biased && (userBias == null || itemBias == null)) {
            throw new IllegalArgumentException("a biased model needs both bias buffers");
        }
    }

    public int users() {
        return userFactors.rows();
    }

    public int items() {
        return itemFactors.rows();
    }

    public int factors() {
        return userFactors.cols();
    }
}
