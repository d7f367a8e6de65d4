package reco.engine.train;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how often a {@link Trainer} saves checkpoints.
 *
 * @param dir         the checkpoint folder (see {@code CheckpointFiles}): one checkpoint, replaced atomically
 * @param everyEpochs save after every epoch whose number in its phase is a multiple of this, at least 1
 * @param run         the caller's description of the run, saved with each checkpoint and given back by
 *                    {@link TrainingCheckpoint#run()} (for a command line: the data, the split, the output)
 */
public record CheckpointPolicy(Path dir, int everyEpochs, Map<String, Object> run) {
    public CheckpointPolicy {
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("--checkpoint-every must be at least 1 epoch, was " + everyEpochs);
        }
        run = run == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(run));
    }
}
