package reco.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class ErrorMetricsTest {
    private static final float[] PREDICTED = {3.0f, 4.5f, 2.0f, 5.0f};
    private static final float[] ACTUAL = {4.0f, 4.0f, 2.0f, 3.0f};

    @Test
    void rmseAndMaeOfArrays() {
        // errors -1, 0.5, 0, 2; squares 1 + 0.25 + 0 + 4 = 5.25; RMSE = sqrt(5.25 / 4) = sqrt(1.3125)
        // = 1.14564392373896; MAE = (1 + 0.5 + 0 + 2) / 4 = 0.875
        ErrorMetrics m = ErrorMetrics.of(PREDICTED, ACTUAL);
        assertEquals(1.14564392373896, m.rmse(), 1e-14);
        assertEquals(0.875, m.mae(), 0);
        assertEquals(4, m.count());
    }

    @Test
    void segmentsGiveTheSameAsArrays() {
        // Call scope: the two columns live only for this test.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocate(ValueLayout.JAVA_FLOAT, PREDICTED.length);
            MemorySegment a = arena.allocate(ValueLayout.JAVA_FLOAT, ACTUAL.length);
            MemorySegment.copy(PREDICTED, 0, p, ValueLayout.JAVA_FLOAT, 0, PREDICTED.length);
            MemorySegment.copy(ACTUAL, 0, a, ValueLayout.JAVA_FLOAT, 0, ACTUAL.length);
            assertEquals(ErrorMetrics.of(PREDICTED, ACTUAL), ErrorMetrics.of(p, a));
        }
    }

    @Test
    void errorsAreTakenInDouble() {
        // 0.1f is 0.100000001490116119384765625 exactly; in double the error keeps every digit.
        ErrorMetrics m = ErrorMetrics.of(new float[] {0.1f}, new float[] {0f});
        assertEquals(0.100000001490116119384765625, m.rmse(), 0);
        assertEquals(0.100000001490116119384765625, m.mae(), 0);
    }

    @Test
    void lengthsMustMatchAndNotBeZero() {
        assertThrows(IllegalArgumentException.class, () -> ErrorMetrics.of(new float[2], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> ErrorMetrics.of(new float[0], new float[0]));
    }
}
