package reco.kernels;

/**
 * One mini-batch step's hyper-parameters.
 *
 * <p>The objective of a batch B is
 * {@code (1/|B|) Σ_(u,i,r)∈B [ (ŷ − r)² + l2·(‖p_u‖² + ‖q_i‖²) + biasL2·(b_u² + b_i²) ]}
 * (L2 weighted by how often a row occurs, as in Funk/LIBMF-style MF). Gradients are taken with
 * every parameter at its value before the batch, summed per row over the batch, then applied.
 * Biases have their own weight: on ml-latest-small, shrinking them as hard as the factors cost
 * 0.003 test RMSE.
 *
 * @param optimizer    SGD or lazy Adam
 * @param learningRate step size
 * @param l2           L2 weight of the factors
 * @param biasL2       L2 weight of the biases
 * @param beta1        Adam's first-moment decay
 * @param beta2        Adam's second-moment decay
 * @param epsilon      Adam's denominator guard
 * @param batchSize    ratings per batch (≥ 1); the last batch of a range may be smaller. With SGD, a
 *                     batch of one is classic stochastic gradient descent: the Java device runs it
 *                     one rating at a time (deterministic); parallel devices may run it Hogwild-style
 *                     (Niu et al. 2011), updating rows without locks, which is not bit-reproducible
 */
public record StepConfig(Optimizer optimizer, float learningRate, float l2, float biasL2, float beta1,
                         float beta2, float epsilon, int batchSize) {

    public StepConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, was " + learningRate);
        }
        if (!(l2 >= 0) || !Float.isFinite(l2) || !(biasL2 >= 0) || !Float.isFinite(biasL2)) {
            throw new IllegalArgumentException("L2 weights must be zero or positive, were " + l2 + " and " + biasL2);
        }
    }
}
