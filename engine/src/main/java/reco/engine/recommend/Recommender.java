package reco.engine.recommend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import reco.engine.model.MfModel;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.Exclusions;
import reco.kernels.Matrix;

/**
 * Scores items for users or items on a device. Item vectors (and, for similarity, their unit-length
 * copies) are uploaded once; each query block sends its query vectors and exclusions and reads back
 * k items and scores per query.
 */
public final class Recommender implements AutoCloseable {
    /** Queries scored per device call. */
    static final int BLOCK = Integer.getInteger("reco.recommend.block", 1024);

    private final ComputeDevice device;
    private final MfModel model;
    private final DeviceBuffer items;    // Q: items × factors float32
    private final DeviceBuffer itemBias; // items float32, null when unbiased
    private int[] skipped = new int[0];  // items never suggested (ascending), e.g. too few ratings to trust
    private DeviceBuffer unitItems;      // Q with unit rows (items × factors), made on first similarity query
    private float[] unitHost;            // the same on the host, for the query vectors

    public Recommender(ComputeDevice device, MfModel model) {
        this.device = device;
        this.model = model;
        this.items = device.allocate(model.itemFactors().byteSize());
        device.write(items, 0, model.itemFactors());
        if (model.biased()) {
            this.itemBias = device.allocate(model.itemBias().byteSize());
            device.write(itemBias, 0, model.itemBias());
        } else {
            this.itemBias = null;
        }
    }

    /**
     * From now on, never suggest an item with fewer than {@code minRatings} ratings in
     * {@code ratingsPerItem} (indexed like the model's items). A movie rated by one or two people has a
     * bias and a vector fitted to those few ratings: predicted 5 stars, it would top every list.
     * Returns this recommender.
     */
    public Recommender skipRarelyRated(int[] ratingsPerItem, int minRatings) {
        this.skipped = java.util.stream.IntStream.range(0, model.items())
                .filter(i -> ratingsPerItem[i] < minRatings).toArray();
        return this;
    }

    /**
     * Top {@code n} items by predicted rating for each of {@code users}, skipping {@code exclude[q]}
     * (ascending item indices, may be empty) for user {@code users[q]}.
     */
    public List<List<Scored>> recommend(int[] users, int[][] exclude, int n) {
        int k = model.factors();
        List<List<Scored>> out = new ArrayList<>(users.length);
        for (int from = 0; from < users.length; from += BLOCK) {
            int m = Math.min(BLOCK, users.length - from);
            float[] q = new float[m * k];
            float[] offset = new float[m];
            for (int j = 0; j < m; j++) {
                int u = users[from + j];
                MemorySegment.copy(model.userFactors(), ValueLayout.JAVA_FLOAT, (long) u * k * Float.BYTES, q, j * k, k);
                offset[j] = model.globalMean() + (model.biased() ? model.userBias().getAtIndex(ValueLayout.JAVA_FLOAT, u) : 0f);
            }
            out.addAll(score(q, offset, items, itemBias, slice(exclude, from, m), m, n));
        }
        return out;
    }

    /**
     * Top {@code n} items for users who are not rows of the model (folded in, see {@link FoldIn}): query q
     * has vector {@code vectors[q·factors ..]} and adds {@code offsets[q]} (μ + b_u) to every score.
     */
    public List<List<Scored>> recommend(float[] vectors, float[] offsets, int[][] exclude, int n) {
        int k = model.factors();
        List<List<Scored>> out = new ArrayList<>(offsets.length);
        for (int from = 0; from < offsets.length; from += BLOCK) {
            int m = Math.min(BLOCK, offsets.length - from);
            float[] q = new float[m * k];
            System.arraycopy(vectors, from * k, q, 0, m * k);
            float[] offset = new float[m];
            System.arraycopy(offsets, from, offset, 0, m);
            out.addAll(score(q, offset, items, itemBias, slice(exclude, from, m), m, n));
        }
        return out;
    }

    /** Top {@code n} items for one folded-in user. */
    public List<Scored> recommend(FoldIn.User user, int[] exclude, int n) {
        return recommend(user.vector(), new float[] {user.offset()}, new int[][] {exclude}, n).getFirst();
    }

    /** Top {@code n} items for one user. */
    public List<Scored> recommend(int user, int[] exclude, int n) {
        return recommend(new int[] {user}, new int[][] {exclude}, n).getFirst();
    }

