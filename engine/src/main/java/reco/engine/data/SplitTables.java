package reco.engine.data;

/**
 * A training and a test table cut from one rating table; both keep its dense indices and file order.
 * Owns both tables.
 */
public record SplitTables(RatingTable train, RatingTable test) implements AutoCloseable {
    @Override
    public void close() {
        test.close();
        train.close();
    }
}
