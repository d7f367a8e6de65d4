package reco.kernels.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import reco.kernels.Releaser;
import reco.kernels.FactorModel;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;
import reco.kernels.gpu.Faults;
import reco.kernels.opencl.ffi.ClKernel;
import reco.kernels.opencl.ffi.ClMem;

/**
 * SGD with batches of one rating, run Hogwild-style by the kernel of {@code sgd.cl} (its header says
 * why and what that costs in reproducibility). One launch per train call; the loss and the fault flag
 * are read once at the end.
 */
final class HogwildSgd implements AutoCloseable {
    private static final String SOURCE = "sgd.cl";

    private final OpenClDevice device;
    private final Arena arena = Arena.ofShared(); // object scope: host copies of loss and fault, reused
    private final ClMem fault;                    // 1 int32: lowest bad order position, or Integer.MAX_VALUE
    private final MemorySegment hostFault;
    private ClMem loss;                           // lossGroups float32: one squared-error sum per work-group
    private MemorySegment hostLoss;
    private int lossGroups;

    HogwildSgd(OpenClDevice device) {
        this.device = device;
        this.fault = device.newMem(4);
        this.hostFault = arena.allocate(4, 4);
    }

    double run(FactorModel model, ClMem p, ClMem q, ClMem bu, ClMem bi, RatingBuffers ratings, ClMem order,
               long first, long count, StepConfig step) {
        long limit = Integer.MAX_VALUE - device.workGroup();
        double sse = 0;
        for (long from = first, end = first + count; from < end; from += limit) {
            sse += launch(model, p, q, bu, bi, ratings, order, from, (int) Math.min(limit, end - from), step);
        }
        return sse;
    }

    private double launch(FactorModel model, ClMem p, ClMem q, ClMem bu, ClMem bi, RatingBuffers ratings,
                          ClMem order, long first, int count, StepConfig step) {
        int groups = (int) (device.grid(count) / device.workGroup());
        ensureLoss(groups);
        device.queue().fill(fault, Faults.NONE, 0, 4);
        ClKernel kernel = device.kernel(SOURCE, model.factors(), "mf_sgd_hogwild");
        float scale = 2f; // the batch-of-one scale 2/|B|
        new Args(kernel).mem(device.mem(ratings.users())).mem(device.mem(ratings.items()))
                .mem(device.mem(ratings.ratings())).i64(ratings.count()).mem(order).i32(order == null ? 0 : 1)
                .i64(first).i32(count).mem(p).mem(q).mem(bu).mem(bi).f32(model.globalMean())
                .i32(model.biased() ? 1 : 0).i32(model.users()).i32(model.items()).f32(step.learningRate())
                .f32(scale * step.l2()).f32(scale * step.biasL2()).mem(loss).mem(fault);
        device.queue().launch(kernel, device.grid(count), device.workGroup());
        device.queue().read(fault, 0, hostFault);
        Faults.check(hostFault);
        MemorySegment partial = hostLoss.asSlice(0, 4L * groups);
        device.queue().read(loss, 0, partial);
        double sse = 0;
        for (int g = 0; g < groups; g++) {
            sse += partial.getAtIndex(ValueLayout.JAVA_FLOAT, g);
        }
        return sse;
    }

    private void ensureLoss(int groups) {
        if (groups <= lossGroups) {
            return;
        }
        if (loss != null) {
            device.queue().finish();
            loss.close();
        }
        loss = device.newMem(4L * groups);
        hostLoss = arena.allocate(4L * groups, 4);
        lossGroups = groups;
    }

    /** Releases the scratch; the caller has finished the queue (the device does before closing its parts). */
    @Override
    public void close() {
        try {
            Releaser.closeAll(loss, fault);
        } finally {
            arena.close();
        }
    }
}
