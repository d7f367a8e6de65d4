package reco.engine.train;

import reco.engine.data.RatingTable;
import reco.engine.data.Split;
import reco.engine.data.SplitTables;

/**
 * The tables one training run uses: {@code train} (every rating the model may learn from) is
 * {@code fit} plus {@code validation}; {@code test} is held out for the final metrics.
 * The validation part is drawn from {@code train} with {@link Split#random} and seed {@code seed + 1}.
 * Owns all four tables.
 *
 * @param validation null when no validation part was asked for
 * @param test       empty when no test part was asked for
 */
public record TrainingData(RatingTable train, RatingTable fit, RatingTable validation, RatingTable test)
        implements AutoCloseable {

    /** How the test part is chosen. */
    public enum SplitKind {
        /** Uniformly random rows ({@link Split#random}), seeded. */
        RANDOM,
        /** Each user's latest ratings by timestamp ({@link Split#temporal}). */
        TEMPORAL
    }

    /** Splits {@code all} into train and test, then train into fit and validation. */
    public static TrainingData split(RatingTable all, SplitKind kind, double testFraction, double validationFraction,
                                     long seed) {
        if (testFraction <= 0) {
            return carve(all.copy(), RatingTable.allocate(0), validationFraction, seed);
        }
        SplitTables s = kind == SplitKind.TEMPORAL ? Split.temporal(all, testFraction) : Split.random(all, testFraction, seed);
        return carve(s.train(), s.test(), validationFraction, seed);
    }

    /** A given train/test pair (both taken over); train is split into fit and validation. */
    public static TrainingData given(RatingTable train, RatingTable test, double validationFraction, long seed) {
        return carve(train, test, validationFraction, seed);
    }

    private static TrainingData carve(RatingTable train, RatingTable test, double validationFraction, long seed) {
        if (validationFraction <= 0) {
            return new TrainingData(train, train, null, test);
        }
        SplitTables v = Split.random(train, validationFraction, seed + 1);
        return new TrainingData(train, v.train(), v.test(), test);
    }

    @Override
    public void close() {
        if (fit != train) {
            fit.close();
        }
        train.close();
        if (validation != null) {
            validation.close();
        }
        test.close();
    }
}
