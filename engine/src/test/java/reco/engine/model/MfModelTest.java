package reco.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import reco.engine.data.IdIndex;

class MfModelTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

    /** Two users, three items, two factors; values exact in binary so the sums are exact. */
    private static MfModel small(boolean biased) {
        MfModel m = MfModel.allocate(IdIndex.of(new long[] {20, 10}), IdIndex.of(new long[] {7, 5, 9}), 2, biased);
        float[] p = {1.0f, 2.0f, -0.5f, 0.25f};            // p_0 = (1, 2), p_1 = (-0.5, 0.25)
        float[] q = {0.5f, -1.0f, 2.0f, 4.0f, -3.0f, 0.0f}; // q_0 = (0.5, -1), q_1 = (2, 4), q_2 = (-3, 0)
        MemorySegment.copy(p, 0, m.userFactors(), F, 0, p.length);
        MemorySegment.copy(q, 0, m.itemFactors(), F, 0, q.length);
        m.userBias().setAtIndex(F, 0, 0.25f);
        m.userBias().setAtIndex(F, 1, -0.75f);
        m.itemBias().setAtIndex(F, 0, 0.5f);
        m.itemBias().setAtIndex(F, 1, -0.125f);
        m.itemBias().setAtIndex(F, 2, 1.0f);
        m.setGlobalMean(3.5f);
        return m;
    }

    @Test
    void biasedPredictionIsMeanPlusBiasesPlusDot() {
        try (MfModel m = small(true)) {
            // u0,i1: 3.5 + 0.25 - 0.125 + (1*2 + 2*4 = 10) = 13.625
            assertEquals(13.625f, m.predict(0, 1));
            // u1,i2: 3.5 - 0.75 + 1.0 + (-0.5*-3 + 0.25*0 = 1.5) = 5.25
            assertEquals(5.25f, m.predict(1, 2));
            // u1,i0: 3.5 - 0.75 + 0.5 + (-0.25 - 0.25 = -0.5) = 2.75
            assertEquals(2.75f, m.predict(1, 0));
        }
    }

    @Test
    void unbiasedPredictionIgnoresTheBiases() {
        try (MfModel m = small(false)) {
            m.setGlobalMean(0f);
            assertFalse(m.biased());
            assertEquals(10f, m.predict(0, 1));   // 1*2 + 2*4
            assertEquals(-0.5f, m.predict(1, 0)); // -0.5*0.5 + 0.25*-1
        }
    }

    @Test
    void predictionSumsInTheDeviceOrder() {
        // mu + b_u + b_i + dot in float32, left to right. The float32 spacing at 1e8 is 8, so 1e8 + 4 is a
        // tie that rounds to even, back to 1e8, twice: the sum is 1e8, whereas mu + (b_u + b_i) = 1e8 + 8.
        try (MfModel m = MfModel.allocate(IdIndex.of(new long[] {1}), IdIndex.of(new long[] {1}), 1, true)) {
            m.setGlobalMean(1e8f);
            m.userBias().setAtIndex(F, 0, 4f);
            m.itemBias().setAtIndex(F, 0, 4f);
            assertEquals(100_000_000f, m.predict(0, 0));
            assertEquals(100_000_008f, 1e8f + (4f + 4f), "the other order would differ");
        }
    }

    @Test
    void vectorsAndShapes() {
        try (MfModel m = small(true)) {
            assertEquals(2, m.users());
            assertEquals(3, m.items());
            assertEquals(2, m.factors());
            assertArrayEquals(new float[] {-0.5f, 0.25f, 99f}, m.userVector(1, new float[] {0, 0, 99f}));
            assertArrayEquals(new float[] {-3f, 0f}, m.itemVector(2, new float[2]));
            assertEquals(10L, m.userIds().idOf(0));
            assertEquals(2, m.itemIds().indexOf(9));
            assertThrows(IllegalArgumentException.class, () -> m.userVector(0, new float[1]));
        }
    }

    @Test
    void allocationIsZeroedAndAligned() {
        try (MfModel m = MfModel.allocate(IdIndex.of(new long[] {1, 2, 3}), IdIndex.of(new long[] {4, 5}), 5, true)) {
            for (MemorySegment s : new MemorySegment[] {m.userFactors(), m.itemFactors(), m.userBias(), m.itemBias()}) {
                assertEquals(0, s.address() % 64, "64-byte aligned");
                for (long i = 0; i < s.byteSize() / Float.BYTES; i++) {
                    assertEquals(0f, s.getAtIndex(F, i));
                }
            }
            assertEquals(3 * 5 * Float.BYTES, m.userFactors().byteSize());
            assertEquals(2 * Float.BYTES, m.itemBias().byteSize());
            assertEquals(0f, m.predict(2, 1));
        }
    }

    @Test
    void closeFreesOnceAndRejectsBadShapes() {
        MfModel m = small(true);
        m.close();
        m.close();
        assertThrows(IllegalStateException.class, () -> m.predict(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MfModel.allocate(IdIndex.of(new long[] {1}), IdIndex.of(new long[] {1}), 0, true));
        assertTrue(e.getMessage().contains("factors"), e.getMessage());
    }
}
