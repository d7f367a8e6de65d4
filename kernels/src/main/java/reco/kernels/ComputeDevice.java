package reco.kernels;

import java.lang.foreign.MemorySegment;

/**
 * A device that owns buffers and runs the op set. Implementations: the Java reference device,
 * OpenCL, CUDA. Calls cross the boundary per batch range, per k-means iteration or per query block,
 * never per rating, so that a GPU backend can keep everything resident and launch a kernel per call.
 *
 * <p>Ops may run asynchronously: a call returns once the work is queued. {@link #read} and any op
 * that returns a value wait for the work before it. Buffers passed to one op must not overlap unless
 * the op says so. A device is used from one thread at a time.
 *
 * <p>Every implementation is checked against {@code reco.kernels.java.JavaDevice}, the reference.
 */
public interface ComputeDevice extends AutoCloseable {

    /** What this device is (name, type, spec that selects it). */
    DeviceInfo info();

    /**
     * A hint that training will follow: the device may prepare for it in the background (the Java
     * device compiles its vector row kernels) while the caller loads data. Returns at once; training
     * works the same without it, only its first epochs may be slower.
     */
    default void prepareTraining() {
    }

    /** A new zero-filled buffer of {@code bytes} bytes, owned by this device. */
    DeviceBuffer allocate(long bytes);

    /** Copies all of {@code src} into {@code dst} starting at byte {@code dstOffset}. */
    void write(DeviceBuffer dst, long dstOffset, MemorySegment src);

    /** Copies {@code dst.byteSize()} bytes from {@code src} starting at byte {@code srcOffset}; waits. */
    void read(DeviceBuffer src, long srcOffset, MemorySegment dst);

    /**
     * Predicts ratings {@code [first, first + count)} of {@code ratings} with {@code model} and writes
     * them, float32, to {@code out[0 .. count)}.
     */
    void predict(FactorModel model, RatingBuffers ratings, long first, long count, DeviceBuffer out);

    /**
     * Trains on the ratings at positions {@code [first, first + count)} of {@code order} (int32 indices
     * into {@code ratings}; null means the identity), in consecutive batches of
     * {@code step.batchSize()}. Batch number {@code b} (from 0) is Adam step {@code firstStep + b}
     * (1-based, for bias correction). See {@link StepConfig} for the objective.
     *
     * @param moments Adam's (first, second) moment pair, shaped like {@code model}; null for SGD
     * @return the sum over the trained ratings of the squared error before each batch's update
     */
    double train(FactorModel model, AdamMoments moments, RatingBuffers ratings, DeviceBuffer order,
                 long first, long count, StepConfig step, long firstStep);

    /**
     * Trains one stratum of a blocked schedule (DSGD, Gemulla et al. 2011; FPSGD, Zhuang et al. 2013):
     * for each block {@code b}, the ratings {@code [starts[b], starts[b] + counts[b])} of {@code ratings},
     * in their own order, one rating per update ({@code step.batchSize()} must be 1). The caller
     * guarantees that no two blocks share a user or an item: a device may then run the blocks at once,
     * with no locks, and the result is the one of running them one after another, whatever the
     * number of threads. Rating {@code j} (from 0) of a block is Adam step {@code firstStep + j}.
     *
     * <p>This default runs the blocks one after another through {@link #train}; devices override it
     * to run them in parallel.
     *
     * @return the sum over the trained ratings of the squared error before each rating's update
     */
    default double trainBlocks(FactorModel model, AdamMoments moments, RatingBuffers ratings, long[] starts,
                               long[] counts, StepConfig step, long firstStep) {
        BlockRanges.check(starts, counts, ratings.count(), step);
        double sse = 0;
        for (int b = 0; b < starts.length; b++) {
            if (counts[b] > 0) {
                sse += train(model, moments, ratings, null, starts[b], counts[b], step, firstStep);
            }
        }
        return sse;
    }

    /**
     * k-means assignment: for each row of {@code points}, the index of the nearest row of
     * {@code centroids} (int32, ties to the lower index) and its squared Euclidean distance (float32).
     */
    void kmeansAssign(Matrix points, Matrix centroids, DeviceBuffer assignment, DeviceBuffer distance);

    /**
     * k-means update: per-cluster coordinate sums ({@code sums}: clusters × dims float32, overwritten)
     * and member counts ({@code counts}: clusters int32, overwritten) of {@code points} under
     * {@code assignment}. The caller divides and handles empty clusters.
     */
    void kmeansUpdate(Matrix points, DeviceBuffer assignment, Matrix sums, DeviceBuffer counts);

    /**
     * Scores every item for each query row, {@code score = queryOffset[q] + itemBias[i] + dot(queries[q], items[i])},
     * and keeps the {@code k} best per query, best first, ties to the lower item index. Excluded
     * items are skipped; where fewer than k items remain, the tail is item -1 with score -infinity.
     *
     * @param queryOffset float32 per query, or null for 0
     * @param itemBias    float32 per item, or null for 0
     * @param exclusions  items to skip per query, or null for none
     * @param outItems    int32, queries × k
     * @param outScores   float32, queries × k
     */
    void topK(Matrix queries, DeviceBuffer queryOffset, Matrix items, DeviceBuffer itemBias,
              Exclusions exclusions, int k, DeviceBuffer outItems, DeviceBuffer outScores);

    /** Waits until every queued op has finished. */
    void finish();

    /** Releases every buffer this device still owns, then the device. Safe to call twice. */
    @Override
    void close();
}
