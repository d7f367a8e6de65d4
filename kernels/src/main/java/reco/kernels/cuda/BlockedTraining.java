package reco.kernels.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import reco.kernels.FactorModel;
import reco.kernels.Optimizer;
import reco.kernels.Releaser;
import reco.kernels.RatingBuffers;
import reco.kernels.StepConfig;
import reco.kernels.cuda.ffi.CudaArgs;
import reco.kernels.cuda.ffi.CudaBuffer;
import reco.kernels.cuda.ffi.CudaFunction;
import reco.kernels.gpu.BlockedHost;
import reco.kernels.gpu.Faults;

/**
 * One stratum of a blocked schedule in one launch of a kernel of {@code blocks.cl} (its header says
 * how), as the OpenCL device runs it: one thread per block, in blocks of one thread, with the same
 * arguments in the same order. The block ranges go to the device, and the per-block losses come back,
 * through two small buffers kept across calls and grown only when a call has more blocks.
 *
 * <p>A thread per block uses a GPU poorly (a handful of threads, each walking its rows in 16-byte
 * loads), but it is exact and deterministic, where the default (block after block through
 * {@code train}) would run SGD Hogwild-style and Adam as a four-launch batch per rating.
 */
final class BlockedTraining implements AutoCloseable {
    private static final String SOURCE = "blocks.cl";

    private final CudaDevice device;
    private final Arena arena = Arena.ofShared(); // object scope: host copies of ranges, losses and fault
    private final CudaBuffer fault;               // 1 int32: lowest bad rating position, or Integer.MAX_VALUE
    private final MemorySegment hostFault;
    private CudaBuffer ranges;                    // 2 × capacity int64: per block its first rating and count
    private CudaBuffer loss;                      // 2 × capacity float32: per block its sum and compensation
    private MemorySegment hostRanges;
    private MemorySegment hostLoss;
    private int capacity;

    BlockedTraining(CudaDevice device) {
        this.device = device;
        this.fault = device.newMemory(4);
        this.hostFault = arena.allocate(4, 4);
    }

    /**
     * Trains the blocks (already checked: ranges inside the ratings, Adam's moments shaped like the
     * model, a step of at least 1) and returns the summed squared error, added block by block in order.
     */
    double run(FactorModel model, MfKernels.Memories m, MfKernels.Memories m1, MfKernels.Memories m2,
               RatingBuffers ratings, long[] starts, long[] counts, StepConfig step, long firstStep) {
        int blocks = starts.length;
        ensureCapacity(blocks);
        BlockedHost.packRanges(hostRanges, starts, counts);
        device.stream().write(ranges, 0, hostRanges.asSlice(0, 16L * blocks));
        device.stream().fill(fault, Faults.NONE, 0, 4);
        boolean adam = step.optimizer() == Optimizer.ADAM;
        CudaFunction kernel = device.function(SOURCE, model.factors(), BlockedHost.kernel(step));
        try (CudaArgs args = new CudaArgs(kernel)) {
            args.buffer(device.memory(ratings.users())).buffer(device.memory(ratings.items()))
                    .buffer(device.memory(ratings.ratings())).i64(ratings.count()).buffer(ranges).i32(blocks);
            for (MfKernels.Memories x : adam ? new MfKernels.Memories[] {m, m1, m2} : new MfKernels.Memories[] {m}) {
                args.buffer(x.p()).buffer(x.q()).buffer(x.userBias()).buffer(x.itemBias());
            }
            args.f32(model.globalMean()).i32(model.biased() ? 1 : 0).i32(model.users()).i32(model.items());
            for (float x : BlockedHost.scalars(step, firstStep)) {
                args.f32(x);
            }
            args.buffer(loss).buffer(fault);
            device.stream().launch(kernel, args, blocks, 1);
        }
        device.stream().read(fault, 0, hostFault);
        Faults.check(hostFault);
        MemorySegment partial = hostLoss.asSlice(0, 8L * blocks);
        device.stream().read(loss, 0, partial);
        return BlockedHost.sumLosses(partial, blocks);
    }

    private void ensureCapacity(int blocks) {
        if (blocks <= capacity) {
            return;
        }
        if (ranges != null) {
            device.stream().synchronize();
            Releaser.closeAll(ranges, loss);
            ranges = null;
            loss = null;
        }
        ranges = device.newMemory(16L * blocks);
        loss = device.newMemory(8L * blocks);
        hostRanges = arena.allocate(16L * blocks, 8);
        hostLoss = arena.allocate(8L * blocks, 4);
        capacity = blocks;
    }

    /** Releases the scratch; the caller has synchronised the stream. */
    @Override
    public void close() {
        try {
            Releaser.closeAll(ranges, loss, fault);
        } finally {
            arena.close();
        }
    }
}
