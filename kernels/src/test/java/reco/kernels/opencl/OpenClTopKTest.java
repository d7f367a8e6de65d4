package reco.kernels.opencl;

import reco.kernels.ComputeDevice;
import reco.kernels.conformance.TopKConformance;

/** Top-k scoring on OpenCL against the Java reference (the checks are in {@link TopKConformance}). */
@RequiresOpenCl
class OpenClTopKTest extends TopKConformance {
    @Override
    protected ComputeDevice openDevice() {
        return new OpenClBackend().open("opencl");
    }
}
