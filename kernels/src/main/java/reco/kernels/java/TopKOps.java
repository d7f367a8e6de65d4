package reco.kernels.java;

import java.lang.foreign.MemorySegment;

import static reco.kernels.java.JavaDevice.Layouts.FLOAT;
import static reco.kernels.java.JavaDevice.Layouts.INT;

/** Scoring with top-K selection on the Java device: one bounded heap per query. */
final class TopKOps {
    private TopKOps() {
    }

    static void run(Workers workers, MemorySegment queries, int m, int dims, MemorySegment queryOffset,
                    MemorySegment items, int n, MemorySegment itemBias, MemorySegment exOffsets,
                    MemorySegment exItems, int k, MemorySegment outItems, MemorySegment outScores) {
        workers.run(m, q -> {
            int[] heapItem = new int[k];
            float[] heapScore = new float[k];
            int size = 0;
            long qb = (long) q * dims;
            float offset = queryOffset == null ? 0f : queryOffset.getAtIndex(FLOAT, q);
            int ex = exOffsets == null ? 0 : exOffsets.getAtIndex(INT, q);
            int exEnd = exOffsets == null ? 0 : exOffsets.getAtIndex(INT, q + 1L);
            for (int i = 0; i < n; i++) {
                while (ex < exEnd && exItems.getAtIndex(INT, ex) < i) {
                    ex++;
                }
                if (ex < exEnd && exItems.getAtIndex(INT, ex) == i) {
                    continue;
                }
                long ib = (long) i * dims;
                float dot = 0f;
                for (int f = 0; f < dims; f++) {
                    dot += queries.getAtIndex(FLOAT, qb + f) * items.getAtIndex(FLOAT, ib + f);
                }
                float s = offset + (itemBias == null ? 0f : itemBias.getAtIndex(FLOAT, i)) + dot;
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
            long ob = (long) q * k;
            for (int r = k - 1; r >= size; r--) {
                outItems.setAtIndex(INT, ob + r, -1);
                outScores.setAtIndex(FLOAT, ob + r, Float.NEGATIVE_INFINITY);
            }
            for (int r = size - 1; r >= 0; r--) {
                outItems.setAtIndex(INT, ob + r, heapItem[0]);
                outScores.setAtIndex(FLOAT, ob + r, heapScore[0]);
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
