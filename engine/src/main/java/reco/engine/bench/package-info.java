/**
 * The project's standard device comparison ({@code reco bench}): epoch times of the train op and
 * k-means times on generated data, measured device after device in one process so that ratios
 * between devices come from one run. Per-op microbenchmarks live in the JMH module ({@code bench/}).
 */
package reco.engine.bench;
