/**
 * The CUDA bindings: {@link reco.kernels.cuda.ffi.CudaDriver} (Panama FFM downcalls into the driver
 * API of {@code libcuda.so.1}, the {@code _v2} symbols, every {@code CUresult} checked and named) and
 * {@link reco.kernels.cuda.ffi.Nvrtc} (the run-time compiler, found by version), with typed, closeable
 * wrappers for what this project uses: the primary context, streams, device buffers, PTX modules and
 * their functions, events, and the kernel-argument array of a launch. Raw handles and device
 * addresses never leave this package. Nothing here knows about factor models or k-means.
 */
package reco.kernels.cuda.ffi;
