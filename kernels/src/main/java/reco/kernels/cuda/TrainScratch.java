package reco.kernels.cuda;

import reco.kernels.Releaser;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import reco.kernels.cuda.ffi.CudaBuffer;

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
    /** First item slot: the user slots rounded up to whole blocks. */
    final int itemSlot0;
    /** Threads of the per-slot kernels. */
    final long slotGrid;
    /** Threads of the per-rating kernels. */
    final long batchGrid;
    /** Blocks of the per-rating kernels: one compensated loss sum each. */
    final int lossGroups;

    final CudaBuffer batchUser;  // capacity int32: the batch's users (-1 for a skipped rating)
    final CudaBuffer batchItem;  // capacity int32
    final CudaBuffer batchError; // capacity float32: prediction − rating, before the batch's update
    final CudaBuffer batchP;     // capacity × width float32: each rating's user row as before the batch
    final CudaBuffer batchQ;     // capacity × width float32: each rating's item row as before the batch
    final CudaBuffer rankUser;   // capacity int32: rank of the rating among its user's occurrences
    final CudaBuffer rankItem;   // capacity int32
    final CudaBuffer rowCount;   // (users + items) int32: occurrences in the batch; zero between batches
    final CudaBuffer rowSlot;    // (users + items) int32: slot of a touched row
    final CudaBuffer touched;    // slotGrid int32: row of each slot
    final CudaBuffer segStart;   // slotGrid int32: where each slot's occurrences start in segment
    final CudaBuffer segment;    // 2 × capacity int32: batch positions grouped by row, users then items
    final CudaBuffer counters;   // 4 int32: touched users, touched items, two segment cursors
    final CudaBuffer loss;       // 2 × lossGroups float32: (sum, compensation) of squared errors
    final CudaBuffer fault;      // 1 int32: lowest order position of a rating out of range, or Integer.MAX_VALUE
    private final Arena arena;         // object scope: host copies of loss and fault, reused every call
    final MemorySegment hostLoss;
    final MemorySegment hostFault;
    private final List<CudaBuffer> all;

    TrainScratch(CudaDevice device, int users, int items, int width, int capacity) {
        this.users = users;
        this.items = items;
        this.width = width;
        this.capacity = capacity;
        this.itemSlot0 = (int) device.grid(Math.min(capacity, users));
        this.slotGrid = itemSlot0 + device.grid(Math.min(capacity, items));
        this.batchGrid = device.grid(capacity);
        this.lossGroups = (int) (batchGrid / device.block());
        long rows = (long) users + items;
        this.batchUser = device.newMemory(4L * capacity);
        this.batchItem = device.newMemory(4L * capacity);
        this.batchError = device.newMemory(4L * capacity);
        this.batchP = device.newMemory(4L * capacity * width);
        this.batchQ = device.newMemory(4L * capacity * width);
        this.rankUser = device.newMemory(4L * capacity);
        this.rankItem = device.newMemory(4L * capacity);
        this.rowCount = device.newMemory(4L * rows);
        this.rowSlot = device.newMemory(4L * rows);
        this.touched = device.newMemory(4L * slotGrid);
        this.segStart = device.newMemory(4L * slotGrid);
        this.segment = device.newMemory(8L * capacity);
        this.counters = device.newMemory(16);
        this.loss = device.newMemory(8L * lossGroups);
        this.fault = device.newMemory(4);
        this.arena = Arena.ofShared();
        this.hostLoss = arena.allocate(8L * lossGroups, 8);
        this.hostFault = arena.allocate(4, 4);
        this.all = List.of(batchUser, batchItem, batchError, batchP, batchQ, rankUser, rankItem, rowCount, rowSlot,
                touched, segStart, segment, counters, loss, fault);
    }

    boolean fits(int users, int items, int width, int capacity) {
        return this.users == users && this.items == items && this.width == width && this.capacity >= capacity;
    }

    /** Frees the device memory; the stream has been synchronised. */
    @Override
    public void close() {
        try {
            Releaser.closeAll(all);
        } finally {
            arena.close();
        }
    }
}
