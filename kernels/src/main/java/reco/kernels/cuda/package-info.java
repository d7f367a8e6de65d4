/**
 * The CUDA device: {@link reco.kernels.cuda.CudaBackend} (discovery and the {@code cuda[:ORDINAL]}
 * specs) and {@link reco.kernels.cuda.CudaDevice}, which runs the op set with the shared kernel
 * sources of {@code reco.kernels.source}, compiled by NVRTC after the {@code cuda.h} prelude. Each op
 * launches the same kernels with the same arguments as the OpenCL device. Everything native goes
 * through the typed wrappers of {@code reco.kernels.cuda.ffi}; no raw handle or device address is used
 * here. Nothing here loads the driver until a device is listed or opened.
 */
package reco.kernels.cuda;
