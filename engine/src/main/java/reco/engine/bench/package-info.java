/**
 * The scale report ({@code reco bench}): epoch times of the trainer per device, data size and
 * optimizer, time to a target validation RMSE, k-means, writing and loading a ratings.csv, and the peak
 * RSS of each, measured device after device in one run so that ratios between devices come from one
 * run. Each measured phase can run in a JVM of its own ({@link reco.engine.bench.PhaseProcess}) for its
 * own peak RSS. Data are generated ({@link reco.engine.bench.DataShape}: MovieLens-shaped at every size).
 * Formatting the tables is the command line's job; per-op microbenchmarks live in the JMH module
 * ({@code bench/}), which uses {@link reco.engine.bench.DataShape} and
 * {@link reco.engine.bench.ConfigOverrides} too.
 */
package reco.engine.bench;
