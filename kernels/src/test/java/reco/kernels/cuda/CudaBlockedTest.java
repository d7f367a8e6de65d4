package reco.kernels.cuda;

import reco.kernels.ComputeDevice;
import reco.kernels.conformance.BlockedConformance;

/** Blocked training on CUDA against the Java reference (the checks are in {@link BlockedConformance}). */
@RequiresCuda
class CudaBlockedTest extends BlockedConformance {
    @Override
    protected ComputeDevice openDevice() {
        return new CudaBackend().open("cuda");
    }
}
