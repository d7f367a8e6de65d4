package reco.engine.train;

import java.nio.file.Path;

import reco.engine.data.MemoryBudget;
import reco.engine.data.RatingTable;
import reco.kernels.Optimizer;

/**
 * What a {@link Trainer} run allocates, estimated from the shapes before it starts, so that a model too
 * large for the memory left fails at once with the figures ({@link MemoryBudget}) instead of an
 * {@link OutOfMemoryError} or the OOM killer epochs later.
 *
 * <p>Native memory, at the peak of either phase: the host model, and with checkpoints three host copies
 * (parameters and Adam's two moments, staged for writing); on a device whose memory is the host's (the
 * Java device, a CPU OpenCL device) also the device parameters, Adam's moments and the uploaded ratings
 * (user, item, rating: 12 bytes each, plus 4 for the shuffled order and 4 per validation prediction); and
 * the host order buffer (with a blocked schedule, the block-ordered copy of the training table
 * instead). The refit adds the training + validation table it trains on. Heap: two shuffle
 * permutations, the epoch's and the next one shuffled ahead (an int per rating each).
 */
public final class TrainingMemory {
    /** Device bytes per training rating: user, item, rating, its place in the order. */
    static final long DEVICE_BYTES_PER_RATING = 4L * Integer.BYTES;

    private TrainingMemory() {
    }

    /** Native bytes of one copy of the parameters: factors and a bias per user and per item, float32. */
    static long parameterBytes(TrainConfig c, int users, int items) {
        return ((long) users + items) * (c.factors() + 1L) * Float.BYTES;
    }

    /**
     * Native bytes a run needs at its peak.
     *
     * @param deviceOnHost whether the device's buffers are in host memory
     */
    public static long nativeBytes(TrainConfig c, int users, int items, long fitRows, long validationRows,
                                   boolean deviceOnHost, boolean checkpointing) {
        long params = parameterBytes(c, users, items);
        long deviceCopies = deviceOnHost ? (c.optimizer() == Optimizer.ADAM ? 3 : 1) : 0;
        long hostCopies = 1 + (checkpointing ? 3 : 0);
        boolean blocked = c.blocks() > 0;
        long search = ratings(fitRows, validationRows, deviceOnHost, blocked);
        long all = fitRows + validationRows;
        long refit = validationRows > 0 && c.refit() ? all * RatingTable.BYTES_PER_ROW + ratings(all, 0, deviceOnHost, blocked) : 0;
        return params * (hostCopies + deviceCopies) + Math.max(search, refit);
    }

    /**
     * A blocked schedule sends no order: it stages a block-ordered copy of the training table instead,
     * released once uploaded, while the device copy already exists.
     */
    private static long ratings(long fit, long validation, boolean deviceOnHost, boolean blocked) {
        long host = blocked ? fit * RatingTable.BYTES_PER_ROW + validation * Float.BYTES
                : (fit + validation) * Float.BYTES;   // the order and the predictions, staged
        long perFitRating = blocked ? DEVICE_BYTES_PER_RATING - Integer.BYTES : DEVICE_BYTES_PER_RATING;
        return host + (deviceOnHost ? fit * perFitRating + validation * DEVICE_BYTES_PER_RATING : 0);
    }

    /**
     * Fails with a {@code DataException} naming {@code file} unless the run fits {@code budget}, on top of
     * {@code heldBytes} of native memory the caller already holds (the loaded tables).
     */
    public static void require(MemoryBudget budget, Path file, TrainConfig c, int users, int items, long fitRows,
                               long validationRows, long heldBytes, boolean deviceOnHost, boolean checkpointing) {
        long bytes = nativeBytes(c, users, items, fitRows, validationRows, deviceOnHost, checkpointing);
        String what = "training " + c.factors() + " factors for " + users + " users and " + items + " movies on "
                + (fitRows + validationRows) + " ratings";
        budget.require(file, what, bytes, heldBytes, 2 * (fitRows + validationRows) * Integer.BYTES);
    }
}
