/*
 * mf.cl — biased matrix factorisation: prediction and the mini-batch training step.
 * Built after the prelude and common.cl with WIDTH = factor count.
 *
 * Memory: everything in global memory. P users x WIDTH and Q items x WIDTH, row-major float32;
 * bu (users) and bi (items) float32 biases, NULL when `biased` is 0; Adam's moments have the same
 * shapes (mP, mQ, mbu, mbi for the first, vP, ... for the second), NULL for SGD. Local memory holds
 * only the per-work-group scans below (3 x WG words).
 *
 * Prediction, summed in the Java reference's order: (mu + bu[u] + bi[i]) + dot(P[u], Q[i]).
 *
 * Training follows reco.kernels.StepConfig. For a batch B the gradient is taken with every
 * parameter as it was before the batch, summed per row over the batch, L2 weighted per occurrence:
 *   g(p_u) = sum over j in B with u_j = u of (2/|B|) (e_j q_i + l2 p_u),   e_j = prediction - rating,
 *   g(b_u) = sum over the same j of (2/|B|) (e_j + biasL2 b_u),
 * and the same for q_i, b_u, b_i; then only the touched rows are updated: SGD, w -= lr g, or lazy
 * Adam in PyTorch's SparseAdam form (Kingma & Ba 2015, bias correction folded into the step):
 *   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  w -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps).
 *
 * Why group the batch by row instead of adding gradients with float atomics: OpenCL 1.2 has no float
 * atomic add, and emulating one with atomic_cmpxchg costs 2 x WIDTH compare-and-swap loops per
 * rating (about a microsecond per rating at WIDTH 64 on a CPU device), and sums in whatever order
 * the threads arrive, so results would change from run to run. Here the batch is grouped with
 * integer atomics only (one atomic_inc per rating and side, one atomic_add per work-group), each
 * touched row's occurrences are put back in batch order, and one work-item sums them and updates
 * its row. That is the Java reference's summation order (deterministic, and within a few ulps of
 * it), needs no float atomics on any device, and writes each row from one work-item only. CUDA has
 * a float atomicAdd, but it too sums in arrival order, so the CUDA device runs these same kernels.
 *
 * Why copy the batch's rows: a user's gradient needs the item rows as they were before the batch,
 * and an item's the user rows, so updating in place while the other side still reads would be wrong.
 * mf_gather, which reads both rows for the prediction anyway, copies them into batchP / batchQ (one
 * row per rating, written in order); mf_apply then reads the other side from the copies and may
 * update its own row at once. Against a gradient pass and a separate update pass this halves the
 * random row accesses, the cost that dominates on a CPU: profiled on PoCL (2 threads, WIDTH 64, batch
 * 65536) the two passes took ~250 ns per rating, the one pass ~140-160, for ~50 ns more in mf_gather.
 *
 * One batch is four launches, which the host enqueues for every batch of a train call back to back
 * without waiting (after zeroing `counters` with clEnqueueFillBuffer, or cuMemsetD32Async on the
 * same stream for CUDA), then reads the loss once:
 *   1. mf_gather    one work-item per rating   error; copies of its two rows; rank of the rating
 *                                              among its user's and its item's occurrences
 *                                              (atomic_inc on rowCount); compaction of first touches
 *                                              into `touched`; squared-error sum.
 *   2. mf_segments  one work-item per slot     start of each touched row's segment.
 *   3. mf_scatter   one work-item per rating   writes its batch position into its two segments.
 *   4. mf_apply     one work-item per slot     sorts its segment into batch order, sums its row's
 *                                              gradient, applies SGD or Adam, resets its rowCount.
 * Global sizes: rating kernels use the batch capacity rounded up to WG, slot kernels the slot
 * capacity; both are guarded, so a short last batch launches the same shapes (PoCL compiles each
 * new launch shape lazily, at a cost of a few hundred milliseconds).
 *
 * Slot layout: touched users take slots [0, itemSlot0), touched items [itemSlot0, ...); itemSlot0 is
 * a multiple of WG so that no work-group mixes the two. rowCount and rowSlot are indexed by u for a
 * user, nUsers + i for an item. segment[0, cap) holds users' occurrences, segment[cap, 2 cap) items'.
 * counters: touched users, touched items, users' segment cursor, items' segment cursor.
 * A rating whose index, user or item is out of range is skipped and its order position is kept in
 * fault[0] (atomic_min), which the host reports; no kernel ever reads or writes outside a buffer.
 */

INLINE float mf_predict_one(GLOBAL const float* P, GLOBAL const float* Q, GLOBAL const float* bu,
                            GLOBAL const float* bi, float mu, int biased, int u, int i) {
    float s = mu;
    if (biased) {
        s = s + bu[u] + bi[i];
    }
    return s + dot_row(ROW(P, u), ROW(Q, i));
}

