package reco.engine.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * What a training checkpoint says besides its tensors: the settings, the data it was made on, and where
 * the run stood after the epoch it was saved at. Saved as JSON in {@code checkpoint.json}.
 *
 * <p>The shuffle generator is not saved: it is derived from the seed, and a resume replays the shuffles of
 * the phase's finished epochs (each epoch continues from the previous epoch's order), which recreates both
 * the generator and the order exactly for the cost of {@code epoch} shuffles and no extra bytes.
 *
 * @param config          the hyper-parameters the run was started with
 * @param run             the caller's description of the run (data, split, output), given back on resume
 * @param fitSha256       fingerprint of the training ratings ({@code DataFingerprint} of the fit table)
 * @param validationSha256 fingerprint of the validation ratings, null when there were none
 * @param phase           the phase the checkpoint is in
 * @param epoch           epochs finished in that phase
 * @param epochs          the most epochs of that phase (the configured epochs, or the refit's epoch count)
 * @param step            the next Adam step (1-based, for bias correction)
 * @param bestEpoch       the phase's best validation epoch so far (0: none yet)
 * @param bestRmse        its validation RMSE, null while there is none
 * @param sinceBest       epochs since the best one (the patience counter)
 * @param seconds         training time of the phase's finished epochs
 * @param history         the phase's finished epochs
 * @param searchHistory   in the refit phase, the epochs of the search before it; else empty
 * @param searchBestEpoch in the refit phase, the search's best epoch; else 0
 * @param searchSeconds   in the refit phase, the search's training time; else 0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record TrainingState(TrainConfig config, Map<String, Object> run, String fitSha256, String validationSha256,
                     Phase phase, int epoch, int epochs, long step, int bestEpoch, Double bestRmse, int sinceBest,
                     double seconds, List<EpochReport> history, List<EpochReport> searchHistory, int searchBestEpoch,
                     double searchSeconds) {

    /** The two phases of a run: the search (with early stopping when validating), then the refit. */
    enum Phase { SEARCH, REFIT }

    TrainingState {
        run = run == null ? Map.of() : run;
        history = history == null ? List.of() : List.copyOf(history);
        searchHistory = searchHistory == null ? List.of() : List.copyOf(searchHistory);
    }
}
