package reco.kernels.cuda;

import java.lang.foreign.ValueLayout;

import reco.kernels.Releaser;
import reco.kernels.AdamMoments;
import reco.kernels.BlockRanges;
import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Optimizer;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;
import reco.kernels.gpu.Faults;
import reco.kernels.gpu.TrainScratch;
import reco.kernels.cuda.ffi.CudaArgs;
import reco.kernels.cuda.ffi.CudaBuffer;
import reco.kernels.cuda.ffi.CudaFunction;
import reco.kernels.cuda.ffi.CudaStream;

/**
 * Prediction and mini-batch training with the kernels of {@code mf.cl} (its header explains the
 * scheme), launched as the OpenCL device launches them, with the same arguments in the same order.
 */
final class MfKernels implements AutoCloseable {
    private static final String SOURCE = "mf.cl";

    private final CudaDevice device;
    private TrainScratch<CudaBuffer> scratch; // kept across calls while the model's shape and batch size fit
    private HogwildSgd hogwild;   // made on the first SGD call with batches of one
    private BlockedTraining blocked; // made on the first blocked call

    MfKernels(CudaDevice device) {
        this.device = device;
    }

    /** A model's buffers, checked against its shape. */
    record Memories(CudaBuffer p, CudaBuffer q, CudaBuffer userBias, CudaBuffer itemBias) {
    }

    void predict(FactorModel model, RatingBuffers ratings, long first, long count, DeviceBuffer out) {
        checkRange(first, count, ratings.count());
        if (count > Integer.MAX_VALUE - device.block()) {
            throw new IllegalArgumentException("predict takes at most " + (Integer.MAX_VALUE - device.block())
                    + " ratings per call, was asked for " + count);
        }
        Memories m = memories(model, "model");
        CudaBuffer o = device.memory(out, 4 * count, "predict output");
        CudaFunction kernel = device.function(SOURCE, model.factors(), "mf_predict");
        try (CudaArgs args = new CudaArgs(kernel)) {
            args.buffer(device.memory(ratings.users())).buffer(device.memory(ratings.items())).i64(first)
                    .i32((int) count).buffer(m.p()).buffer(m.q()).buffer(m.userBias()).buffer(m.itemBias())
                    .f32(model.globalMean()).i32(model.biased() ? 1 : 0).i32(model.users()).i32(model.items())
                    .buffer(o);
            device.stream().launch(kernel, args, device.grid(count), device.block());
        }
    }

    double train(FactorModel model, AdamMoments moments, RatingBuffers ratings, DeviceBuffer order,
                 long first, long count, StepConfig step, long firstStep) {
        long orderSize = order == null ? ratings.count() : device.memory(order).byteSize() / Integer.BYTES;
        checkRange(first, count, orderSize);
        boolean adam = step.optimizer() == Optimizer.ADAM;
        if (adam && moments == null) {
            throw new IllegalArgumentException("Adam needs its moment buffers");
        }
        if (count == 0) {
            return 0;
        }
        Memories m = memories(model, "model");
        if (!adam && step.batchSize() == 1) {
            if (hogwild == null) {
                hogwild = new HogwildSgd(device);
            }
            return hogwild.run(model, m.p(), m.q(), m.userBias(), m.itemBias(), ratings, device.memoryOrNull(order),
                    first, count, step);
        }
        Memories m1 = adam ? memories(sameShape(moments.first(), model, "first moment"), "first moment") : null;
        Memories m2 = adam ? memories(sameShape(moments.second(), model, "second moment"), "second moment") : null;
        int capacity = (int) Math.min(step.batchSize(), count);
        if (scratch == null || !scratch.fits(model.users(), model.items(), model.factors(), capacity)) {
            discardScratch();
            scratch = new TrainScratch<>(model.users(), model.items(), model.factors(), capacity, device.block(),
                    device::newMemory);
        }
        try (TrainLaunch launch = new TrainLaunch(device, scratch, model, m, m1, m2, ratings, order, step)) {
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
        Memories m = memories(model, "model");
        Memories m1 = adam ? memories(sameShape(moments.first(), model, "first moment"), "first moment") : null;
        Memories m2 = adam ? memories(sameShape(moments.second(), model, "second moment"), "second moment") : null;
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
            device.stream().synchronize();
            close();
        }
    }

