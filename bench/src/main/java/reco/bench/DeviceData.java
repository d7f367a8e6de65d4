package reco.bench;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import reco.kernels.AdamMoments;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;

/**
 * Seeded data put on a device, for the JMH benchmarks ({@link OnDevice}) and {@link GpuTimings}: random
 * matrices, index vectors, a model with its Adam moments, a shuffled order.
 */
final class DeviceData {
    private DeviceData() {
    }

    static DeviceBuffer upload(ComputeDevice d, MemorySegment host) {
        DeviceBuffer b = d.allocate(host.byteSize());
        d.write(b, 0, host);
        return b;
    }

    static float[] gaussian(SplittableRandom rnd, int n, double sd) {
        float[] v = new float[n];
        for (int x = 0; x < n; x++) {
            v[x] = (float) (rnd.nextGaussian() * sd);
        }
        return v;
    }

    /** {@code values} as a {@code rows × cols} matrix on the device. */
    static Matrix matrix(ComputeDevice d, float[] values, int rows, int cols) {
        return new Matrix(upload(d, MemorySegment.ofArray(values)), rows, cols);
    }

    /** A {@code rows × cols} matrix of N(0, sd²) entries; all zeros when {@code rnd} is null. */
    static Matrix gaussian(ComputeDevice d, SplittableRandom rnd, int rows, int cols, double sd) {
        return rnd == null ? new Matrix(d.allocate((long) rows * cols * Float.BYTES), rows, cols)
                : matrix(d, gaussian(rnd, rows * cols, sd), rows, cols);
    }

    /** {@code n} int32 drawn uniformly from {@code [0, bound)}. */
    static DeviceBuffer ints(ComputeDevice d, SplittableRandom rnd, int n, int bound) {
        int[] values = new int[n];
        for (int j = 0; j < n; j++) {
            values[j] = rnd.nextInt(bound);
        }
        return upload(d, MemorySegment.ofArray(values));
    }

    /** A biased model, factors N(0, sd²) and biases N(0, sd²); all zeros (Adam's moments) when {@code rnd} is null. */
    static FactorModel model(ComputeDevice d, SplittableRandom rnd, int users, int items, int factors, double sd, float mu) {
        return new FactorModel(gaussian(d, rnd, users, factors, sd), gaussian(d, rnd, items, factors, sd),
                gaussian(d, rnd, users, 1, sd).buffer(), gaussian(d, rnd, items, 1, sd).buffer(), mu, true);
    }

    /** Adam's zeroed moments for a model of this shape. */
    static AdamMoments moments(ComputeDevice d, int users, int items, int factors) {
        return new AdamMoments(model(d, null, users, items, factors, 0, 0), model(d, null, users, items, factors, 0, 0));
    }

    static void close(FactorModel m) {
        for (DeviceBuffer b : List.of(m.userFactors().buffer(), m.itemFactors().buffer(), m.userBias(), m.itemBias())) {
            b.close();
        }
    }

    /** A random permutation of 0 .. n-1 (Fisher-Yates), as the trainer's shuffled order. */
    static int[] permutation(SplittableRandom rnd, int n) {
        int[] order = new int[n];
        Arrays.setAll(order, x -> x);
        for (int x = n - 1; x > 0; x--) {
            int y = rnd.nextInt(x + 1);
            int t = order[x];
            order[x] = order[y];
            order[y] = t;
        }
        return order;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
