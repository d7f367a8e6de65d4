/**
 * Recommendations from a trained model through the device's scoring op: top-N for a user (what they
 * rated excluded), movies similar to a movie (cosine over item vectors), the same scoring in blocks of
 * users for ranking metrics and streamed batch output ({@link reco.engine.recommend.BatchRecommender}),
 * and top-N for a user the model has never seen, whose vector is fitted from a few ratings against the
 * fixed item vectors ({@link reco.engine.recommend.FoldIn}).
 */
package reco.engine.recommend;
