package reco.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import reco.engine.data.RatingTable;
import reco.engine.recommend.RecommenderTest;
import reco.engine.model.MfModel;
import reco.kernels.ComputeDevice;
import reco.kernels.java.JavaDevice;

/** The evaluation protocol on the hand-made model of {@link RecommenderTest}. */
class EvaluatorTest {

    @Test
    void errorAndRankingMetricsFollowTheProtocol() {
        try (MfModel m = RecommenderTest.model(); ComputeDevice d = new JavaDevice(1);
             RatingTable train = RatingTable.allocate(1); RatingTable test = RatingTable.allocate(3)) {
            // User 0 rated item 0 in training, so candidates are 1, 2, 3 scored 4.5, 3, 2.
            train.set(0, 0, 0, 5f, 0);
            // Test: user 0 liked item 2 (relevant, rank 2 of 3) and disliked item 1; user 1 has nothing ≥ 4.
            test.set(0, 0, 2, 4f, 0);   // predicted 3.0, error -1
            test.set(1, 0, 1, 2f, 0);   // predicted 4.5, error 2.5
            test.set(2, 1, 3, 3f, 0);   // predicted 3.25, error 0.25
            Evaluation e = new Evaluator(d).evaluate(m, train, test, 2, 4f);
            assertEquals(Math.sqrt((1 + 6.25 + 0.0625) / 3), e.rmse(), 1e-6);
            assertEquals((1 + 2.5 + 0.25) / 3, e.mae(), 1e-6);
            // Only user 0 is ranked: top-2 = [1, 2], relevant {2} → precision 1/2, recall 1, NDCG (1/log2 3)/1.
            assertEquals(1, e.ranking().users());
            assertEquals(0.5, e.ranking().precision(), 1e-9);
            assertEquals(1.0, e.ranking().recall(), 1e-9);
            assertEquals(1 / (Math.log(3) / Math.log(2)), e.ranking().ndcg(), 1e-9);
        }
    }
}
