package reco.engine.train;

/** The loss became NaN or infinite: the learning rate is too large for this data. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
