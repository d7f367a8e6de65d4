/**
 * MovieLens in its published layouts ({@link reco.engine.data.Layout}), read into off-heap columns
 * ({@link reco.engine.data.RatingTable}) by a parallel byte-level parser, with external ids mapped to
 * dense indices ({@link reco.engine.data.IdIndex}) and the movie catalogue ({@link reco.engine.data.Catalog});
 * {@link reco.engine.data.MovieLens} is the entry point and states the loading policies. Splits, the
 * synthetic generator and data set statistics live here too. Every problem with a user's file is a
 * {@link reco.engine.data.DataException} naming file, line and column.
 *
 * <p>Nothing here trains, evaluates or computes on a device, and nothing here prints: the CLI formats.
 */
package reco.engine.data;
