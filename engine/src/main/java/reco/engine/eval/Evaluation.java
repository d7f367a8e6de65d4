package reco.engine.eval;

/**
 * Test metrics of one model.
 *
 * @param rmse        root mean squared error over every test rating
 * @param mae         mean absolute error over every test rating
 * @param ranking     precision, recall and NDCG at {@code k}
 * @param testRatings how many test ratings
 * @param k           the cut-off of the ranking metrics
 * @param threshold   the rating at or above which a test item is relevant
 */
public record Evaluation(double rmse, double mae, RankingMetrics.Result ranking, long testRatings, int k,
                         float threshold) {
}
