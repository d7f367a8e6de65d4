package reco.engine.eval;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Rating-prediction error: root mean squared error and mean absolute error of predictions against
 * the true ratings, both summed and divided in double so that a million float32 errors lose nothing.
 *
 * @param rmse  {@code sqrt(Σ (predicted − actual)² / count)}
 * @param mae   {@code Σ |predicted − actual| / count}
 * @param count how many ratings were compared
 */
public record ErrorMetrics(double rmse, double mae, long count) {

    /** The errors of {@code predicted} against {@code actual}, two arrays of the same length. */
    public static ErrorMetrics of(float[] predicted, float[] actual) {
        return of(MemorySegment.ofArray(predicted), MemorySegment.ofArray(actual));
    }

    /** The errors of {@code predicted} against {@code actual}, two float32 segments of the same size. */
    public static ErrorMetrics of(MemorySegment predicted, MemorySegment actual) {
        if (predicted.byteSize() != actual.byteSize()) {
            throw new IllegalArgumentException("predicted and actual differ in length: "
                    + predicted.byteSize() / Float.BYTES + " vs " + actual.byteSize() / Float.BYTES);
        }
        long count = predicted.byteSize() / Float.BYTES;
        if (count == 0) {
            throw new IllegalArgumentException("no ratings to compare: RMSE and MAE of nothing are undefined");
        }
        double squared = 0;
        double absolute = 0;
        for (long i = 0; i < count; i++) {
            double e = (double) predicted.getAtIndex(ValueLayout.JAVA_FLOAT, i)
                    - actual.getAtIndex(ValueLayout.JAVA_FLOAT, i);
            squared += e * e;
            absolute += Math.abs(e);
        }
        return new ErrorMetrics(Math.sqrt(squared / count), absolute / count, count);
    }
}
