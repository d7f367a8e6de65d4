package reco.kernels.cuda;

import reco.kernels.ComputeDevice;
import reco.kernels.conformance.MfConformance;

/** Prediction and training on CUDA against the Java reference (the checks are in {@link MfConformance}). */
@RequiresCuda
class CudaMfTest extends MfConformance {
    @Override
    protected ComputeDevice openDevice() {
        return new CudaBackend().open("cuda");
    }
}
