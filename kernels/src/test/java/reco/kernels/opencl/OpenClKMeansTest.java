package reco.kernels.opencl;

import reco.kernels.ComputeDevice;
import reco.kernels.conformance.KMeansConformance;

/** K-means assignment and update on OpenCL against the Java reference (the checks are in {@link KMeansConformance}). */
@RequiresOpenCl
class OpenClKMeansTest extends KMeansConformance {
    @Override
    protected ComputeDevice openDevice() {
        return new OpenClBackend().open("opencl");
    }
}
