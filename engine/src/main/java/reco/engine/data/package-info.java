/**
 * MovieLens in its published layouts, read into off-heap columns ({@link reco.engine.data.RatingTable}),
 * with external ids mapped to dense indices ({@link reco.engine.data.IdIndex}) and the movie catalogue
 * ({@link reco.engine.data.Catalog}). Splits and the synthetic generator live here too. Nothing here
 * trains or computes on a device.
 */
package reco.engine.data;
