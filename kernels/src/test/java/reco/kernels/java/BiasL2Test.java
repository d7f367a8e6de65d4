package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;

/** The biases' L2 weight is separate from the factors'. */
class BiasL2Test {

    @Test
    void biasesAndFactorsShrinkByTheirOwnWeights() {
        try (JavaDevice d = new JavaDevice(1); Arena arena = Arena.ofConfined()) {
            DeviceBuffer p = buffer(d, arena, new float[] {0.5f});
            DeviceBuffer q = buffer(d, arena, new float[] {0.5f});
            DeviceBuffer bu = buffer(d, arena, new float[] {0.2f});
            DeviceBuffer bi = buffer(d, arena, new float[] {0.1f});
            FactorModel m = new FactorModel(new Matrix(p, 1, 1), new Matrix(q, 1, 1), bu, bi, 3f, true);
            DeviceBuffer users = d.allocate(4);
            DeviceBuffer items = d.allocate(4);
            DeviceBuffer ratings = buffer(d, arena, new float[] {4f});
            // ŷ = 3 + 0.2 + 0.1 + 0.25 = 3.55, e = −0.45, |B| = 1 so scale = 2.
            StepConfig sgd = new StepConfig(Optimizer.SGD, 0.1f, 0.1f, 0.5f, 0.9f, 0.999f, 1e-8f, 1);
            double sse = d.train(m, null, new RatingBuffers(users, items, ratings, 1), null, 0, 1, sgd, 1);
            assertEquals(0.2025, sse, 1e-6);
            // g(p_u) = 2·(−0.45·0.5 + 0.1·0.5) = −0.35 → 0.5 + 0.1·0.35 = 0.535 (same for q_i).
            assertEquals(0.535f, read(d, arena, p), 1e-6f);
            assertEquals(0.535f, read(d, arena, q), 1e-6f);
            // g(b_u) = 2·(−0.45 + 0.5·0.2) = −0.7 → 0.27;  g(b_i) = 2·(−0.45 + 0.5·0.1) = −0.8 → 0.18.
            assertEquals(0.27f, read(d, arena, bu), 1e-6f);
            assertEquals(0.18f, read(d, arena, bi), 1e-6f);
        }
    }

    private static DeviceBuffer buffer(JavaDevice d, Arena arena, float[] values) {
        DeviceBuffer b = d.allocate((long) values.length * Float.BYTES);
        d.write(b, 0, arena.allocateFrom(ValueLayout.JAVA_FLOAT, values));
        return b;
    }

    private static float read(JavaDevice d, Arena arena, DeviceBuffer b) {
        MemorySegment s = arena.allocate(Float.BYTES);
        d.read(b, 0, s);
        return s.get(ValueLayout.JAVA_FLOAT, 0);
    }
}
