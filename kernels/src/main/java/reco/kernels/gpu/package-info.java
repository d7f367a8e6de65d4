/**
 * What the native backends that launch the shared kernel sources (OpenCL, CUDA) have in common on the
 * host side, written once: the scratch layout of the mini-batch training kernels and the meaning of
 * their fault flag. Nothing here calls a driver; each backend passes its own memory type and allocator.
 */
package reco.kernels.gpu;
