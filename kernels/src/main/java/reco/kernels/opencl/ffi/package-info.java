/**
 * The OpenCL binding: {@link reco.kernels.opencl.ffi.OpenCl} (Panama FFM downcalls into the ICD
 * loader {@code libOpenCL.so.1}, one method handle per C function, every status checked by
 * {@link reco.kernels.opencl.ffi.ClStatus}) and typed, closeable wrappers for the objects this project
 * uses: context, queue, buffer, program, kernel, event. Raw handles and driver pointers never leave
 * this package. Nothing here knows about factor models or k-means; that lives one package up.
 */
package reco.kernels.opencl.ffi;
