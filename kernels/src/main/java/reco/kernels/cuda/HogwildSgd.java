package reco.kernels.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import reco.kernels.Releaser;
import reco.kernels.FactorModel;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;
import reco.kernels.gpu.Faults;
import reco.kernels.cuda.ffi.CudaArgs;
import reco.kernels.cuda.ffi.CudaBuffer;
import reco.kernels.cuda.ffi.CudaFunction;

/**
 * SGD with batches of one rating, run Hogwild-style by the kernel of {@code sgd.cl} (its header says
 * why and what that costs in reproducibility), as the OpenCL device runs it: one launch per train
 * call, the fault flag and the per-block losses read once at the end.
 */
final class HogwildSgd implements AutoCloseable {
    private static final String SOURCE = "sgd.cl";

    private final CudaDevice device;
    private final Arena arena = Arena.ofShared(); // object scope: host copies of loss and fault, reused
    private final CudaBuffer fault;               // 1 int32: lowest bad order position, or Integer.MAX_VALUE
    private final MemorySegment hostFault;
    private CudaBuffer loss;                      // lossBlocks float32: one squared-error sum per block
    private MemorySegment hostLoss;
    private int lossBlocks;

    HogwildSgd(CudaDevice device) {
        this.device = device;
        this.fault = device.newMemory(4);
        this.hostFault = arena.allocate(4, 4);
    }

    double run(FactorModel model, CudaBuffer p, CudaBuffer q, CudaBuffer bu, CudaBuffer bi, RatingBuffers ratings,
               CudaBuffer order, long first, long count, StepConfig step) {
        long limit = Integer.MAX_VALUE - device.block();
        double sse = 0;
        for (long from = first, end = first + count; from < end; from += limit) {
            sse += launch(model, p, q, bu, bi, ratings, order, from, (int) Math.min(limit, end - from), step);
        }
        return sse;
    }

    private double launch(FactorModel model, CudaBuffer p, CudaBuffer q, CudaBuffer bu, CudaBuffer bi,
                          RatingBuffers ratings, CudaBuffer order, long first, int count, StepConfig step) {
        int blocks = (int) (device.grid(count) / device.block());
        ensureLoss(blocks);
        device.stream().fill(fault, Faults.NONE, 0, 4);
        CudaFunction kernel = device.function(SOURCE, model.factors(), "mf_sgd_hogwild");
        float scale = 2f; // the batch-of-one scale 2/|B|
        try (CudaArgs args = new CudaArgs(kernel)) {
            args.buffer(device.memory(ratings.users())).buffer(device.memory(ratings.items()))
                    .buffer(device.memory(ratings.ratings())).i64(ratings.count()).buffer(order)
                    .i32(order == null ? 0 : 1).i64(first).i32(count).buffer(p).buffer(q).buffer(bu).buffer(bi)
                    .f32(model.globalMean()).i32(model.biased() ? 1 : 0).i32(model.users()).i32(model.items())
                    .f32(step.learningRate()).f32(scale * step.l2()).f32(scale * step.biasL2())
                    .buffer(loss).buffer(fault);
            device.stream().launch(kernel, args, device.grid(count), device.block());
        }
        device.stream().read(fault, 0, hostFault);
        Faults.check(hostFault);
        MemorySegment partial = hostLoss.asSlice(0, 4L * blocks);
        device.stream().read(loss, 0, partial);
        double sse = 0;
        for (int b = 0; b < blocks; b++) {
            sse += partial.getAtIndex(ValueLayout.JAVA_FLOAT, b);
        }
        return sse;
    }

    private void ensureLoss(int blocks) {
        if (blocks <= lossBlocks) {
            return;
        }
        if (loss != null) {
            device.stream().synchronize();
            loss.close();
        }
        loss = device.newMemory(4L * blocks);
        hostLoss = arena.allocate(4L * blocks, 4);
        lossBlocks = blocks;
    }

    /** Releases the scratch; the caller has synchronised the stream. */
    @Override
    public void close() {
        try {
            Releaser.closeAll(loss, fault);
        } finally {
            arena.close();
        }
    }
}
