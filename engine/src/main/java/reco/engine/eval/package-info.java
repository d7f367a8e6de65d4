/**
 * Evaluation measures: rating error ({@link reco.engine.eval.ErrorMetrics}, RMSE and MAE) and top-K
 * ranking quality ({@link reco.engine.eval.RankingMetrics}, precision, recall and NDCG at K). They score
 * predictions and ranked lists that others computed; nothing here predicts, ranks or touches a device.
 */
package reco.engine.eval;
