/**
 * The recommendation engine: data loading, training, evaluation, clustering and recommendations.
 * It computes through {@link reco.kernels.ComputeDevice} and never names OpenCL, CUDA or any
 * binding: a device is chosen by a spec string and used through the interface only.
 */
package reco.engine;
