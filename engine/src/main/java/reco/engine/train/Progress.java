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
}
