package reco.engine.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One training epoch as the manifest records it.
 *
 * @param epoch          1-based epoch number
 * @param trainLoss      mean squared error over the epoch's training ratings
 * @param validationRmse RMSE on the validation ratings after the epoch, or null without a validation set
 * @param seconds        wall-clock time of the epoch
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EpochStats(int epoch, double trainLoss, Double validationRmse, double seconds) {
}
