package reco.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import reco.engine.data.IdIndex;
import reco.engine.data.RatingTable;
import reco.engine.model.MfModel;
import reco.kernels.ComputeDevice;
import reco.kernels.Optimizer;
import reco.kernels.java.JavaDevice;

/** The epoch loop: learning a planted structure, early stopping, refit, divergence, determinism. */
class TrainerTest {
    static final long SEED = 7;

    /** ratings = 3 + dot(P*, Q*) + noise(0.1) for a random 40 % of a 200 × 150 matrix of rank 3. */
    static RatingTable planted(long seed) {
        int users = 200;
        int items = 150;
        int rank = 3;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] p = new double[users][rank];
        double[][] q = new double[items][rank];
        for (double[] row : p) {
            for (int f = 0; f < rank; f++) {
                row[f] = rng.nextGaussian() * 0.7;
            }
        }
        for (double[] row : q) {
            for (int f = 0; f < rank; f++) {
                row[f] = rng.nextGaussian() * 0.7;
            }
        }
        int n = 0;
        float[] r = new float[users * items];
        int[] uu = new int[users * items];
        int[] ii = new int[users * items];
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                if (rng.nextDouble() < 0.4) {
                    double dot = 0;
                    for (int f = 0; f < rank; f++) {
                        dot += p[u][f] * q[i][f];
                    }
                    uu[n] = u;
                    ii[n] = i;
                    r[n++] = (float) (3 + dot + rng.nextGaussian() * 0.1);
                }
            }
        }
        RatingTable t = RatingTable.allocate(n);
        for (int j = 0; j < n; j++) {
            t.set(j, uu[j], ii[j], r[j], j);
        }
        return t;
    }

    static IdIndex range(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
        }
        return IdIndex.of(ids);
    }

    static double rmse(MfModel m, RatingTable t) {
        double s = 0;
        for (long r = 0; r < t.size(); r++) {
            double e = m.predict(t.user(r), t.item(r)) - t.rating(r);
            s += e * e;
        }
        return Math.sqrt(s / t.size());
    }

    TrainConfig config() {
        return TrainConfig.defaults().toBuilder().factors(8).l2(0.001f).learningRate(0.01f).batchSize(256)
                .epochs(60).seed(SEED).build();
    }

    @Test
    void learnsAPlantedLowRankMatrixAndStopsEarly() {
        try (RatingTable all = planted(SEED); TrainingData td = TrainingData.split(all, TrainingData.SplitKind.RANDOM, 0.2, 0.1, SEED);
             ComputeDevice d = new JavaDevice(2)) {
            TrainResult r = new Trainer(d, config().toBuilder().refit(false).build(), null).train(td.fit(), td.validation(), range(200), range(150));
            try (MfModel m = r.model()) {
                double test = rmse(m, td.test());
                // Predicting the mean scores about the spread of dot(P*, Q*) (~1.0); noise is 0.1.
                assertTrue(test < 0.25, "test RMSE " + test);
                EpochReport best = r.history().get(r.bestEpoch() - 1);
                assertTrue(best.improved());
                for (EpochReport e : r.history()) {
                    assertTrue(e.validationRmse() >= best.validationRmse());
                }
                // The model holds the best epoch's parameters, not the last epoch's.
                assertEquals(best.validationRmse(), rmse(m, td.validation()), 1e-4);
            }
        }
    }

    @Test
    void refitTrainsOnTrainingPlusValidationForTheBestEpochCount() {
        try (RatingTable all = planted(SEED); TrainingData td = TrainingData.split(all, TrainingData.SplitKind.RANDOM, 0.2, 0.1, SEED);
             ComputeDevice d = new JavaDevice(2)) {
            TrainResult r = new Trainer(d, config().toBuilder().patience(3).build(), null).train(td.fit(), td.validation(), range(200), range(150));
            try (MfModel m = r.model()) {
                long refitEpochs = r.history().stream().filter(EpochReport::refit).count();
                long searchEpochs = r.history().size() - refitEpochs;
                assertEquals(r.bestEpoch(), refitEpochs);
                assertTrue(searchEpochs >= refitEpochs + 3, "patience 3 ran " + searchEpochs + " search epochs");
                assertTrue(rmse(m, td.test()) < 0.25);
            }
        }
    }

    @Test
    void sameSeedSameModelAcrossThreadCounts() {
        float[][] p = new float[2][];
        int[] threads = {1, 3};
        for (int t = 0; t < 2; t++) {
            try (RatingTable all = planted(SEED); ComputeDevice d = new JavaDevice(threads[t]);
                 MfModel m = new Trainer(d, config().toBuilder().epochs(3).batchSize(8192).build(), null)
                         .train(all, null, range(200), range(150)).model()) {
                p[t] = m.itemFactors().toArray(ValueLayout.JAVA_FLOAT);
            }
        }
        assertArrayEquals(p[0], p[1]);
    }

    @Test
    void aBlockedScheduleLearnsThePlantedMatrixToo() {
        try (RatingTable all = planted(SEED); TrainingData td = TrainingData.split(all, TrainingData.SplitKind.RANDOM, 0.2, 0.1, SEED);
             ComputeDevice d = new JavaDevice(2)) {
            // Per-rating SGD from factors as small as Adam's 0.01 sits near the saddle at 0 for many
            // epochs; 0.1 is the classic (Funk) start.
            TrainConfig blocked = config().toBuilder().optimizer(Optimizer.SGD).learningRate(0.01f).initScale(0.1f)
                    .batchSize(1).blocks(4).refit(false).build();
            TrainResult r = new Trainer(d, blocked, null).train(td.fit(), td.validation(), range(200), range(150));
            try (MfModel m = r.model()) {
                double test = rmse(m, td.test());
                assertTrue(test < 0.25, "test RMSE " + test);
            }
        }
    }

    @Test
    void aBlockedScheduleGivesTheSameModelForAnyThreadCount() {
        float[][] q = new float[2][];
        int[] threads = {1, 3};
        TrainConfig blocked = config().toBuilder().epochs(3).batchSize(1).blocks(5).build();
        for (int t = 0; t < 2; t++) {
            try (RatingTable all = planted(SEED); ComputeDevice d = new JavaDevice(threads[t]);
                 MfModel m = new Trainer(d, blocked, null).train(all, null, range(200), range(150)).model()) {
                q[t] = m.itemFactors().toArray(ValueLayout.JAVA_FLOAT);
            }
        }
        assertArrayEquals(q[0], q[1]);
    }

    @Test
    void unseenRowsStayZeroSoTheyPredictFromWhatIsKnown() {
        try (RatingTable all = planted(SEED); ComputeDevice d = new JavaDevice(1)) {
            // Index 200 users and 151 items: user 200 and item 150 have no rating.
            try (MfModel m = new Trainer(d, config().toBuilder().epochs(2).build(), null).train(all, null, range(201), range(151)).model()) {
                assertEquals(m.globalMean() + m.itemBias().getAtIndex(ValueLayout.JAVA_FLOAT, 3), m.predict(200, 3), 1e-6);
                assertEquals(0f, m.itemBias().getAtIndex(ValueLayout.JAVA_FLOAT, 150));
            }
        }
    }

    @Test
    void aLearningRateThatBlowsUpStopsWithAMessage() {
        try (RatingTable all = planted(SEED); ComputeDevice d = new JavaDevice(1)) {
            TrainConfig wild = config().toBuilder().optimizer(Optimizer.SGD).learningRate(1e6f).epochs(5).build();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> new Trainer(d, wild, null).train(all, null, range(200), range(150)));
            assertTrue(e.getMessage().contains("--lr"), e.getMessage());
        }
    }
}