    private Memories memories(FactorModel model, String what) {
        CudaBuffer p = device.memory(model.userFactors().buffer());
        CudaBuffer q = device.memory(model.itemFactors().buffer());
        if (!model.biased()) {
            return new Memories(p, q, null, null);
        }
        return new Memories(p, q, device.memory(model.userBias(), 4L * model.users(), what + " user biases"),
                device.memory(model.itemBias(), 4L * model.items(), what + " item biases"));
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

    /**
     * One train call: sets the constant arguments once, enqueues every batch on the stream without
     * waiting, reads the fault flag and the loss once at the end.
     */
    private static final class TrainLaunch implements AutoCloseable {
        private final CudaDevice device;
        private final CudaStream stream;
        private final TrainScratch<CudaBuffer> s;
        private final StepConfig step;
        private final CudaFunction gather;
        private final CudaFunction segments;
        private final CudaFunction scatter;
        private final CudaFunction apply;
        private final CudaArgs gatherArgs;
        private final CudaArgs segmentsArgs;
        private final CudaArgs scatterArgs;
        private final CudaArgs applyArgs;
        private final int gatherFirst;
        private final int scatterCount;
        private final int applyScale;
        private final int applyStepSize;

        TrainLaunch(CudaDevice device, TrainScratch<CudaBuffer> s, FactorModel model, Memories m, Memories m1, Memories m2,
                    RatingBuffers ratings, DeviceBuffer order, StepConfig step) {
            this.device = device;
            this.stream = device.stream();
            this.s = s;
            this.step = step;
            int k = model.factors();
            int biased = model.biased() ? 1 : 0;
            this.gather = device.function(SOURCE, k, "mf_gather");
            this.segments = device.function(SOURCE, k, "mf_segments");
            this.scatter = device.function(SOURCE, k, "mf_scatter");
            this.apply = device.function(SOURCE, k, "mf_apply");
            this.gatherArgs = new CudaArgs(gather);
            this.segmentsArgs = new CudaArgs(segments);
            this.scatterArgs = new CudaArgs(scatter);
            this.applyArgs = new CudaArgs(apply);
            gatherArgs.buffer(device.memory(ratings.users())).buffer(device.memory(ratings.items()))
                    .buffer(device.memory(ratings.ratings())).i64(ratings.count())
                    .buffer(device.memoryOrNull(order)).i32(order == null ? 0 : 1);
            this.gatherFirst = gatherArgs.next();
            gatherArgs.i64(0).i32(0).buffer(m.p()).buffer(m.q()).buffer(m.userBias()).buffer(m.itemBias())
                    .f32(model.globalMean()).i32(biased).i32(s.users).i32(s.items)
                    .buffer(s.batchUser).buffer(s.batchItem).buffer(s.batchError).buffer(s.batchP).buffer(s.batchQ)
                    .buffer(s.rankUser).buffer(s.rankItem)
                    .buffer(s.rowCount).buffer(s.rowSlot).buffer(s.touched).i32(s.itemSlot0).buffer(s.counters)
                    .buffer(s.loss).buffer(s.fault);
            segmentsArgs.buffer(s.touched).i32(s.itemSlot0).buffer(s.rowCount).i32(s.users).buffer(s.counters)
                    .buffer(s.segStart).i32(s.capacity);
            scatterArgs.buffer(s.batchUser).buffer(s.batchItem).buffer(s.rankUser).buffer(s.rankItem);
            this.scatterCount = scatterArgs.next();
            scatterArgs.i32(0).i32(s.users).buffer(s.rowSlot).buffer(s.segStart).buffer(s.segment);
            applyArgs.buffer(s.touched).i32(s.itemSlot0).buffer(s.counters).buffer(s.rowCount).i32(s.users)
                    .buffer(s.segStart).buffer(s.segment).buffer(s.batchError).buffer(s.batchP).buffer(s.batchQ)
                    .buffer(m.p()).buffer(m.q()).buffer(m.userBias()).buffer(m.itemBias()).i32(biased)
                    .buffer(m1 == null ? null : m1.p()).buffer(m1 == null ? null : m1.q())
                    .buffer(m1 == null ? null : m1.userBias()).buffer(m1 == null ? null : m1.itemBias())
                    .buffer(m2 == null ? null : m2.p()).buffer(m2 == null ? null : m2.q())
                    .buffer(m2 == null ? null : m2.userBias()).buffer(m2 == null ? null : m2.itemBias());
            this.applyScale = applyArgs.next(); // scale, then decay, then bias decay
            applyArgs.f32(0).f32(0).f32(0).i32(m1 == null ? 0 : 1).f32(step.learningRate());
            this.applyStepSize = applyArgs.next();
            applyArgs.f32(step.learningRate()).f32(step.beta1()).f32(1f - step.beta1()).f32(step.beta2())
                    .f32(1f - step.beta2()).f32(step.epsilon());
        }

        double run(long first, long count, long firstStep) {
            int block = device.block();
            stream.fill(s.loss, 0, 0, s.loss.allocatedBytes());
            stream.fill(s.fault, Faults.NONE, 0, 4);
            long t = firstStep;
            for (long pos = first, end = first + count; pos < end; t++) {
                int b = (int) Math.min(step.batchSize(), end - pos);
                float scale = 2f / b; // the reference's float arithmetic, so that both scale alike
                stream.fill(s.counters, 0, 0, 16);
                gatherArgs.setI64(gatherFirst, pos).setI32(gatherFirst + 1, b);
                stream.launch(gather, gatherArgs, s.batchGrid, block);
                stream.launch(segments, segmentsArgs, s.slotGrid, block);
                scatterArgs.setI32(scatterCount, b);
                stream.launch(scatter, scatterArgs, s.batchGrid, block);
                applyArgs.setF32(applyScale, scale).setF32(applyScale + 1, scale * step.l2())
                        .setF32(applyScale + 2, scale * step.biasL2());
                if (step.optimizer() == Optimizer.ADAM) {
                    applyArgs.setF32(applyStepSize, adamStepSize(step, t));
                }
                stream.launch(apply, applyArgs, s.slotGrid, block);
                pos += b;
            }
            stream.read(s.fault, 0, s.hostFault);
            Faults.check(s.hostFault);
            stream.read(s.loss, 0, s.hostLoss);
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

        @Override
        public void close() {
            Releaser.closeAll(gatherArgs, segmentsArgs, scatterArgs, applyArgs);
        }
    }
}
