package reco.kernels.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.LongFunction;

import reco.kernels.Releaser;

/**
 * Device scratch for the training kernels of {@code mf.cl} on any backend that launches them (OpenCL,
 * CUDA; {@code M} is its memory type), sized for one model shape and batch
 * capacity and kept across train calls while they fit. {@code rowCount} must be all zero between
 * batches (each batch's update resets the rows it touched); a train call that fails half-way discards
 * the scratch rather than trust it.
 */
public final class TrainScratch<M extends AutoCloseable> implements AutoCloseable {
    public final int users;
    public final int items;
    public final int width;
    /** Ratings per batch this scratch holds. */
    public final int capacity;
    /** First item slot: the user slots rounded up to whole work-groups (blocks). */
    public final int itemSlot0;
    /** Global size of the per-slot kernels. */
    public final long slotGrid;
    /** Global size of the per-rating kernels. */
    public final long batchGrid;
    /** Work-groups (blocks) of the per-rating kernels: one compensated loss sum each. */
    public final int lossGroups;

    public final M batchUser;  // capacity int32: the batch's users (-1 for a skipped rating)
    public final M batchItem;  // capacity int32
    public final M batchError; // capacity float32: prediction − rating, before the batch's update
    public final M batchP;     // capacity × width float32: each rating's user row as before the batch
    public final M batchQ;     // capacity × width float32: each rating's item row as before the batch
    public final M rankUser;   // capacity int32: rank of the rating among its user's occurrences
    public final M rankItem;   // capacity int32
    public final M rowCount;   // (users + items) int32: occurrences in the batch; zero between batches
    public final M rowSlot;    // (users + items) int32: slot of a touched row
    public final M touched;    // slotGrid int32: row of each slot
    public final M segStart;   // slotGrid int32: where each slot's occurrences start in segment
    public final M segment;    // 2 × capacity int32: batch positions grouped by row, users then items
    public final M counters;   // 4 int32: touched users, touched items, two segment cursors
    public final M loss;       // 2 × lossGroups float32: (sum, compensation) of squared errors
    public final M fault;      // 1 int32: lowest order position of a rating out of range, or Integer.MAX_VALUE
    private final Arena arena;         // object scope: host copies of loss and fault, reused every call
    public final MemorySegment hostLoss;
    public final MemorySegment hostFault;
    private final List<M> all;

    /**
     * @param workGroup threads per work-group (block) of every launch
     * @param allocate  zero-filled device memory of a size in bytes
     */
    public TrainScratch(int users, int items, int width, int capacity, int workGroup, LongFunction<M> allocate) {
        this.users = users;
        this.items = items;
        this.width = width;
        this.capacity = capacity;
        this.itemSlot0 = (int) grid(Math.min(capacity, users), workGroup);
        this.slotGrid = itemSlot0 + grid(Math.min(capacity, items), workGroup);
        this.batchGrid = grid(capacity, workGroup);
        this.lossGroups = (int) (batchGrid / workGroup);
        long rows = (long) users + items;
        this.batchUser = allocate.apply(4L * capacity);
        this.batchItem = allocate.apply(4L * capacity);
        this.batchError = allocate.apply(4L * capacity);
        this.batchP = allocate.apply(4L * capacity * width);
        this.batchQ = allocate.apply(4L * capacity * width);
        this.rankUser = allocate.apply(4L * capacity);
        this.rankItem = allocate.apply(4L * capacity);
        this.rowCount = allocate.apply(4L * rows);
        this.rowSlot = allocate.apply(4L * rows);
        this.touched = allocate.apply(4L * slotGrid);
        this.segStart = allocate.apply(4L * slotGrid);
        this.segment = allocate.apply(8L * capacity);
        this.counters = allocate.apply(16);
        this.loss = allocate.apply(8L * lossGroups);
        this.fault = allocate.apply(4);
        this.arena = Arena.ofShared();
        this.hostLoss = arena.allocate(8L * lossGroups, 8);
        this.hostFault = arena.allocate(4, 4);
        this.all = List.of(batchUser, batchItem, batchError, batchP, batchQ, rankUser, rankItem, rowCount, rowSlot,
                touched, segStart, segment, counters, loss, fault);
    }

    private static long grid(long n, int workGroup) {
        return (n + workGroup - 1) / workGroup * workGroup;
    }

    public boolean fits(int users, int items, int width, int capacity) {
        return this.users == users && this.items == items && this.width == width && this.capacity >= capacity;
    }

    /** Frees the device memory; the queue (stream) has finished. */
    @Override
    public void close() {
        try {
            Releaser.closeAll(all);
        } finally {
            arena.close();
        }
    }
}
