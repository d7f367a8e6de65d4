package reco.kernels.gpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The fault flag the training kernels keep: the lowest order position whose rating has an index, user
 * or item out of range (the kernels skip such a rating and {@code atomic_min} its position), or
 * {@link Integer#MAX_VALUE} when there was none.
 */
public final class Faults {
    /** The flag's value before a launch. */
    public static final int NONE = Integer.MAX_VALUE;

    private Faults() {
    }

    /** Throws when the flag read back into {@code hostFault} names a rating. */
    public static void check(MemorySegment hostFault) {
        int fault = hostFault.get(ValueLayout.JAVA_INT, 0);
        if (fault != NONE) {
            throw new IllegalArgumentException("rating at order position " + fault
                    + " has an index, user or item outside the model (it was skipped)");
        }
    }
}
