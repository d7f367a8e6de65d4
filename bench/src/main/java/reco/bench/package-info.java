/**
 * JMH benchmarks of the device ops, one class per op (predict, the train op with Adam and with SGD,
 * k-means assign and update, top-K) and one for a whole epoch through the trainer, run from the shaded
 * {@code bench/target/benchmarks.jar} ({@code bench/quick.sh} for a short pass). Every benchmark takes
 * a device spec, a factor count and a data size as JMH parameters; {@link reco.bench.OnDevice} holds
 * them and the trial's set-up, {@link reco.bench.DeviceData} the seeded data it puts on the device.
 * {@link reco.bench.GpuTimings} is the GPU check's one-shot timing run ({@code bench/gpu/check.sh}),
 * sized for the few minutes a lent GPU machine gives. Nothing here is used by the engine or the command
 * line; the scale report ({@code reco bench}) lives in {@code reco.engine.bench}.
 */
package reco.bench;
