package reco.engine.model;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import reco.engine.data.IdIndex;

/**
 * A trained biased matrix-factorisation model on the host. A rating is predicted as
 * {@code mu + b_u + b_i + dot(p_u, q_i)}, summed in that order in float32, the order the devices use,
 * so that a prediction here equals the device's bit for bit. When the model is not {@link #biased()}
 * the bias segments stay allocated but are ignored (and should be zero): the prediction is
 * {@code mu + dot}, with {@code mu} usually 0, the plain dot product.
 *
 * <p>The parameters are 64-byte aligned native segments, so that a device can copy them in one
 * transfer. Owns its memory through a shared arena (a trainer's threads may read and fill it);
 * close it to free. Dense indices are those of {@link #userIds()} and {@link #itemIds()}.
 */
public final class MfModel implements AutoCloseable {
    private static final long ALIGNMENT = 64;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;

    private final Arena arena; // object scope: lives as long as this model
    private final IdIndex userIds;
    private final IdIndex itemIds;
    private final int factors;
    private final boolean biased;
    private final MemorySegment userFactors; // P: users × factors, row-major float32
    private final MemorySegment itemFactors; // Q: items × factors, row-major float32
    private final MemorySegment userBias;    // b_u: users float32
    private final MemorySegment itemBias;    // b_i: items float32
    private float globalMean;                // mu

    private MfModel(IdIndex userIds, IdIndex itemIds, int factors, boolean biased) {
        this.arena = Arena.ofShared();
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.factors = factors;
        this.biased = biased;
        this.userFactors = allocateFloats((long) userIds.size() * factors);
        this.itemFactors = allocateFloats((long) itemIds.size() * factors);
        this.userBias = allocateFloats(userIds.size());
        this.itemBias = allocateFloats(itemIds.size());
    }

    /**
     * A zero-filled model for the users and items of the two indices, to be filled through the
     * segment accessors and {@link #setGlobalMean(float)}.
     */
    public static MfModel allocate(IdIndex userIds, IdIndex itemIds, int factors, boolean biased) {
        if (factors <= 0) {
            throw new IllegalArgumentException("factors must be positive, was " + factors);
        }
        return new MfModel(userIds, itemIds, factors, biased);
    }

    private MemorySegment allocateFloats(long count) {
        // A zero-length allocation is legal but gives no alignment guarantee worth having; keep one float.
        return arena.allocate(Math.max(count, 1) * Float.BYTES, ALIGNMENT).asSlice(0, count * Float.BYTES);
    }

    public int users() {
        return userIds.size();
    }

    public int items() {
        return itemIds.size();
    }

    public int factors() {
        return factors;
    }

    /** Whether the biases take part in {@link #predict}. */
    public boolean biased() {
        return biased;
    }

    public float globalMean() {
        return globalMean;
    }

    public void setGlobalMean(float globalMean) {
        this.globalMean = globalMean;
    }

    /** External user id ⇄ dense user index. */
    public IdIndex userIds() {
        return userIds;
    }

    /** External item id ⇄ dense item index. */
    public IdIndex itemIds() {
        return itemIds;
    }

    /** P: users × factors, row-major float32 (valid until {@link #close()}). */
    public MemorySegment userFactors() {
        return userFactors;
    }

    /** Q: items × factors, row-major float32. */
    public MemorySegment itemFactors() {
        return itemFactors;
    }

    /** b_u: users float32. */
    public MemorySegment userBias() {
        return userBias;
    }

    /** b_i: items float32. */
    public MemorySegment itemBias() {
        return itemBias;
    }

    /** {@code mu + b_u + b_i + dot(p_u, q_i)} in float32, summed in that order (biases only when biased). */
    public float predict(int u, int i) {
        float s = globalMean;
        if (biased) {
            s = s + userBias.getAtIndex(FLOAT, u) + itemBias.getAtIndex(FLOAT, i);
        }
        return s + dot(u, i);
    }

    /** {@code dot(p_u, q_i)}, summed in factor order in float32. */
    public float dot(int u, int i) {
        long pu = (long) u * factors;
        long qi = (long) i * factors;
        float s = 0f;
        for (int f = 0; f < factors; f++) {
            s += userFactors.getAtIndex(FLOAT, pu + f) * itemFactors.getAtIndex(FLOAT, qi + f);
        }
        return s;
    }

    /** Copies p_u into {@code out[0 .. factors)} and returns {@code out}. */
    public float[] userVector(int u, float[] out) {
        return row(userFactors, u, out);
    }

    /** Copies q_i into {@code out[0 .. factors)} and returns {@code out}. */
    public float[] itemVector(int i, float[] out) {
        return row(itemFactors, i, out);
    }

    private float[] row(MemorySegment matrix, int row, float[] out) {
        if (out.length < factors) {
            throw new IllegalArgumentException("output of length " + out.length + " is shorter than " + factors);
        }
        MemorySegment.copy(matrix, FLOAT, (long) row * factors * Float.BYTES, out, 0, factors);
        return out;
    }

    /** Frees the parameters; safe to call twice. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
