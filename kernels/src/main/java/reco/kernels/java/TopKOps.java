package reco.kernels.java;

import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

/** Scoring with top-K selection on the Java device: one bounded heap per query. */
final class TopKOps {
    private TopKOps() {
    }

    static void run(Workers workers, int[] queries, int m, int dims, int[] queryOffset,
                    int[] items, int n, int[] itemBias, int[] exOffsets,
                    int[] exItems, int k, int[] outItems, int[] outScores) {
        workers.run(m, q -> {
            int[] heapItem = new int[k];
            float[] heapScore = new float[k];
            int size = 0;
            int qb = q * dims;
            float offset = queryOffset == null ? 0f : intBitsToFloat(queryOffset[q]);
            int ex = exOffsets == null ? 0 : exOffsets[q];
            int exEnd = exOffsets == null ? 0 : exOffsets[q + 1];
            for (int i = 0; i < n; i++) {
                while (ex < exEnd && exItems[ex] < i) {
                    ex++;
                }
                if (ex < exEnd && exItems[ex] == i) {
                    continue;
                }
                int ib = i * dims;
                float dot = 0f;
                for (int f = 0; f < dims; f++) {
                    dot += intBitsToFloat(queries[qb + f]) * intBitsToFloat(items[ib + f]);
                }
                float s = offset + (itemBias == null ? 0f : intBitsToFloat(itemBias[i])) + dot;
                if (size < k) {
                    heapItem[size] = i;
                    heapScore[size] = s;
                    siftUp(heapItem, heapScore, size++);
                } else if (better(s, i, heapScore[0], heapItem[0])) {
                    heapItem[0] = i;
                    heapScore[0] = s;
                    siftDown(heapItem, heapScore, size);
                }
            }
            // Pop the min-heap from the back so that the best lands first.
            int ob = q * k;
            for (int r = k - 1; r >= size; r--) {
                outItems[ob + r] = -1;
                outScores[ob + r] = floatToRawIntBits(Float.NEGATIVE_INFINITY);
            }
            for (int r = size - 1; r >= 0; r--) {
                outItems[ob + r] = heapItem[0];
                outScores[ob + r] = floatToRawIntBits(heapScore[0]);
                heapItem[0] = heapItem[r];
                heapScore[0] = heapScore[r];
                siftDown(heapItem, heapScore, r);
            }
        });
    }

    /** Whether (s, i) ranks above (t, j): higher score, or equal score and lower item index. */
    static boolean better(float s, int i, float t, int j) {
        return s > t || (s == t && i < j);
    }

    private static void siftUp(int[] item, float[] score, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!better(score[parent], item[parent], score[at], item[at])) {
                break;
            }
            swap(item, score, parent, at);
            at = parent;
        }
    }

    private static void siftDown(int[] item, float[] score, int size) {
        int at = 0;
        while (true) {
            int l = 2 * at + 1;
            int r = l + 1;
            int worst = at;
            if (l < size && better(score[worst], item[worst], score[l], item[l])) {
                worst = l;
            }
            if (r < size && better(score[worst], item[worst], score[r], item[r])) {
                worst = r;
            }
            if (worst == at) {
                return;
            }
            swap(item, score, at, worst);
            at = worst;
        }
    }

    private static void swap(int[] item, float[] score, int a, int b) {
        int ti = item[a];
        item[a] = item[b];
        item[b] = ti;
        float ts = score[a];
        score[a] = score[b];
        score[b] = ts;
    }
}
