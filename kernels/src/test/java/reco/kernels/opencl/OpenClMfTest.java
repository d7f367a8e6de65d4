package reco.kernels.opencl;

import reco.kernels.ComputeDevice;
import reco.kernels.conformance.MfConformance;

/** Prediction and training on OpenCL against the Java reference (the checks are in {@link MfConformance}). */
@RequiresOpenCl
class OpenClMfTest extends MfConformance {
    @Override
    protected ComputeDevice openDevice() {
        return new OpenClBackend().open("opencl");
    }
}
