/**
 * The reference device: plain multi-threaded Java over off-heap segments. Every other device is
 * tested against it, so it favours obviously-correct, deterministic code: for a given input it gives
 * bit-identical results whatever the thread count.
 */
package reco.kernels.java;
