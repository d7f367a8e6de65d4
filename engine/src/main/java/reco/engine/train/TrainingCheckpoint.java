package reco.engine.train;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;

import reco.engine.model.CheckpointFiles;
import reco.engine.model.ModelFileException;

/**
 * A training checkpoint read back from its folder, to continue with {@link Trainer#resume}. Holds the
 * state file mapped until closed.
 */
public final class TrainingCheckpoint implements AutoCloseable {
    private final Path dir;
    private final CheckpointFiles.Loaded files;
    private final TrainingState state;

    private TrainingCheckpoint(Path dir, CheckpointFiles.Loaded files, TrainingState state) {
        this.dir = dir;
        this.files = files;
        this.state = state;
    }

    /**
     * The checkpoint in {@code dir}.
     *
     * @throws ModelFileException when there is none, or it is damaged or of another format version
     */
    public static TrainingCheckpoint load(Path dir) {
        CheckpointFiles.Loaded files = CheckpointFiles.load(dir);
        try {
            TrainingState state = files.state(TrainingState.class);
            if (state.config() == null || state.phase() == null || state.fitSha256() == null || state.epoch() < 0
                    || state.epoch() > state.epochs() || state.step() < 1) {
                throw new ModelFileException(dir.resolve(CheckpointFiles.INDEX_FILE) + " is damaged (its training state is "
                        + "incomplete): restore it, or train from the start");
            }
            return new TrainingCheckpoint(dir, files, state);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
    }

    /** The folder it was read from. */
    public Path dir() {
        return dir;
    }

    /** The hyper-parameters the run was started with. */
    public TrainConfig config() {
        return state.config();
    }

    /** The caller's description of the run, as given in {@link CheckpointPolicy#run()}. */
    public Map<String, Object> run() {
        return state.run();
    }

    /** Where the run stood, e.g. {@code "search epoch 3 of up to 20"} or {@code "refit epoch 2 of 7"}. */
    public String describe() {
        return state.phase() == TrainingState.Phase.SEARCH
                ? "epoch " + state.epoch() + " of up to " + state.epochs()
                : "refit epoch " + state.epoch() + " of " + state.epochs() + " (after " + state.searchHistory().size()
                + " epochs of search)";
    }

    TrainingState state() {
        return state;
    }

    void copyTo(String tensor, long[] shape, MemorySegment dst) {
        files.copyTo(tensor, shape, dst);
    }

    @Override
    public void close() {
        files.close();
    }
}
