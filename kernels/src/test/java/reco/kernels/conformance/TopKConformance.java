package reco.kernels.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Exclusions;
import reco.kernels.Matrix;
import reco.kernels.opencl.Buffers;
import reco.kernels.opencl.Close;
import reco.kernels.opencl.RandomArrays;

/**
 * Top-K scoring on a device against the Java reference: same items in the same order (ties to the lower
 * index), scores within {@value #TOL} (relative beyond 1, absolute below).
 */
public abstract class TopKConformance extends DeviceConformance {
    static final long SEED = 0x5EED_00F3L;
    static final double TOL = 1e-6;

    @Override
    protected long seed() {
        return SEED;
    }

    /** Random queries and items, a duplicated item for exact ties, offsets, biases and exclusions. */
    @Test
    void matchesJavaWithExclusionsBiasesAndTies() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int m = 11;
        int n = 300;
        int dims = 16;
        float[] queries = RandomArrays.uniform(rnd, m * dims);
        float[] items = RandomArrays.uniform(rnd, n * dims);
        float[] bias = RandomArrays.uniform(rnd, n);
        System.arraycopy(items, 40 * dims, items, 7 * dims, dims); // item 7 = item 40: same score for every query
        bias[7] = bias[40];
        float[] offset = RandomArrays.uniform(rnd, m);
        int[][] excluded = new int[m][];
        for (int q = 0; q < m; q++) {
            excluded[q] = rnd.ints(q * 3L, 0, n).distinct().sorted().toArray();
        }
        compare(queries, m, items, n, dims, offset, bias, excluded, 10);
        compare(queries, m, items, n, dims, null, null, null, 25);
    }

    /** Fewer candidates than k: the tail is item -1 with score -infinity, on both devices. */
    @Test
    void kBeyondTheCandidatesPadsTheTail() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        int dims = 6;
        float[] queries = RandomArrays.uniform(rnd, 2 * dims);
        float[] items = RandomArrays.uniform(rnd, 5 * dims);
        int[][] excluded = {{1, 3}, {}};
        int[][] out = compare(queries, 2, items, 5, dims, null, null, excluded, 7);
        assertArrayEquals(new int[] {-1, -1, -1, -1}, Arrays.copyOfRange(out[0], 3, 7));
        assertArrayEquals(new int[] {-1, -1}, Arrays.copyOfRange(out[0], 12, 14));
        assertEquals(0, Arrays.stream(out[0], 7, 12).filter(i -> i < 0).count());
    }

    /** Runs both devices; checks they agree; returns the OpenCL items and, as floats' bits, nothing else. */
    private int[][] compare(float[] queries, int m, float[] items, int n, int dims, float[] offset,
                                   float[] bias, int[][] excluded, int k) {
        int[][] outItems = new int[2][];
        float[][] outScores = new float[2][];
        ComputeDevice[] devices = {reference, device};
        for (int x = 0; x < 2; x++) {
            ComputeDevice d = devices[x];
            DeviceBuffer oi = d.allocate(4L * m * k);
            DeviceBuffer os = d.allocate(4L * m * k);
            d.topK(new Matrix(Buffers.floats(d, queries), m, dims), offset == null ? null : Buffers.floats(d, offset),
                    new Matrix(Buffers.floats(d, items), n, dims), bias == null ? null : Buffers.floats(d, bias),
                    excluded == null ? null : exclusions(d, excluded), k, oi, os);
            outItems[x] = Buffers.readInts(d, oi, m * k);
            outScores[x] = Buffers.readFloats(d, os, m * k);
        }
        assertArrayEquals(outItems[0], outItems[1], "top-" + k + " items");
        Close.assertClose("top-" + k + " scores", outScores[0], outScores[1], TOL);
        return new int[][] {outItems[1]};
    }

    private Exclusions exclusions(ComputeDevice d, int[][] excluded) {
        int[] offsets = new int[excluded.length + 1];
        for (int q = 0; q < excluded.length; q++) {
            offsets[q + 1] = offsets[q] + excluded[q].length;
        }
        int[] all = Arrays.stream(excluded).flatMapToInt(java.util.Arrays::stream).toArray();
        return new Exclusions(Buffers.ints(d, offsets), Buffers.ints(d, all.length == 0 ? new int[1] : all));
    }
}
