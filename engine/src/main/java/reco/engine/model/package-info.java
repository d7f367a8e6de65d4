/**
 * A trained model on the host ({@link reco.engine.model.MfModel}) and its folder on disk
 * ({@link reco.engine.model.ModelFiles}: {@code model.safetensors} plus {@code manifest.json}), and the
 * folder format of training checkpoints ({@link reco.engine.model.CheckpointFiles}). The safetensors
 * reader and writer are our own, a few hundred lines, so that the format has no dependency and every
 * byte is checked on load; every file is written to a temporary name, flushed and renamed. Nothing here
 * trains or evaluates.
 */
package reco.engine.model;
