/**
 * JMH benchmarks of the device ops (run from the shaded {@code bench/target/benchmarks.jar}). Data and
 * device are built in {@code @Setup}; each benchmark waits for the device before its measurement ends
 * and prints the device it ran on. {@link reco.bench.GpuTimings} is the GPU check's one-shot timing run
 * ({@code bench/gpu/check.sh}), sized for the few minutes a lent GPU machine gives. Nothing here is used
 * by the engine or the command line.
 */
package reco.bench;
