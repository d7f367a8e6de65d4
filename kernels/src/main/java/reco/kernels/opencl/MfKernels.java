package reco.kernels.opencl;

import java.lang.foreign.ValueLayout;

import reco.kernels.AdamMoments;
import reco.kernels.BlockRanges;
import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;
import reco.kernels.gpu.Faults;
import reco.kernels.gpu.TrainScratch;
import reco.kernels.opencl.ffi.ClKernel;
import reco.kernels.opencl.ffi.ClMem;
import reco.kernels.opencl.ffi.ClQueue;

/**
 * Prediction and mini-batch training with the kernels of {@code mf.cl} (its header explains the
 * scheme); batches of one by {@link HogwildSgd}, blocked strata by {@link BlockedTraining}.
 */
final class MfKernels implements AutoCloseable {
    private static final String SOURCE = "mf.cl";

    private final OpenClDevice device;
    private TrainScratch<ClMem> scratch; // kept across calls while the model's shape and batch size fit
    private HogwildSgd hogwild;   // made on the first SGD call with batches of one
    private BlockedTraining blocked; // made on the first blocked call

    MfKernels(OpenClDevice device) {
        this.device = device;
    }

    /** A model's buffers, checked against its shape. */
    record Mems(ClMem p, ClMem q, ClMem userBias, ClMem itemBias) {
    }

    void predict(FactorModel model, RatingBuffers ratings, long first, long count, DeviceBuffer out) {
        checkRange(first, count, ratings.count());
        if (count > Integer.MAX_VALUE - device.workGroup()) {
            throw new IllegalArgumentException("predict takes at most " + (Integer.MAX_VALUE - device.workGroup())
                    + " ratings per call, was asked for " + count);
        }
        Mems m = mems(model, "model");
        ClMem o = device.mem(out, 4 * count, "predict output");
        ClKernel kernel = device.kernel(SOURCE, model.factors(), "mf_predict");
        new Args(kernel).mem(device.mem(ratings.users())).mem(device.mem(ratings.items())).i64(first).i32((int) count)
                .mem(m.p()).mem(m.q()).mem(m.userBias()).mem(m.itemBias())
                .f32(model.globalMean()).i32(model.biased() ? 1 : 0).i32(model.users()).i32(model.items()).mem(o);
        device.queue().launch(kernel, device.grid(count), device.workGroup());
        device.queue().flush(); // start now: the caller reads later
    }

    double train(FactorModel model, AdamMoments moments, RatingBuffers ratings, DeviceBuffer order,
                 long first, long count, StepConfig step, long firstStep) {
        long orderSize = order == null ? ratings.count() : device.mem(order).byteSize() / Integer.BYTES;
        checkRange(first, count, orderSize);
        boolean adam = step.optimizer() == Optimizer.ADAM;
        if (adam && moments == null) {
            throw new IllegalArgumentException("Adam needs its moment buffers");
        }
        if (count == 0) {
            return 0;
        }
        Mems m = mems(model, "model");
        if (!adam && step.batchSize() == 1) {
            if (hogwild == null) {
                hogwild = new HogwildSgd(device);
            }
            return hogwild.run(model, m.p(), m.q(), m.userBias(), m.itemBias(), ratings,
                    order == null ? null : device.mem(order), first, count, step);
        }
        Mems m1 = adam ? mems(sameShape(moments.first(), model, "first moment"), "first moment") : null;
        Mems m2 = adam ? mems(sameShape(moments.second(), model, "second moment"), "second moment") : null;
        int capacity = (int) Math.min(step.batchSize(), count);
        if (scratch == null || !scratch.fits(model.users(), model.items(), model.factors(), capacity)) {
            discardScratch();
            scratch = new TrainScratch<>(model.users(), model.items(), model.factors(), capacity, device.workGroup(),
                    device::newMem);
        }
        try {
            TrainLaunch launch = new TrainLaunch(device, scratch, model, m, m1, m2, ratings, order, step);
            return launch.run(first, count, firstStep);
        } catch (RuntimeException | Error e) {
            discardScratch(); // rowCount may be left non-zero half-way through a batch
            throw e;
        }
    }

