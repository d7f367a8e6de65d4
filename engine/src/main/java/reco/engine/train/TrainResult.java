package reco.engine.train;

import java.util.List;

import reco.engine.model.MfModel;

/**
 * What training produced.
 *
 * @param model              the parameters of the best epoch (the last one without validation)
 * @param history            one report per epoch run
 * @param bestEpoch          1-based epoch whose parameters {@code model} holds
 * @param trainSeconds       the epoch loop only: no loading, no device set-up
 * @param medianEpochSeconds median wall time of one epoch
 */
public record TrainResult(MfModel model, List<EpochReport> history, int bestEpoch, double trainSeconds,
                          double medianEpochSeconds) {

    public int epochsRun() {
        return history.size();
    }
}
