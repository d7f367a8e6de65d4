/**
 * The OpenCL device: {@link reco.kernels.opencl.OpenClBackend} (discovery and the
 * {@code opencl[:PLATFORM[:DEVICE]]} specs) and {@link reco.kernels.opencl.OpenClDevice}, which runs the
 * op set with the shared kernel sources of {@code reco.kernels.source} (built after the {@code opencl.h}
 * prelude). Everything native goes through the typed wrappers of {@code reco.kernels.opencl.ffi}; no
 * raw handle or driver pointer is used here. Nothing here loads OpenCL until a device is listed or opened.
 */
package reco.kernels.opencl;
