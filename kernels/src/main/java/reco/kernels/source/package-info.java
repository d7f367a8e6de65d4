/**
 * The kernel sources shared by the OpenCL and CUDA devices: one OpenCL C text per op (classpath
 * resources in {@code src/main/resources/reco/kernels/source/}), built after a small prelude per
 * dialect ({@code opencl.h} or {@code cuda.h}) and {@code common.cl}. {@link reco.kernels.source.KernelSource}
 * loads and assembles them; {@link reco.kernels.source.KernelSignature} reads a kernel's parameter
 * list back from the text, so that a host can check its arguments against it. Nothing here calls a
 * driver or knows which ops exist.
 */
package reco.kernels.source;
