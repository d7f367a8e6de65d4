package reco.engine.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import reco.kernels.Optimizer;
import reco.kernels.StepConfig;

/**
 * Every training hyper-parameter, with its default in exactly one place ({@link #defaults()}).
 *
 * @param factors      embedding width
 * @param epochs       the most epochs to run
 * @param learningRate step size
 * @param l2           L2 weight of the factors, per rating occurrence (see {@link StepConfig})
 * @param biasL2       L2 weight of the biases
 * @param batchSize    ratings per mini-batch
 * @param optimizer    Adam (lazy, bias-corrected) or SGD
 * @param patience     epochs without validation improvement before stopping; 0 = never stop early
 * @param refit        after early stopping, train again on training + validation ratings for the best
 *                     epoch count (the final model then sees every training rating)
 * @param seed         seeds the initialisation and every epoch's shuffle
 * @param biased       learn a global mean and user/item biases; false = the notebook's plain dot product
 * @param init         how factors start
 * @param initScale    the spread of the initial factors
 * @param beta1        Adam's first-moment decay
 * @param beta2        Adam's second-moment decay
 * @param epsilon      Adam's denominator guard
 * @param blocks       0: shuffled mini-batches; N ≥ 1: one rating per update in an N × N blocked schedule
 *                     ({@link BlockedSchedule}), which needs a batch size of 1
 */
public record TrainConfig(int factors, int epochs, float learningRate, float l2, float biasL2, int batchSize, Optimizer optimizer, int patience, boolean refit, long seed, boolean biased, Init init, float initScale, float beta1, float beta2, float epsilon, int blocks) {

    /** The most user (and item) groups of a blocked schedule: 1024² blocks. */
    public static final int MAX_BLOCKS = 1024;

    public TrainConfig {
        if (factors < 1 || factors > 4096) {
            throw new IllegalArgumentException("--factors must be between 1 and 4096, was " + factors);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, was " + epochs);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("--patience must be 0 (off) or more, was " + patience);
        }
        if (!(initScale >= 0) || !Float.isFinite(initScale)) {
            throw new IllegalArgumentException("the initial scale must be zero or positive, was " + initScale);
        }
        if (blocks < 0 || blocks > MAX_BLOCKS) {
            throw new IllegalArgumentException("--blocks must be 0 (off) or from 1 to " + MAX_BLOCKS + ", was " + blocks);
        }
        if (blocks > 0 && batchSize != 1) {
            throw new IllegalArgumentException("--blocks trains one rating at a time: use --batch 1 with it (was --batch "
                    + batchSize + ")");
        }
        new StepConfig(optimizer, learningRate, l2, biasL2, beta1, beta2, epsilon, batchSize); // validates the rest
    }

    /**
     * The defaults: biased MF, 64 factors, Adam. Chosen on a validation split carved from the
     * training part of ml-latest-small (see docs/PERFORMANCE.md for the search).
     */
    public static TrainConfig defaults() {
        return new TrainConfig(64, 100, 0.003f, 0.1f, 0f, 1024, Optimizer.ADAM, 5, true, 42L, true, Init.NORMAL,
                0.01f, 0.9f, 0.999f, 1e-8f, 0);
    }

    /**
     * The notebook's run: 8 factors, uniform(0, 0.05) init, plain dot product, Adam lr 1e-3,
     * batch 128, 128 epochs, no L2, no early stopping.
     */
    public static TrainConfig notebook() {
        return new TrainConfig(8, 128, 1e-3f, 0f, 0f, 128, Optimizer.ADAM, 0, false, 42L, false, Init.UNIFORM,
                0.05f, 0.9f, 0.999f, 1e-8f, 0);
    }

    public StepConfig step() {
        return new StepConfig(optimizer, learningRate, l2, biasL2, beta1, beta2, epsilon, batchSize);
    }

    /** The hyper-parameters by name, for the manifest and the start-up banner. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("factors", factors);
        m.put("epochs", epochs);
        m.put("learning_rate", learningRate);
        m.put("l2", l2);
        m.put("bias_l2", biasL2);
        m.put("batch_size", batchSize);
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        m.put("patience", patience);
        m.put("refit", refit);
        m.put("seed", seed);
        m.put("biased", biased);
        m.put("init", init.name().toLowerCase(Locale.ROOT));
        m.put("init_scale", initScale);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("epsilon", epsilon);
        m.put("blocks", blocks);
        return m;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
            b.factors = factors;
            b.epochs = epochs;
            b.learningRate = learningRate;
            b.l2 = l2;
            b.biasL2 = biasL2;
            b.batchSize = batchSize;
            b.optimizer = optimizer;
            b.patience = patience;
            b.refit = refit;
            b.seed = seed;
            b.biased = biased;
            b.init = init;
            b.initScale = initScale;
            b.beta1 = beta1;
            b.beta2 = beta2;
            b.epsilon = epsilon;
            b.blocks = blocks;
        return b;
    }

    /** Changes a few fields of a config; {@link #build()} validates the result. */
    public static final class Builder {
        private int factors;
        private int epochs;
        private float learningRate;
        private float l2;
        private float biasL2;
        private int batchSize;
        private Optimizer optimizer;
        private int patience;
        private boolean refit;
        private long seed;
        private boolean biased;
        private Init init;
        private float initScale;
        private float beta1;
        private float beta2;
        private float epsilon;
        private int blocks;

        private Builder() {
        }

        public Builder factors(int v) {
            this.factors = v;
            return this;
        }

        public Builder epochs(int v) {
            this.epochs = v;
            return this;
        }

        public Builder learningRate(float v) {
            this.learningRate = v;
            return this;
        }

        public Builder l2(float v) {
            this.l2 = v;
            return this;
        }

        public Builder biasL2(float v) {
            this.biasL2 = v;
            return this;
        }

        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        public Builder optimizer(Optimizer v) {
            this.optimizer = v;
            return this;
        }

        public Builder patience(int v) {
            this.patience = v;
            return this;
        }

        public Builder refit(boolean v) {
            this.refit = v;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public Builder biased(boolean v) {
            this.biased = v;
            return this;
        }

        public Builder init(Init v) {
            this.init = v;
            return this;
        }

        public Builder initScale(float v) {
            this.initScale = v;
            return this;
        }

        public Builder beta1(float v) {
            this.beta1 = v;
            return this;
        }

        public Builder beta2(float v) {
            this.beta2 = v;
            return this;
        }

        public Builder epsilon(float v) {
            this.epsilon = v;
            return this;
        }

        public Builder blocks(int v) {
            this.blocks = v;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(factors, epochs, learningRate, l2, biasL2, batchSize, optimizer, patience, refit, seed, biased, init, initScale, beta1, beta2, epsilon, blocks);
        }
    }
}
