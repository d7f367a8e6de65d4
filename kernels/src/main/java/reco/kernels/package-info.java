/**
 * The device boundary: {@link reco.kernels.ComputeDevice} and the small op set that training,
 * evaluation and clustering need (predict, one optimisation step over mini-batches, k-means assign
 * and update, scoring with top-K). Everything here computes on device buffers of plain numbers;
 * nothing here knows about movies, files or the command line. Backends live in sub-packages
 * ({@code java}, {@code opencl}, {@code cuda}) and are reached through {@link reco.kernels.Devices}.
 */
package reco.kernels;
