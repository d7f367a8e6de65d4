package reco.kernels.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import reco.kernels.FactorModel;
import reco.kernels.Optimizer;
import reco.kernels.Releaser;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;
import reco.kernels.gpu.BlockedHost;
import reco.kernels.gpu.Faults;
import reco.kernels.opencl.ffi.ClKernel;
import reco.kernels.opencl.ffi.ClMem;

/**
 * One stratum of a blocked schedule in one launch of a kernel of {@code blocks.cl} (its header says
 * how): one work-item per block, in work-groups of one. The block ranges go to the device, and the
 * per-block losses come back, through two small buffers kept across calls and grown only when a call
 * has more blocks; the fault flag and the losses are read once per call.
 */
final class BlockedTraining implements AutoCloseable {
    private static final String SOURCE = "blocks.cl";

    private final OpenClDevice device;
    private final Arena arena = Arena.ofShared(); // object scope: host copies of ranges, losses and fault
    private final ClMem fault;                    // 1 int32: lowest bad rating position, or Integer.MAX_VALUE
    private final MemorySegment hostFault;
    private ClMem ranges;                         // 2 × capacity int64: per block its first rating and count
    private ClMem loss;                           // 2 × capacity float32: per block its sum and compensation
    private MemorySegment hostRanges;
    private MemorySegment hostLoss;
    private int capacity;

    BlockedTraining(OpenClDevice device) {
        this.device = device;
        this.fault = device.newMem(4);
        this.hostFault = arena.allocate(4, 4);
    }

    /**
     * Trains the blocks (already checked: ranges inside the ratings, Adam's moments shaped like the
     * model, a step of at least 1) and returns the summed squared error, added block by block in
     * order so that it does not depend on the scheduling.
     */
    double run(FactorModel model, MfKernels.Mems m, MfKernels.Mems m1, MfKernels.Mems m2, RatingBuffers ratings,
               long[] starts, long[] counts, StepConfig step, long firstStep) {
        int blocks = starts.length;
        ensureCapacity(blocks);
        BlockedHost.packRanges(hostRanges, starts, counts);
        device.queue().write(ranges, 0, hostRanges.asSlice(0, 16L * blocks));
        device.queue().fill(fault, Faults.NONE, 0, 4);
        ClKernel kernel = device.kernel(SOURCE, model.factors(), BlockedHost.kernel(step));
        Args a = new Args(kernel).mem(device.mem(ratings.users())).mem(device.mem(ratings.items()))
                .mem(device.mem(ratings.ratings())).i64(ratings.count()).mem(ranges).i32(blocks);
        for (MfKernels.Mems x : step.optimizer() == Optimizer.ADAM ? new MfKernels.Mems[] {m, m1, m2} : new MfKernels.Mems[] {m}) {
            a.mem(x.p()).mem(x.q()).mem(x.userBias()).mem(x.itemBias());
        }
        a.f32(model.globalMean()).i32(model.biased() ? 1 : 0).i32(model.users()).i32(model.items());
        for (float x : BlockedHost.scalars(step, firstStep)) {
            a.f32(x);
        }
        a.mem(loss).mem(fault);
        device.queue().launch(kernel, blocks, 1);
        device.queue().read(fault, 0, hostFault);
        Faults.check(hostFault);
        MemorySegment partial = hostLoss.asSlice(0, 8L * blocks);
        device.queue().read(loss, 0, partial);
        return BlockedHost.sumLosses(partial, blocks);
    }

    private void ensureCapacity(int blocks) {
        if (blocks <= capacity) {
            return;
        }
        if (ranges != null) {
            device.queue().finish();
            Releaser.closeAll(ranges, loss);
            ranges = null;
            loss = null;
        }
        ranges = device.newMem(16L * blocks);
        loss = device.newMem(8L * blocks);
        hostRanges = arena.allocate(16L * blocks, 8);
        hostLoss = arena.allocate(8L * blocks, 4);
        capacity = blocks;
    }

    /** Releases the scratch; the caller has finished the queue (the device does before closing its parts). */
    @Override
    public void close() {
        try {
            Releaser.closeAll(ranges, loss, fault);
        } finally {
            arena.close();
        }
    }
}
