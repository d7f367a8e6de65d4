package reco.kernels.cuda;

import reco.kernels.DeviceBuffer;
import reco.kernels.Exclusions;
import reco.kernels.Matrix;
import reco.kernels.cuda.ffi.CudaArgs;
import reco.kernels.cuda.ffi.CudaBuffer;
import reco.kernels.cuda.ffi.CudaFunction;

/** Scoring with top-K selection and exclusions, with the kernel of {@code topk.cl}. */
final class TopKKernel {
    private static final String SOURCE = "topk.cl";

    private final CudaDevice device;

    TopKKernel(CudaDevice device) {
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
        CudaBuffer offsets = exclusions == null ? null
                : device.memory(exclusions.offsets(), 4L * (m + 1), "exclusion offsets");
        CudaBuffer excluded = exclusions == null ? null : device.memory(exclusions.items());
        long exCount = excluded == null ? 0 : excluded.byteSize() / Integer.BYTES;
        CudaFunction kernel = device.function(SOURCE, queries.cols(), "topk");
        try (CudaArgs args = new CudaArgs(kernel)) {
            args.buffer(device.memory(queries.buffer())).i32(m)
                    .buffer(queryOffset == null ? null : device.memory(queryOffset, 4L * m, "query offsets"))
                    .i32(queryOffset == null ? 0 : 1)
                    .buffer(device.memory(items.buffer())).i32(n)
                    .buffer(itemBias == null ? null : device.memory(itemBias, 4L * n, "item biases"))
                    .i32(itemBias == null ? 0 : 1)
                    .buffer(offsets).buffer(excluded).i32(exclusions == null ? 0 : 1)
                    .i32((int) Math.min(exCount, Integer.MAX_VALUE))
                    .i32(k).buffer(device.memory(outItems, out, "top-K items"))
                    .buffer(device.memory(outScores, out, "top-K scores"));
            device.stream().launch(kernel, args, device.grid(m), device.block());
        }
    }
}
