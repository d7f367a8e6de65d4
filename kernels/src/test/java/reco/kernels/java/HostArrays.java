package reco.kernels.java;

import java.lang.foreign.MemorySegment;

import reco.kernels.AdamMoments;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;
import reco.kernels.RatingBuffers;

/** Moves Java arrays onto a device and back, so that tests can state inputs and expectations as arrays. */
final class HostArrays {
    private HostArrays() {
    }

    static DeviceBuffer floats(ComputeDevice d, float... values) {
        DeviceBuffer b = d.allocate((long) values.length * Float.BYTES);
        d.write(b, 0, MemorySegment.ofArray(values));
        return b;
    }

    static DeviceBuffer ints(ComputeDevice d, int... values) {
        DeviceBuffer b = d.allocate((long) values.length * Integer.BYTES);
        d.write(b, 0, MemorySegment.ofArray(values));
        return b;
    }

    static Matrix matrix(ComputeDevice d, int rows, int cols, float... values) {
        if (values.length != rows * cols) {
            throw new IllegalArgumentException(values.length + " values for " + rows + " × " + cols);
        }
        return new Matrix(floats(d, values), rows, cols);
    }

    static float[] readFloats(ComputeDevice d, DeviceBuffer b) {
        float[] out = new float[(int) (b.byteSize() / Float.BYTES)];
        d.read(b, 0, MemorySegment.ofArray(out));
        return out;
    }

    static int[] readInts(ComputeDevice d, DeviceBuffer b) {
        int[] out = new int[(int) (b.byteSize() / Integer.BYTES)];
        d.read(b, 0, MemorySegment.ofArray(out));
        return out;
    }

    static RatingBuffers ratings(ComputeDevice d, int[] users, int[] items, float[] ratings) {
        return new RatingBuffers(ints(d, users), ints(d, items), floats(d, ratings), ratings.length);
    }

    /** A model with the given parameters; the bias arrays may be null only when not biased. */
    static FactorModel model(ComputeDevice d, int factors, float[] p, float[] q, float[] userBias, float[] itemBias,
                             float globalMean, boolean biased) {
        return new FactorModel(matrix(d, p.length / factors, factors, p), matrix(d, q.length / factors, factors, q),
                userBias == null ? null : floats(d, userBias), itemBias == null ? null : floats(d, itemBias),
                globalMean, biased);
    }

    /** Adam moments of zero, shaped like {@code model}. */
    static AdamMoments zeroMoments(ComputeDevice d, FactorModel model) {
        return new AdamMoments(zerosLike(d, model), zerosLike(d, model));
    }

    static FactorModel zerosLike(ComputeDevice d, FactorModel m) {
        return new FactorModel(new Matrix(d.allocate(m.userFactors().byteSize()), m.users(), m.factors()),
                new Matrix(d.allocate(m.itemFactors().byteSize()), m.items(), m.factors()),
                m.biased() ? d.allocate((long) m.users() * Float.BYTES) : null,
                m.biased() ? d.allocate((long) m.items() * Float.BYTES) : null,
                m.globalMean(), m.biased());
    }

    /** All of a model's parameters, in a fixed order (P, Q, user bias, item bias), for bitwise comparison. */
    static float[] flatten(ComputeDevice d, FactorModel m) {
        float[] p = readFloats(d, m.userFactors().buffer());
        float[] q = readFloats(d, m.itemFactors().buffer());
        float[] bu = m.biased() ? readFloats(d, m.userBias()) : new float[0];
        float[] bi = m.biased() ? readFloats(d, m.itemBias()) : new float[0];
        float[] all = new float[p.length + q.length + bu.length + bi.length];
        System.arraycopy(p, 0, all, 0, p.length);
        System.arraycopy(q, 0, all, p.length, q.length);
        System.arraycopy(bu, 0, all, p.length + q.length, bu.length);
        System.arraycopy(bi, 0, all, p.length + q.length + bu.length, bi.length);
        return all;
    }
}
