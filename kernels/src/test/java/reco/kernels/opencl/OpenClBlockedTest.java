package reco.kernels.opencl;

import reco.kernels.ComputeDevice;
import reco.kernels.conformance.BlockedConformance;

/** Blocked training on OpenCL against the Java reference (the checks are in {@link BlockedConformance}). */
@RequiresOpenCl
class OpenClBlockedTest extends BlockedConformance {
    @Override
    protected ComputeDevice openDevice() {
        return new OpenClBackend().open("opencl");
    }
}
