package reco.kernels.cuda;

import reco.kernels.ComputeDevice;
import reco.kernels.conformance.KMeansConformance;

/** K-means assignment and update on CUDA against the Java reference (the checks are in {@link KMeansConformance}). */
@RequiresCuda
class CudaKMeansTest extends KMeansConformance {
    @Override
    protected ComputeDevice openDevice() {
        return new CudaBackend().open("cuda");
    }
}