/* mf_predict_one, also copying the two rows it reads (the same loop as dot_row, so the same sums). */
INLINE float mf_predict_copy(GLOBAL const float* P, GLOBAL const float* Q, GLOBAL const float* bu,
                             GLOBAL const float* bi, float mu, int biased, int u, int i,
                             GLOBAL float* copyP, GLOBAL float* copyQ) {
    GLOBAL const float* p = ROW(P, u);
    GLOBAL const float* q = ROW(Q, i);
    floatv acc = VZERO;
    for (int c = 0; c < NV; c++) {
        floatv a = VLOAD(c, p);
        floatv b = VLOAD(c, q);
        acc += a * b;
        VSTORE(a, c, copyP);
        VSTORE(b, c, copyQ);
    }
    float s = mu;
    if (biased) {
        s = s + bu[u] + bi[i];
    }
    return s + hsum(acc);
}

/* One work-item per rating [first, first + count); NaN for a rating whose user or item is out of range. */
KERNEL void mf_predict(GLOBAL const int* users, GLOBAL const int* items, long first, int count,
                       GLOBAL const float* P, GLOBAL const float* Q, GLOBAL const float* bu,
                       GLOBAL const float* bi, float mu, int biased, int nUsers, int nItems,
                       GLOBAL float* out) {
    int j = get_global_id(0);
    if (j >= count) {
        return;
    }
    int u = users[first + j];
    int i = items[first + j];
    out[j] = (u >= 0 && u < nUsers && i >= 0 && i < nItems) ? mf_predict_one(P, Q, bu, bi, mu, biased, u, i) : NAN;
}

