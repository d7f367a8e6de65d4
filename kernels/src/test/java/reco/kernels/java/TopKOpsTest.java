package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static reco.kernels.java.HostArrays.readFloats;
import static reco.kernels.java.HostArrays.readInts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Exclusions;

/**
 * Top-K scoring against a brute-force sort of every item. The brute force scores in float32 in the
 * order the specification writes, {@code queryOffset[q] + itemBias[i] + dot(queries[q], items[i])}
 * with the dot product summed over dimensions in order, so scores and order compare exactly.
 */
class TopKOpsTest {

    @Test
    void matchesBruteForceWithOffsetsBiasAndExclusions() {
        SplittableRandom r = TestRandom.seeded("topKRandom", 51);
        Case c = Case.random(r, 30, 6, 200);
        c.queryOffset = TestRandom.gaussian(r, c.queries, 1);
        c.itemBias = TestRandom.gaussian(r, c.items, 0.5);
        c.excluded = randomExclusions(r, c.queries, c.items, 20);
        check(c, 15, 2);
    }

    @Test
    void matchesBruteForceWithoutOffsetsBiasOrExclusions() {
        SplittableRandom r = TestRandom.seeded("topKPlain", 52);
        Case c = Case.random(r, 17, 4, 120);
        for (int k : new int[] {1, 7, 120}) {
            check(c, k, 3);
        }
    }

    /** Item vectors on {0, 1}² give scores of 0, 1 or 2 for the query (1, 1): ties everywhere, resolved by index. */
    @Test
    void tiesGoToTheLowerItemIndex() {
        SplittableRandom r = TestRandom.seeded("topKTies", 53);
        Case c = new Case(3, 2, 40);
        c.queryVectors = new float[] {1, 1, 0, 0, 1, 0};
        for (int j = 0; j < c.itemVectors.length; j++) {
            c.itemVectors[j] = r.nextInt(2);
        }
        for (int k : new int[] {1, 5, 13, 40}) {
            check(c, k, 2);
        }
    }

    /** Five items, two excluded for query 0 and all five for query 1: the tails are item −1 with score −∞. */
    @Test
    void kLargerThanTheCandidatesFillsTheTail() {
        SplittableRandom r = TestRandom.seeded("topKTail", 54);
        Case c = Case.random(r, 2, 3, 5);
        c.excluded = new int[][] {{1, 3}, {0, 1, 2, 3, 4}};
        Result got = check(c, 6, 1);
        assertArrayEquals(new int[] {-1, -1, -1}, Arrays.copyOfRange(got.items, 3, 6));
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
                Arrays.copyOfRange(got.scores, 3, 6));
        int[] none = new int[6];
        Arrays.fill(none, -1);
        assertArrayEquals(none, Arrays.copyOfRange(got.items, 6, 12));
    }

    private record Result(int[] items, float[] scores) {
    }

    /** Runs top-K on a device with {@code threads} threads and asserts it equals the brute force; returns it. */
    private static Result check(Case c, int k, int threads) {
        Result expected = bruteForce(c, k);
        try (JavaDevice d = new JavaDevice(threads)) {
            DeviceBuffer outItems = d.allocate((long) c.queries * k * Integer.BYTES);
            DeviceBuffer outScores = d.allocate((long) c.queries * k * Float.BYTES);
            d.topK(HostArrays.matrix(d, c.queries, c.dims, c.queryVectors),
                    c.queryOffset == null ? null : HostArrays.floats(d, c.queryOffset),
                    HostArrays.matrix(d, c.items, c.dims, c.itemVectors),
                    c.itemBias == null ? null : HostArrays.floats(d, c.itemBias),
                    c.excluded == null ? null : exclusions(d, c.excluded), k, outItems, outScores);
            Result got = new Result(readInts(d, outItems), readFloats(d, outScores));
            assertArrayEquals(expected.items, got.items, "items, k = " + k);
            assertArrayEquals(expected.scores, got.scores, "scores, k = " + k);
            return got;
        }
    }

    private static Result bruteForce(Case c, int k) {
        int[] items = new int[c.queries * k];
        float[] scores = new float[c.queries * k];
        Arrays.fill(items, -1);
        Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int q = 0; q < c.queries; q++) {
            List<float[]> ranked = new ArrayList<>();
            for (int i = 0; i < c.items; i++) {
                if (c.excluded != null && Arrays.binarySearch(c.excluded[q], i) >= 0) {
                    continue;
                }
                float dot = 0f;
                for (int f = 0; f < c.dims; f++) {
                    dot += c.queryVectors[q * c.dims + f] * c.itemVectors[i * c.dims + f];
                }
                float offset = c.queryOffset == null ? 0f : c.queryOffset[q];
                float bias = c.itemBias == null ? 0f : c.itemBias[i];
                ranked.add(new float[] {offset + bias + dot, i});
            }
            // Equal scores (0.0 == −0.0 included) rank by item index.
            ranked.sort((a, b) -> a[0] != b[0] ? Float.compare(b[0], a[0]) : Float.compare(a[1], b[1]));
            for (int j = 0; j < Math.min(k, ranked.size()); j++) {
                scores[q * k + j] = ranked.get(j)[0];
                items[q * k + j] = (int) ranked.get(j)[1];
            }
        }
        return new Result(items, scores);
    }

    private static int[][] randomExclusions(SplittableRandom r, int queries, int items, int most) {
        int[][] out = new int[queries][];
        for (int q = 0; q < queries; q++) {
            out[q] = r.ints(r.nextInt(most + 1), 0, items).distinct().sorted().toArray();
        }
        return out;
    }

    private static Exclusions exclusions(ComputeDevice d, int[][] excluded) {
        int[] offsets = new int[excluded.length + 1];
        for (int q = 0; q < excluded.length; q++) {
            offsets[q + 1] = offsets[q] + excluded[q].length;
        }
        int[] flat = Arrays.stream(excluded).flatMapToInt(Arrays::stream).toArray();
        return new Exclusions(HostArrays.ints(d, offsets), HostArrays.ints(d, flat));
    }

    /** One top-K problem on the host; fields left null mean "none". */
    private static final class Case {
        final int queries;
        final int dims;
        final int items;
        float[] queryVectors;
        float[] itemVectors;
        float[] queryOffset;
        float[] itemBias;
        int[][] excluded;

        Case(int queries, int dims, int items) {
            this.queries = queries;
            this.dims = dims;
            this.items = items;
            this.queryVectors = new float[queries * dims];
            this.itemVectors = new float[items * dims];
        }

        static Case random(SplittableRandom r, int queries, int dims, int items) {
            Case c = new Case(queries, dims, items);
            c.queryVectors = TestRandom.gaussian(r, queries * dims, 1);
            c.itemVectors = TestRandom.gaussian(r, items * dims, 1);
            return c;
        }
    }
}
