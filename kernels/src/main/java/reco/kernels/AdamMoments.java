package reco.kernels;

/**
 * Adam's optimiser state for a {@link FactorModel}: the first moment {@code m} and second moment
 * {@code v}, each shaped exactly like the model (same factor matrices, same bias vectors).
 */
public record AdamMoments(FactorModel first, FactorModel second) {
}
