package reco.kernels.opencl;

import reco.kernels.Releaser;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import reco.kernels.opencl.ffi.ClMem;

/**
 * Device scratch for the training kernels of {@code mf.cl}, sized for one model shape and batch
 * capacity and kept across train calls while they fit. {@code rowCount} must be all zero between
 * batches (each batch's update resets the rows it touched); a train call that fails half-way discards
 * the scratch rather than trust it.
 */
final class TrainScratch implements AutoCloseable {
    final int users;
    final int items;
    final int width;
    /** Ratings per batch this scratch holds. */
    final int capacity;
    /** First item slot: the user slots rounded up to whole work-groups. */
    final int itemSlot0;
    /** Global size of the per-slot kernels. */
    final long slotGrid;
    /** Global size of the per-rating kernels. */
    final long batchGrid;
    /** Work-groups of the per-rating kernels: one compensated loss sum each. */
    final int lossGroups;

    final ClMem batchUser;  // capacity int32: the batch's users (-1 for a skipped rating)
    final ClMem batchItem;  // capacity int32
    final ClMem batchError; // capacity float32: prediction − rating, before the batch's update
    final ClMem batchP;     // capacity × width float32: each rating's user row as before the batch
    final ClMem batchQ;     // capacity × width float32: each rating's item row as before the batch
    final ClMem rankUser;   // capacity int32: rank of the rating among its user's occurrences
    final ClMem rankItem;   // capacity int32
    final ClMem rowCount;   // (users + items) int32: occurrences in the batch; zero between batches
    final ClMem rowSlot;    // (users + items) int32: slot of a touched row
    final ClMem touched;    // slotGrid int32: row of each slot
    final ClMem segStart;   // slotGrid int32: where each slot's occurrences start in segment
    final ClMem segment;    // 2 × capacity int32: batch positions grouped by row, users then items
    final ClMem counters;   // 4 int32: touched users, touched items, two segment cursors
    final ClMem loss;       // 2 × lossGroups float32: (sum, compensation) of squared errors
    final ClMem fault;      // 1 int32: lowest order position of a rating out of range, or Integer.MAX_VALUE
    private final Arena arena;         // object scope: host copies of loss and fault, reused every call
    final MemorySegment hostLoss;
    final MemorySegment hostFault;
    private final List<ClMem> all;

    TrainScratch(OpenClDevice device, int users, int items, int width, int capacity) {
        this.users = users;
        this.items = items;
        this.width = width;
        this.capacity = capacity;
        this.itemSlot0 = (int) device.grid(Math.min(capacity, users));
        this.slotGrid = itemSlot0 + device.grid(Math.min(capacity, items));
        this.batchGrid = device.grid(capacity);
        this.lossGroups = (int) (batchGrid / device.workGroup());
        long rows = (long) users + items;
        this.batchUser = device.newMem(4L * capacity);
        this.batchItem = device.newMem(4L * capacity);
        this.batchError = device.newMem(4L * capacity);
        this.batchP = device.newMem(4L * capacity * width);
        this.batchQ = device.newMem(4L * capacity * width);
        this.rankUser = device.newMem(4L * capacity);
        this.rankItem = device.newMem(4L * capacity);
        this.rowCount = device.newMem(4L * rows);
        this.rowSlot = device.newMem(4L * rows);
        this.touched = device.newMem(4L * slotGrid);
        this.segStart = device.newMem(4L * slotGrid);
        this.segment = device.newMem(8L * capacity);
        this.counters = device.newMem(16);
        this.loss = device.newMem(8L * lossGroups);
        this.fault = device.newMem(4);
        this.arena = Arena.ofShared();
        this.hostLoss = arena.allocate(8L * lossGroups, 8);
        this.hostFault = arena.allocate(4, 4);
        this.all = List.of(batchUser, batchItem, batchError, batchP, batchQ, rankUser, rankItem, rowCount, rowSlot,
                touched, segStart, segment, counters, loss, fault);
    }

    boolean fits(int users, int items, int width, int capacity) {
        return this.users == users && this.items == items && this.width == width && this.capacity >= capacity;
    }

    /** Frees the device memory; the queue has finished. */
    @Override
    public void close() {
        try {
            Releaser.closeAll(all);
        } finally {
            arena.close();
        }
    }
}
