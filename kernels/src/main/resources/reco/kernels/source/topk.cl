/*
 * topk.cl — scoring with top-K selection: score(q, i) = queryOffset[q] + itemBias[i] + dot(queries[q], items[i]),
 * summed in that order as in the Java reference; keeps the k best per query, best first, ties to the
 * lower item index; excluded items are skipped; a short list is padded with item -1, score -inf.
 * Built after the prelude and common.cl with WIDTH = factor count.
 *
 * Memory: queries m x WIDTH and items n x WIDTH, row-major float32; queryOffset (m) and itemBias (n)
 * float32, NULL when absent (has* = 0); exclusions in compressed rows, exOffsets m + 1 int32 and
 * exItems ascending per query, NULL when absent (offsets are clamped to exCount, the length of
 * exItems, so a bad offset cannot read outside it); outItems int32 and outScores float32, m x k.
 *
 * Launch: one work-item per query (global: m rounded up to WG). It walks the items in index order,
 * stepping through its sorted exclusions alongside (as the reference does), and keeps a bounded
 * min-heap of the k best in its own output row, which a final in-place heap sort turns into
 * best-first order. The heap lives in the output row, not in registers, so k needs no compile-time
 * bound and no rebuild. A query per work-item suits batches of many queries (recommendation for
 * many users); a single query uses one compute unit.
 */

INLINE int better(float s, int i, float t, int j) {
    return s > t || (s == t && i < j);
}

INLINE void swap_entries(GLOBAL int* item, GLOBAL float* score, int a, int b) {
    int ti = item[a];
    item[a] = item[b];
    item[b] = ti;
    float ts = score[a];
    score[a] = score[b];
    score[b] = ts;
}

/* The heap keeps its worst entry at the root: a parent never ranks above its children. */
INLINE void sift_up(GLOBAL int* item, GLOBAL float* score, int at) {
    while (at > 0) {
        int parent = (at - 1) / 2;
        if (!better(score[parent], item[parent], score[at], item[at])) {
            break;
        }
        swap_entries(item, score, parent, at);
        at = parent;
    }
}

INLINE void sift_down(GLOBAL int* item, GLOBAL float* score, int size) {
    int at = 0;
    while (1) {
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
        swap_entries(item, score, at, worst);
        at = worst;
    }
}

KERNEL void topk(GLOBAL const float* queries, int m, GLOBAL const float* queryOffset, int hasOffset,
                 GLOBAL const float* items, int n, GLOBAL const float* itemBias, int hasBias,
                 GLOBAL const int* exOffsets, GLOBAL const int* exItems, int hasExclusions, int exCount,
                 int k, GLOBAL int* outItems, GLOBAL float* outScores) {
    int q = get_global_id(0);
    if (q >= m) {
        return;
    }
    GLOBAL const float* query = ROW(queries, q);
    floatv qv[NV];
    for (int v = 0; v < NV; v++) {
        qv[v] = VLOAD(v, query);
    }
    float offset = hasOffset ? queryOffset[q] : 0.0f;
    int ex = 0;
    int exEnd = 0;
    if (hasExclusions) {
        ex = clamp(exOffsets[q], 0, exCount);
        exEnd = clamp(exOffsets[q + 1], ex, exCount);
    }
    GLOBAL int* heapItem = outItems + (size_t) q * k;
    GLOBAL float* heapScore = outScores + (size_t) q * k;
    int size = 0;
    for (int i = 0; i < n; i++) {
        while (ex < exEnd && exItems[ex] < i) {
            ex++;
        }
        if (ex < exEnd && exItems[ex] == i) {
            continue;
        }
        GLOBAL const float* item = ROW(items, i);
        floatv acc = VZERO;
        for (int v = 0; v < NV; v++) {
            acc += qv[v] * VLOAD(v, item);
        }
        float s = offset + (hasBias ? itemBias[i] : 0.0f) + hsum(acc);
        if (size < k) {
            heapItem[size] = i;
            heapScore[size] = s;
            sift_up(heapItem, heapScore, size++);
        } else if (better(s, i, heapScore[0], heapItem[0])) {
            heapItem[0] = i;
            heapScore[0] = s;
            sift_down(heapItem, heapScore, size);
        }
    }
    /* Heap sort in place: the worst goes to the back, so the best ends first. */
    for (int r = size - 1; r > 0; r--) {
        swap_entries(heapItem, heapScore, 0, r);
        sift_down(heapItem, heapScore, r);
    }
    for (int r = size; r < k; r++) {
        heapItem[r] = -1;
        heapScore[r] = -INFINITY;
    }
}
