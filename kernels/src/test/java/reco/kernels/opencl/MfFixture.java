package reco.kernels.opencl;

import java.util.SplittableRandom;

import reco.kernels.AdamMoments;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.RatingBuffers;

/**
 * Seeded random factor-model data, put identically on any device. Few users and items for many
 * ratings, so that a batch touches most rows several times (the interesting case for per-row sums).
 */
public record MfFixture(int users, int items, int factors, float mu, float[] p, float[] q, float[] userBias, float[] itemBias,
                 int[] u, int[] i, float[] r, int[] order) {

    public static MfFixture random(long seed, int users, int items, int factors, int ratings) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] p = RandomArrays.gaussian(rnd.split(), users * factors, 0.3);
        float[] q = RandomArrays.gaussian(rnd.split(), items * factors, 0.3);
        float[] bu = RandomArrays.gaussian(rnd.split(), users, 0.2);
        float[] bi = RandomArrays.gaussian(rnd.split(), items, 0.2);
        SplittableRandom data = rnd.split();
        int[] u = new int[ratings];
        int[] i = new int[ratings];
        float[] r = new float[ratings];
        for (int x = 0; x < ratings; x++) {
            u[x] = data.nextInt(users);
            i[x] = data.nextInt(items);
            r[x] = 1 + data.nextInt(9) * 0.5f;
        }
        int[] order = RandomArrays.permutation(rnd.split(), ratings);
        return new MfFixture(users, items, factors, 3.5f, p, q, bu, bi, u, i, r, order);
    }

    /** This fixture's buffers on one device. */
    public record On(FactorModel model, AdamMoments moments, RatingBuffers ratings, DeviceBuffer order) {
    }

    public On on(ComputeDevice d, boolean biased) {
        FactorModel model = model(d, biased, p, q, userBias, itemBias);
        AdamMoments moments = new AdamMoments(model(d, biased, null, null, null, null),
                model(d, biased, null, null, null, null));
        RatingBuffers ratings = new RatingBuffers(Buffers.ints(d, u), Buffers.ints(d, i), Buffers.floats(d, r), r.length);
        return new On(model, moments, ratings, Buffers.ints(d, order));
    }

    /** Every parameter of a model shape, read back: P, Q, then the biases when there are any. */
    public static float[][] read(ComputeDevice d, FactorModel m) {
        float[] p = Buffers.readFloats(d, m.userFactors().buffer(), m.users() * m.factors());
        float[] q = Buffers.readFloats(d, m.itemFactors().buffer(), m.items() * m.factors());
        if (!m.biased()) {
            return new float[][] {p, q};
        }
        return new float[][] {p, q, Buffers.readFloats(d, m.userBias(), m.users()),
                Buffers.readFloats(d, m.itemBias(), m.items())};
    }

    private FactorModel model(ComputeDevice d, boolean biased, float[] pv, float[] qv, float[] buv, float[] biv) {
        Matrix pm = new Matrix(pv == null ? d.allocate(4L * users * factors) : Buffers.floats(d, pv), users, factors);
        Matrix qm = new Matrix(qv == null ? d.allocate(4L * items * factors) : Buffers.floats(d, qv), items, factors);
        DeviceBuffer bu = !biased ? null : buv == null ? d.allocate(4L * users) : Buffers.floats(d, buv);
        DeviceBuffer bi = !biased ? null : biv == null ? d.allocate(4L * items) : Buffers.floats(d, biv);
        return new FactorModel(pm, qm, bu, bi, biased ? mu : 0f, biased);
    }
}
