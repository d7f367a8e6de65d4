package reco.kernels;

/** How {@link ComputeDevice#train} turns a batch's gradient into an update. */
public enum Optimizer {
    /** Plain gradient step: {@code w -= lr * g}. */
    SGD,
    /**
     * Adam (Kingma &amp; Ba 2015) with bias correction, applied lazily: only the rows a batch touches
     * have their moments updated, as PyTorch's SparseAdam does. The step count {@code t} is global
     * (one per batch), so a row untouched for a while is corrected with the current {@code t}.
     */
    ADAM
}
