package reco.engine.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import reco.engine.data.IdIndex;

/** Seeded random models and manifests for the tests of this package. */
final class TestModels {

    private TestModels() {
    }

    /**
     * A model with seeded random parameters and ids that include the extremes of int64 (to catch any
     * reader that goes through float64).
     */
    static MfModel random(long seed, int users, int items, int factors, boolean biased) {
        SplittableRandom random = new SplittableRandom(seed);
        MfModel model = MfModel.allocate(IdIndex.of(ids(random.split(), users)), IdIndex.of(ids(random.split(), items)),
                factors, biased);
        fill(random.split(), model.userFactors());
        fill(random.split(), model.itemFactors());
        if (biased) {
            fill(random.split(), model.userBias());
            fill(random.split(), model.itemBias());
        }
        model.setGlobalMean(3.5f + (float) random.nextDouble());
        return model;
    }

    static Manifest manifest(long seed) {
        return Manifest.forTraining(seed, "ratings.csv 2483723 B; 100836 ratings sha256 00ff",
                Map.of("learning_rate", 0.01, "epochs", 20, "optimizer", "adam"),
                Map.of("rmse", 0.871, "ndcg@10", 0.25),
                List.of(new EpochStats(1, 1.25, 0.95, 0.5), new EpochStats(2, 0.75, null, 0.25)));
    }

    private static long[] ids(SplittableRandom random, int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = switch (i) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> (1L << 53) + 1; // the first integer a float64 cannot hold
                default -> random.nextLong();
            };
        }
        if (IdIndex.of(ids).size() != n) {
            throw new IllegalStateException("random ids collided; choose another seed");
        }
        return ids;
    }

    private static void fill(SplittableRandom random, MemorySegment floats) {
        for (long i = 0, n = floats.byteSize() / Float.BYTES; i < n; i++) {
            floats.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) random.nextGaussian());
        }
    }
}
