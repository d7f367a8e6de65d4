package reco.engine.train;

/** Receives progress from the {@link Trainer}; the CLI prints it, tests may record it. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /** Fraction {@code done} (0..1) of the current epoch has been trained. */
    default void epochProgress(int epoch, double done) {
    }

    default void epochEnded(EpochReport report, int maxEpochs) {
    }

    /** Early stopping chose {@code bestEpoch}; training restarts on {@code ratings} ratings for that many epochs. */
    default void refitStarted(int bestEpoch, long ratings) {
    }
}
