package reco.kernels;

/** Checks the block ranges of {@link ComputeDevice#trainBlocks} before any device touches them. */
public final class BlockRanges {

    private BlockRanges() {
    }

    /**
     * Refuses ranges that do not pair up, fall outside the {@code size} ratings, or a step that is not
     * one rating per update.
     */
    public static void check(long[] starts, long[] counts, long size, StepConfig step) {
        if (step.batchSize() != 1) {
            throw new IllegalArgumentException("blocked training updates after every rating: batch size must be 1, was "
                    + step.batchSize());
        }
        if (starts.length != counts.length) {
            throw new IllegalArgumentException(starts.length + " block starts but " + counts.length + " block counts");
        }
        for (int b = 0; b < starts.length; b++) {
            if (starts[b] < 0 || counts[b] < 0 || starts[b] + counts[b] > size) {
                throw new IllegalArgumentException("block " + b + " [" + starts[b] + ", " + (starts[b] + counts[b])
                        + ") outside 0.." + size);
            }
        }
    }
}
