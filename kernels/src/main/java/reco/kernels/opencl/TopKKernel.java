package reco.kernels.opencl;

import reco.kernels.DeviceBuffer;
import reco.kernels.Exclusions;
import reco.kernels.Matrix;
import reco.kernels.opencl.ffi.ClKernel;
import reco.kernels.opencl.ffi.ClMem;

/** Scoring with top-K selection and exclusions, with the kernel of {@code topk.cl}. */
final class TopKKernel {
    private static final String SOURCE = "topk.cl";

    private final OpenClDevice device;

    TopKKernel(OpenClDevice device) {
        this.device = device;
    }

    void run(Matrix queries, DeviceBuffer queryOffset, Matrix items, DeviceBuffer itemBias, Exclusions exclusions,
             int k, DeviceBuffer outItems, DeviceBuffer outScores) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        if (queries.cols() != items.cols()) {
            throw new IllegalArgumentException("matrix widths differ: " + queries.cols() + " vs " + items.cols());
        }
        int m = queries.rows();
        int n = items.rows();
        long out = 4L * m * k;
        ClMem offsets = exclusions == null ? null : device.mem(exclusions.offsets(), 4L * (m + 1), "exclusion offsets");
        ClMem excluded = exclusions == null ? null : device.mem(exclusions.items());
        long exCount = excluded == null ? 0 : excluded.byteSize() / Integer.BYTES;
        ClKernel kernel = device.kernel(SOURCE, queries.cols(), "topk");
        new Args(kernel).mem(device.mem(queries.buffer()))
                .i32(m).mem(queryOffset == null ? null : device.mem(queryOffset, 4L * m, "query offsets"))
                .i32(queryOffset == null ? 0 : 1)
                .mem(device.mem(items.buffer())).i32(n)
                .mem(itemBias == null ? null : device.mem(itemBias, 4L * n, "item biases")).i32(itemBias == null ? 0 : 1)
                .mem(offsets).mem(excluded).i32(exclusions == null ? 0 : 1).i32((int) Math.min(exCount, Integer.MAX_VALUE))
                .i32(k).mem(device.mem(outItems, out, "top-K items")).mem(device.mem(outScores, out, "top-K scores"));
        device.queue().launch(kernel, device.grid(m), device.workGroup());
        device.queue().flush(); // start now: the caller reads later
    }
}
