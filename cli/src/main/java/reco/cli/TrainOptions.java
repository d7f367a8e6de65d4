package reco.cli;

import picocli.CommandLine.Option;
import reco.engine.train.TrainConfig;
import reco.kernels.Optimizer;

/** Training flags; each one left out keeps the preset's value. */
final class TrainOptions {
    enum Preset { DEFAULT, NOTEBOOK }

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "default",
            description = "default (biased MF tuned on ml-latest-small) or notebook (the PyTorch notebook's run: 8 factors, plain dot, Adam 1e-3, batch 128, 128 epochs, all ratings). Default: ${DEFAULT-VALUE}.")
    Preset preset;

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs to run.")
    Integer epochs;

    @Option(names = "--factors", paramLabel = "K", description = "Embedding width.")
    Integer factors;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate.")
    Float lr;

    @Option(names = "--l2", paramLabel = "W", description = "L2 weight of the factors, per rating.")
    Float l2;

    @Option(names = "--bias-l2", paramLabel = "W", description = "L2 weight of the biases, per rating.")
    Float biasL2;

    @Option(names = "--batch", paramLabel = "N", description = "Ratings per mini-batch.")
    Integer batch;

    @Option(names = "--blocks", paramLabel = "N", description = {
            "Update after every rating, in an N × N blocked schedule (LIBMF-style: users and movies dealt into N groups; "
                    + "blocks that share neither run in parallel; deterministic). Implies --batch 1. Pays on large data: "
                    + "8 is a good start; with SGD start the factors larger (--init-scale 0.1). 0 (the default): "
                    + "shuffled mini-batches."})
    Integer blocks;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam or sgd.")
    Optimizer optimizer;

    @Option(names = "--patience", paramLabel = "N", description = "Stop after N epochs without a better validation RMSE (0: never).")
    Integer patience;

    @Option(names = "--no-refit", description = "Keep the best early-stopping epoch's model instead of retraining on training + validation ratings.")
    boolean noRefit;

    @Option(names = "--seed", paramLabel = "N", description = "Seeds initialisation, shuffles and the splits.")
    Long seed;

    @Option(names = "--no-bias", description = "Plain dot product (no global mean, no biases), as in the notebook.")
    boolean noBias;

    @Option(names = "--init-scale", paramLabel = "S", description = "Spread of the initial factors.")
    Float initScale;

    TrainConfig config() {
        TrainConfig base = preset == Preset.NOTEBOOK ? TrainConfig.notebook() : TrainConfig.defaults();
        TrainConfig.Builder b = base.toBuilder();
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (factors != null) {
            b.factors(factors);
        }
        if (lr != null) {
            b.learningRate(lr);
        }
        if (l2 != null) {
            b.l2(l2);
        }
        if (biasL2 != null) {
            b.biasL2(biasL2);
        }
        if (blocks != null) {
            b.blocks(blocks);
            if (blocks > 0 && batch == null) {
                b.batchSize(1);
            }
        }
        if (batch != null) {
            b.batchSize(batch);
        }
        if (optimizer != null) {
            b.optimizer(optimizer);
        }
        if (patience != null) {
            b.patience(patience);
        }
        if (noRefit) {
            b.refit(false);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (noBias) {
            b.biased(false);
        }
        if (initScale != null) {
            b.initScale(initScale);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    boolean notebook() {
        return preset == Preset.NOTEBOOK;
    }
}
