package reco.kernels.cuda;

import reco.kernels.ComputeDevice;
import reco.kernels.conformance.TopKConformance;

/** Top-k scoring on CUDA against the Java reference (the checks are in {@link TopKConformance}). */
@RequiresCuda
class CudaTopKTest extends TopKConformance {
    @Override
    protected ComputeDevice openDevice() {
        return new CudaBackend().open("cuda");
    }
}
