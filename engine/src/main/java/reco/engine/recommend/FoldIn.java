package reco.engine.recommend;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import reco.engine.model.MfModel;

/**
 * Cold start without retraining: a vector and bias for a user the model has never seen, from a few of
 * their ratings, with every item vector and bias held fixed. This is one user's half-step of
 * alternating least squares (Hu, Koren &amp; Volinsky 2008; Zhou et al. 2008, "ALS-WR"): with
 * {@code a_i = [q_i, 1]} (the 1 only when the model is biased), unknowns {@code x = [p, b_u]} and targets
 * {@code t_i = r_i − μ − b_i}, it solves the ridge normal equations
 * <pre>  (Σ a_i a_iᵀ + λ I) x = Σ a_i t_i,   λ = l2 · n</pre>
 * by Cholesky factorisation in double precision (the matrix is symmetric positive definite for any
 * λ &gt; 0). {@code l2} is the model's training L2 weight, which the trainer applies once per rating
 * occurrence, so {@code l2 · n} is exactly the weight a user with n ratings felt in training (ALS-WR's
 * "weighted-λ" regularisation).
 *
 * <p>The bias is shrunk with the same λ, not with the training's bias weight (0 by default): an
 * unshrunk bias takes up the whole mean of a short list of ratings, so a newcomer who names only
 * favourites ("Toy Story = 5") would get a zero vector and the same list as everybody.
 */
public final class FoldIn {
    /** Keeps λ positive (so the system is solvable) for a model trained with no L2 at all. */
    public static final double MIN_LAMBDA = 1e-3;

    /**
     * A folded-in user.
     *
     * @param vector p: factors float32
     * @param bias   b_u (0 for an unbiased model)
     * @param offset μ + b_u: what the device adds to every dot product
     */
    public record User(float[] vector, float bias, float offset) {
    }

    private final MfModel model;
    private final double l2;

    /** @param l2 the L2 weight per rating (the model's training {@code l2}); λ = l2 · ratings */
    public FoldIn(MfModel model, double l2) {
        if (!(l2 >= 0) || !Double.isFinite(l2)) {
            throw new IllegalArgumentException("the fold-in L2 weight must be zero or positive, was " + l2);
        }
        this.model = model;
        this.l2 = l2;
    }

    /** The λ used for a user with {@code ratings} ratings. */
    public double lambda(int ratings) {
        return Math.max(MIN_LAMBDA, l2 * ratings);
    }

    /**
     * Solves for a user who gave {@code ratings[j]} to item index {@code items[j]}.
     *
     * @throws IllegalArgumentException when there are no ratings or an item index is out of range
     */
    public User fold(int[] items, float[] ratings) {
        if (items.length == 0 || items.length != ratings.length) {
            throw new IllegalArgumentException("fold-in needs at least one rating (got " + items.length
                    + " items and " + ratings.length + " ratings)");
        }
        int k = model.factors();
        int m = model.biased() ? k + 1 : k;
        double[] normal = new double[m * m];
        double[] rhs = new double[m];
        double[] a = new double[m];
        MemorySegment q = model.itemFactors();
        for (int j = 0; j < items.length; j++) {
            int i = items[j];
            if (i < 0 || i >= model.items()) {
                throw new IllegalArgumentException("item index " + i + " is not in the model");
            }
            for (int f = 0; f < k; f++) {
                a[f] = q.getAtIndex(ValueLayout.JAVA_FLOAT, (long) i * k + f);
            }
            double target = ratings[j] - model.globalMean();
            if (model.biased()) {
                a[k] = 1;
                target -= model.itemBias().getAtIndex(ValueLayout.JAVA_FLOAT, i);
            }
            for (int r = 0; r < m; r++) {
                rhs[r] += a[r] * target;
                for (int c = 0; c <= r; c++) {
                    normal[r * m + c] += a[r] * a[c];
                }
            }
        }
        double lambda = lambda(items.length);
        for (int r = 0; r < m; r++) {
            normal[r * m + r] += lambda;
        }
        double[] x = Cholesky.solve(normal, rhs, m);
        float[] vector = new float[k];
        for (int f = 0; f < k; f++) {
            vector[f] = (float) x[f];
        }
        float bias = model.biased() ? (float) x[k] : 0f;
        return new User(vector, bias, model.globalMean() + bias);
    }
}
