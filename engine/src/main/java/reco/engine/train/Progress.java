package reco.engine.train;

import java.util.ArrayList;
import java.util.List;

/** Where one training phase stands between epochs: the counters a checkpoint saves besides the tensors. */
final class Progress {
    /** Epochs finished in this phase. */
    int epoch;
    /** The next Adam step, 1-based. */
    long step = 1;
    /** The best validation epoch so far, 0 while there is none. */
    int bestEpoch;
    double bestRmse = Double.POSITIVE_INFINITY;
    /** Epochs since the best one: the patience counter. */
    int sinceBest;
    /** Training time of the finished epochs. */
    double seconds;
    final List<EpochReport> history = new ArrayList<>();

    /** Records epoch {@link #epoch}'s validation RMSE; true when it is the best so far. */
    boolean improvedBy(double rmse) {
        if (rmse < bestRmse) {
            bestRmse = rmse;
            bestEpoch = epoch;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /** Whether early stopping ends the phase: {@code patience} epochs (more than 0) without a better RMSE. */
    boolean outOfPatience(int patience) {
        return patience > 0 && sinceBest >= patience;
    }
}
