/**
 * Recommendations from a trained model through the device's scoring op: top-N for a user (what they
 * rated excluded), movies similar to a movie (cosine over item vectors), and the same scoring in
 * blocks of users for ranking metrics and batch output.
 */
package reco.engine.recommend;
