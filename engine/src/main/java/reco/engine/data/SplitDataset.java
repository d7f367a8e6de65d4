package reco.engine.data;

/**
 * A training file and a test file loaded with one shared pair of id indices (built from the ids of both
 * files), so that a dense index means the same user or movie in both tables. A user or movie that only
 * occurs in the test file therefore has an index but no training ratings.
 *
 * @param train      the training ratings, indices, catalogue and report
 * @param test       the test ratings, indexed with {@code train.users()} and {@code train.items()}
 * @param testReport what loading the test file read, skipped and removed
 */
public record SplitDataset(Dataset train, RatingTable test, LoadReport testReport) implements AutoCloseable {
    @Override
    public void close() {
        test.close();
        train.close();
    }
}