KERNEL void mf_gather(GLOBAL const int* users, GLOBAL const int* items, GLOBAL const float* ratings, long nRatings,
                      GLOBAL const int* order, int useOrder, long first, int b,
                      GLOBAL const float* P, GLOBAL const float* Q, GLOBAL const float* bu, GLOBAL const float* bi,
                      float mu, int biased, int nUsers, int nItems,
                      GLOBAL int* bUser, GLOBAL int* bItem, GLOBAL float* bErr, GLOBAL float* batchP,
                      GLOBAL float* batchQ, GLOBAL int* rankUser,
                      GLOBAL int* rankItem, GLOBAL int* rowCount, GLOBAL int* rowSlot, GLOBAL int* touched,
                      int itemSlot0, GLOBAL int* counters, GLOBAL float* loss, GLOBAL int* fault) {
    LOCAL int newUser[WG];
    LOCAL int newItem[WG];
    LOCAL float squares[WG];
    LOCAL int baseUser;
    LOCAL int baseItem;
    int j = get_global_id(0);
    int l = get_local_id(0);
    int u = -1;
    int i = -1;
    int isNewUser = 0;
    int isNewItem = 0;
    float e = 0.0f;
    if (j < b) {
        long at = first + j;
        long idx = useOrder ? (long) order[at] : at;
        if (idx >= 0 && idx < nRatings) {
            u = users[idx];
            i = items[idx];
        }
        if (u >= 0 && u < nUsers && i >= 0 && i < nItems) {
            e = mf_predict_copy(P, Q, bu, bi, mu, biased, u, i, ROW(batchP, j), ROW(batchQ, j)) - ratings[idx];
            int ru = atomic_inc(&rowCount[u]);
            int ri = atomic_inc(&rowCount[nUsers + i]);
            rankUser[j] = ru;
            rankItem[j] = ri;
            isNewUser = ru == 0;
            isNewItem = ri == 0;
        } else {
            atomic_min(&fault[0], (int) at);
            u = -1;
            i = -1;
        }
        bUser[j] = u;
        bItem[j] = i;
        bErr[j] = e;
    }
    newUser[l] = isNewUser;
    newItem[l] = isNewItem;
    squares[l] = e * e;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (l == 0) {
        /* Exclusive scans of the first-touch flags; the loss sum keeps its compensation across batches. */
        int userTotal = 0;
        int itemTotal = 0;
        size_t g = get_group_id(0);
        float sum = loss[2 * g];
        float comp = loss[2 * g + 1];
        for (int x = 0; x < WG; x++) {
            int a = newUser[x];
            newUser[x] = userTotal;
            userTotal += a;
            a = newItem[x];
            newItem[x] = itemTotal;
            itemTotal += a;
            kahan_add(&sum, &comp, squares[x]);
        }
        loss[2 * g] = sum;
        loss[2 * g + 1] = comp;
        baseUser = userTotal > 0 ? atomic_add(&counters[0], userTotal) : 0;
        baseItem = itemTotal > 0 ? atomic_add(&counters[1], itemTotal) : 0;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    if (isNewUser) {
        int s = baseUser + newUser[l];
        touched[s] = u;
        rowSlot[u] = s;
    }
    if (isNewItem) {
        int s = itemSlot0 + baseItem + newItem[l];
        touched[s] = i;
        rowSlot[nUsers + i] = s;
    }
}

KERNEL void mf_segments(GLOBAL const int* touched, int itemSlot0, GLOBAL const int* rowCount, int nUsers,
                        GLOBAL int* counters, GLOBAL int* segStart, int cap) {
    LOCAL int count[WG];
    LOCAL int base;
    int s = get_global_id(0);
    int l = get_local_id(0);
    int side = s >= itemSlot0;
    int live = (side ? s - itemSlot0 : s) < counters[side];
    int c = 0;
    if (live) {
        int row = touched[s];
        c = rowCount[side ? nUsers + row : row];
    }
    count[l] = c;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (l == 0) {
        int total = 0;
        for (int x = 0; x < WG; x++) {
            int a = count[x];
            count[x] = total;
            total += a;
        }
        base = (total > 0 ? atomic_add(&counters[2 + side], total) : 0) + side * cap;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    if (live) {
        segStart[s] = base + count[l];
    }
}

KERNEL void mf_scatter(GLOBAL const int* bUser, GLOBAL const int* bItem, GLOBAL const int* rankUser,
                       GLOBAL const int* rankItem, int b, int nUsers, GLOBAL const int* rowSlot,
                       GLOBAL const int* segStart, GLOBAL int* segment) {
    int j = get_global_id(0);
    if (j >= b || bUser[j] < 0) {
        return;
    }
    segment[segStart[rowSlot[bUser[j]]] + rankUser[j]] = j;
    segment[segStart[rowSlot[nUsers + bItem[j]]] + rankItem[j]] = j;
}

INLINE float adam_scalar(GLOBAL float* m, GLOBAL float* v, float w, float g, float stepSize,
                         float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float epsilon) {
    float mm = beta1 * *m + oneMinusBeta1 * g;
    float vv = beta2 * *v + oneMinusBeta2 * g * g;
    *m = mm;
    *v = vv;
    return w - stepSize * mm / (sqrt(vv) + epsilon);
}

KERNEL void mf_apply(GLOBAL const int* touched, int itemSlot0, GLOBAL const int* counters, GLOBAL int* rowCount,
                     int nUsers, GLOBAL const int* segStart, GLOBAL int* segment, GLOBAL const float* bErr,
                     GLOBAL const float* batchP, GLOBAL const float* batchQ,
                     GLOBAL float* P, GLOBAL float* Q, GLOBAL float* bu, GLOBAL float* bi, int biased,
                     GLOBAL float* mP, GLOBAL float* mQ, GLOBAL float* mbu, GLOBAL float* mbi,
                     GLOBAL float* vP, GLOBAL float* vQ, GLOBAL float* vbu, GLOBAL float* vbi,
                     float scale, float decay, float biasDecay, int adam, float lr, float stepSize, float beta1,
                     float oneMinusBeta1, float beta2, float oneMinusBeta2, float epsilon) {
    int s = get_global_id(0);
    int side = s >= itemSlot0;
    if ((side ? s - itemSlot0 : s) >= counters[side]) {
        return;
    }
    int row = touched[s];
    GLOBAL int* count = &rowCount[side ? nUsers + row : row];
    int n = *count;
    GLOBAL int* seg = segment + segStart[s];
    /* Atomics ranked the occurrences in arrival order; insertion sort restores batch order (runs are short). */
    for (int a = 1; a < n; a++) {
        int v = seg[a];
        int x = a - 1;
        while (x >= 0 && seg[x] > v) {
            seg[x + 1] = seg[x];
            x--;
        }
        seg[x + 1] = v;
    }
    GLOBAL float* w = side ? ROW(Q, row) : ROW(P, row);
    GLOBAL const float* others = side ? batchP : batchQ;
    GLOBAL float* bias = side ? bi : bu;
    floatv own[NV];
    floatv g[NV];
    for (int c = 0; c < NV; c++) {
        own[c] = VLOAD(c, w);
        g[c] = VZERO;
    }
    float ownBias = biased ? bias[row] : 0.0f;
    float gb = 0.0f;
    for (int t = 0; t < n; t++) {
        int j = seg[t];
        float e = bErr[j] * scale;
        GLOBAL const float* other = ROW(others, j);
        for (int c = 0; c < NV; c++) {
            g[c] += e * VLOAD(c, other) + decay * own[c];
        }
        gb += e + biasDecay * ownBias;
    }
    if (!adam) {
        for (int c = 0; c < NV; c++) {
            VSTORE(own[c] - lr * g[c], c, w);
        }
        if (biased) {
            bias[row] = ownBias - lr * gb;
        }
    } else {
        GLOBAL float* m = side ? ROW(mQ, row) : ROW(mP, row);
        GLOBAL float* v = side ? ROW(vQ, row) : ROW(vP, row);
        for (int c = 0; c < NV; c++) {
            floatv mv = beta1 * VLOAD(c, m) + oneMinusBeta1 * g[c];
            floatv vv = beta2 * VLOAD(c, v) + oneMinusBeta2 * g[c] * g[c];
            VSTORE(mv, c, m);
            VSTORE(vv, c, v);
            VSTORE(own[c] - stepSize * mv / (sqrt(vv) + epsilon), c, w);
        }
        if (biased) {
            GLOBAL float* mb = side ? mbi : mbu;
            GLOBAL float* vb = side ? vbi : vbu;
            bias[row] = adam_scalar(&mb[row], &vb[row], ownBias, gb, stepSize, beta1, oneMinusBeta1, beta2,
                                    oneMinusBeta2, epsilon);
        }
    }
    *count = 0;
}
