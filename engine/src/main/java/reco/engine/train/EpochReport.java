package reco.engine.train;

/**
 * One epoch's figures.
 *
 * @param epoch          1-based within its phase
 * @param refit          whether this epoch belongs to the refit on training + validation ratings
 * @param trainLoss      mean squared error over the epoch's batches, each taken before its update
 * @param validationRmse RMSE on the validation ratings after the epoch, NaN when there are none
 * @param seconds        wall time of the epoch (training and validation)
 * @param improved       whether this epoch set a new best validation RMSE
 */
public record EpochReport(int epoch, boolean refit, double trainLoss, double validationRmse, double seconds,
                          boolean improved) {
}
