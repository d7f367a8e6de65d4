/**
 * Training of biased matrix factorisation on a {@link reco.kernels.ComputeDevice}: the epoch loop
 * (seeded shuffles, mini-batches, validation, early stopping), its configuration and its per-epoch
 * reports. The arithmetic runs in the device's train and predict ops; this package only orchestrates.
 */
package reco.engine.train;
