/**
 * A trained model on the host ({@link reco.engine.model.MfModel}) and its folder on disk
 * ({@link reco.engine.model.ModelFiles}: {@code model.safetensors} plus {@code manifest.json}). The
 * safetensors reader and writer are our own, a few hundred lines, so that the format has no dependency
 * and every byte is checked on load. Nothing here trains, evaluates or touches a device.
 */
package reco.engine.model;
