/**
 * Training of biased matrix factorisation on a {@link reco.kernels.ComputeDevice}: the epoch loop
 * (seeded shuffles, mini-batches, validation, early stopping), its configuration and its per-epoch
 * reports; checkpoints of a run and its exact resume ({@link reco.engine.train.CheckpointPolicy},
 * {@link reco.engine.train.TrainingCheckpoint}); the memory a run needs, estimated before it starts
 * ({@link reco.engine.train.TrainingMemory}). The arithmetic runs in the device's train and predict ops;
 * this package only orchestrates.
 */
package reco.engine.train;