    /** The {@code n} items most similar to {@code item} by cosine of their vectors (the item itself excluded). */
    public List<Scored> similar(int item, int n) {
        int k = model.factors();
        if (unitItems == null) {
            unitHost = unitRows(model.itemFactors(), model.items(), k);
            unitItems = device.allocate((long) unitHost.length * Float.BYTES);
            device.write(unitItems, 0, MemorySegment.ofArray(unitHost));
        }
        float[] q = new float[k];
        System.arraycopy(unitHost, item * k, q, 0, k);
        return score(q, null, unitItems, null, new int[][] {{item}}, 1, n).getFirst();
    }

    private List<List<Scored>> score(float[] queries, float[] offsets, DeviceBuffer itemVectors, DeviceBuffer bias,
                                     int[][] exclude, int m, int n) {
        int k = model.factors();
        int top = Math.min(n, model.items());
        if (skipped.length > 0) {
            int[][] merged = new int[exclude.length][];
            for (int j = 0; j < exclude.length; j++) {
                merged[j] = union(exclude[j], skipped);
            }
            exclude = merged;
        }
        int total = 0;
        for (int[] e : exclude) {
            total += e.length;
        }
        try (Arena arena = Arena.ofConfined(); // call scope: staging for one block
             DeviceBuffer qBuf = device.allocate((long) m * k * Float.BYTES);
             DeviceBuffer offBuf = offsets == null ? null : device.allocate((long) m * Float.BYTES);
             DeviceBuffer exOff = device.allocate((long) (m + 1) * Integer.BYTES);
             DeviceBuffer exItems = device.allocate(Math.max(1, total) * (long) Integer.BYTES);
             DeviceBuffer outItems = device.allocate((long) m * top * Integer.BYTES);
             DeviceBuffer outScores = device.allocate((long) m * top * Float.BYTES)) {
            device.write(qBuf, 0, MemorySegment.ofArray(queries));
            if (offBuf != null) {
                device.write(offBuf, 0, MemorySegment.ofArray(offsets));
            }
            int[] offs = new int[m + 1];
            int[] flat = new int[Math.max(1, total)];
            for (int j = 0; j < m; j++) {
                System.arraycopy(exclude[j], 0, flat, offs[j], exclude[j].length);
                offs[j + 1] = offs[j] + exclude[j].length;
            }
            device.write(exOff, 0, MemorySegment.ofArray(offs));
            device.write(exItems, 0, MemorySegment.ofArray(flat));
            device.topK(new Matrix(qBuf, m, k), offBuf, new Matrix(itemVectors, model.items(), k), bias,
                    new Exclusions(exOff, exItems), top, outItems, outScores);
            MemorySegment ids = arena.allocate((long) m * top * Integer.BYTES, 64);
            MemorySegment scores = arena.allocate((long) m * top * Float.BYTES, 64);
            device.read(outItems, 0, ids);
            device.read(outScores, 0, scores);
            List<List<Scored>> out = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                List<Scored> row = new ArrayList<>(top);
                for (int r = 0; r < top; r++) {
                    int id = ids.getAtIndex(ValueLayout.JAVA_INT, (long) j * top + r);
                    if (id >= 0) {
                        row.add(new Scored(id, scores.getAtIndex(ValueLayout.JAVA_FLOAT, (long) j * top + r)));
                    }
                }
                out.add(row);
            }
            return out;
        }
    }

    /** The ascending union of two ascending arrays. */
    static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            if (n == 0 || out[n - 1] != next) {
                out[n++] = next;
            }
            if (i < a.length && a[i] == next) {
                i++;
            }
            if (j < b.length && b[j] == next) {
                j++;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int[][] slice(int[][] a, int from, int m) {
        int[][] s = new int[m][];
        System.arraycopy(a, from, s, 0, m);
        return s;
    }

    /** Rows scaled to unit length (zero rows stay zero). */
    static float[] unitRows(MemorySegment matrix, int rows, int k) {
        float[] out = new float[rows * k];
        MemorySegment.copy(matrix, ValueLayout.JAVA_FLOAT, 0, out, 0, rows * k);
        for (int r = 0; r < rows; r++) {
            double norm = 0;
            for (int f = 0; f < k; f++) {
                norm += (double) out[r * k + f] * out[r * k + f];
            }
            if (norm > 0) {
                float inv = (float) (1 / Math.sqrt(norm));
                for (int f = 0; f < k; f++) {
                    out[r * k + f] *= inv;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        items.close();
        if (itemBias != null) {
            itemBias.close();
        }
        if (unitItems != null) {
            unitItems.close();
        }
    }
}