    double trainBlocks(FactorModel model, AdamMoments moments, RatingBuffers ratings, long[] starts, long[] counts,
                       StepConfig step, long firstStep) {
        BlockRanges.check(starts, counts, ratings.count(), step);
        boolean adam = step.optimizer() == Optimizer.ADAM;
        if (adam && moments == null) {
            throw new IllegalArgumentException("Adam needs its moment buffers");
        }
        if (adam && firstStep < 1) {
            throw new IllegalArgumentException("Adam's first step must be at least 1 (steps count from 1 for "
                    + "bias correction), was " + firstStep);
        }
        Mems m = mems(model, "model");
        Mems m1 = adam ? mems(sameShape(moments.first(), model, "first moment"), "first moment") : null;
        Mems m2 = adam ? mems(sameShape(moments.second(), model, "second moment"), "second moment") : null;
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        if (blocked == null) {
            blocked = new BlockedTraining(device);
        }
        return blocked.run(model, m, m1, m2, ratings, starts, counts, step, firstStep);
    }

    @Override
    public void close() {
        if (blocked != null) {
            blocked.close();
            blocked = null;
        }
        if (scratch != null) {
            scratch.close();
            scratch = null;
        }
        if (hogwild != null) {
            hogwild.close();
            hogwild = null;
        }
    }

    private void discardScratch() {
        if (scratch != null) {
            device.queue().finish();
            close();
        }
    }

    private Mems mems(FactorModel model, String what) {
        ClMem p = device.mem(model.userFactors().buffer());
        ClMem q = device.mem(model.itemFactors().buffer());
        if (!model.biased()) {
            return new Mems(p, q, null, null);
        }
        return new Mems(p, q, device.mem(model.userBias(), 4L * model.users(), what + " user biases"),
                device.mem(model.itemBias(), 4L * model.items(), what + " item biases"));
    }

    private static FactorModel sameShape(FactorModel moment, FactorModel model, String what) {
        if (moment.users() != model.users() || moment.items() != model.items() || moment.factors() != model.factors()
                || moment.biased() != model.biased()) {
            throw new IllegalArgumentException("Adam's " + what + " is not shaped like the model");
        }
        return moment;
    }

    private static void checkRange(long first, long count, long size) {
        if (first < 0 || count < 0 || first + count > size) {
            throw new IllegalArgumentException("range [" + first + ", " + (first + count) + ") outside 0.." + size);
        }
    }

    /** One train call: sets the constant arguments once, enqueues every batch, reads the loss once. */
    private static final class TrainLaunch {
        private final OpenClDevice device;
        private final ClQueue queue;
        private final TrainScratch<ClMem> s;
        private final StepConfig step;
        private final ClKernel gather;
        private final ClKernel segments;
        private final ClKernel scatter;
        private final ClKernel apply;
        private final int gatherFirst;
        private final int scatterCount;
        private final int applyScale;
        private final int applyStepSize;

        TrainLaunch(OpenClDevice device, TrainScratch<ClMem> s, FactorModel model, Mems m, Mems m1, Mems m2,
                    RatingBuffers ratings, DeviceBuffer order, StepConfig step) {
            this.device = device;
            this.queue = device.queue();
            this.s = s;
            this.step = step;
            int k = model.factors();
            int biased = model.biased() ? 1 : 0;
            this.gather = device.kernel(SOURCE, k, "mf_gather");
            this.segments = device.kernel(SOURCE, k, "mf_segments");
            this.scatter = device.kernel(SOURCE, k, "mf_scatter");
            this.apply = device.kernel(SOURCE, k, "mf_apply");
            Args a = new Args(gather).mem(device.mem(ratings.users())).mem(device.mem(ratings.items()))
                    .mem(device.mem(ratings.ratings())).i64(ratings.count())
                    .mem(device.memOrNull(order)).i32(order == null ? 0 : 1);
            this.gatherFirst = a.next();
            a.i64(0).i32(0).mem(m.p()).mem(m.q()).mem(m.userBias()).mem(m.itemBias())
                    .f32(model.globalMean()).i32(biased).i32(s.users).i32(s.items)
                    .mem(s.batchUser).mem(s.batchItem).mem(s.batchError).mem(s.batchP).mem(s.batchQ)
                    .mem(s.rankUser).mem(s.rankItem)
                    .mem(s.rowCount).mem(s.rowSlot).mem(s.touched).i32(s.itemSlot0).mem(s.counters).mem(s.loss)
                    .mem(s.fault);
            new Args(segments).mem(s.touched).i32(s.itemSlot0).mem(s.rowCount).i32(s.users).mem(s.counters)
                    .mem(s.segStart).i32(s.capacity);
            a = new Args(scatter).mem(s.batchUser).mem(s.batchItem).mem(s.rankUser).mem(s.rankItem);
            this.scatterCount = a.next();
            a.i32(0).i32(s.users).mem(s.rowSlot).mem(s.segStart).mem(s.segment);
            a = new Args(apply).mem(s.touched).i32(s.itemSlot0).mem(s.counters).mem(s.rowCount).i32(s.users)
                    .mem(s.segStart).mem(s.segment).mem(s.batchError).mem(s.batchP).mem(s.batchQ)
                    .mem(m.p()).mem(m.q()).mem(m.userBias()).mem(m.itemBias()).i32(biased)
                    .mem(m1 == null ? null : m1.p()).mem(m1 == null ? null : m1.q())
                    .mem(m1 == null ? null : m1.userBias()).mem(m1 == null ? null : m1.itemBias())
                    .mem(m2 == null ? null : m2.p()).mem(m2 == null ? null : m2.q())
                    .mem(m2 == null ? null : m2.userBias()).mem(m2 == null ? null : m2.itemBias());
            this.applyScale = a.next(); // scale, then decay, then bias decay
            a.f32(0).f32(0).f32(0).i32(m1 == null ? 0 : 1).f32(step.learningRate());
            this.applyStepSize = a.next();
            a.f32(step.learningRate()).f32(step.beta1()).f32(1f - step.beta1()).f32(step.beta2()).f32(1f - step.beta2())
                    .f32(step.epsilon());
        }

        double run(long first, long count, long firstStep) {
            int wg = device.workGroup();
            queue.fill(s.loss, 0, 0, s.loss.allocatedBytes());
            queue.fill(s.fault, Faults.NONE, 0, 4);
            long t = firstStep;
            for (long pos = first, end = first + count; pos < end; t++) {
                int b = (int) Math.min(step.batchSize(), end - pos);
                float scale = 2f / b; // the reference's float arithmetic, so that both scale alike
                queue.fill(s.counters, 0, 0, 16);
                gather.set(gatherFirst, pos).set(gatherFirst + 1, b);
                queue.launch(gather, s.batchGrid, wg);
                queue.launch(segments, s.slotGrid, wg);
                scatter.set(scatterCount, b);
                queue.launch(scatter, s.batchGrid, wg);
                apply.set(applyScale, scale).set(applyScale + 1, scale * step.l2()).set(applyScale + 2, scale * step.biasL2());
                if (step.optimizer() == Optimizer.ADAM) {
                    apply.set(applyStepSize, adamStepSize(step, t));
                }
                queue.launch(apply, s.slotGrid, wg);
                pos += b;
            }
            queue.read(s.fault, 0, s.hostFault);
            Faults.check(s.hostFault);
            queue.read(s.loss, 0, s.hostLoss);
            double sse = 0;
            for (int g = 0; g < s.lossGroups; g++) {
                sse += (double) s.hostLoss.getAtIndex(ValueLayout.JAVA_FLOAT, 2L * g)
                        - s.hostLoss.getAtIndex(ValueLayout.JAVA_FLOAT, 2L * g + 1);
            }
            return sse;
        }

        /** Adam's step at 1-based step t: lr · sqrt(1 − β2^t) / (1 − β1^t), in double as the reference does. */
        private static float adamStepSize(StepConfig step, long t) {
            double bc1 = 1 - Math.pow(step.beta1(), t);
            double bc2 = 1 - Math.pow(step.beta2(), t);
            return (float) (step.learningRate() * Math.sqrt(bc2) / bc1);
        }
    }
}
