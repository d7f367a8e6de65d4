/*
 * blocks.cl — one stratum of a blocked schedule (ComputeDevice.trainBlocks; DSGD, Gemulla et al.
 * 2011; FPSGD, Zhuang et al. 2013): blocks that share no user and no item, each trained on its own
 * ratings in order, one rating per update. Built after common.cl with WIDTH = factor count.
 *
 * Launch: one work-item per block, in work-groups of one, so that a CPU driver spreads the blocks
 * over its threads (PoCL hands whole work-groups to threads; a group of WG would put every block on
 * one). A work-item walks its block rating by rating and reads each row VW floats at a time, so a
 * row maps onto SIMD registers (common.cl). Blocks touch disjoint rows, so no update races, and each
 * block runs in order: the result is the Java reference's running the blocks one after another, up to
 * float rounding, and the same from run to run.
 *
 * Arguments: the rating columns (users, items int32; ratings float32) and their count; `ranges`, per
 * block its first rating and its rating count (int64 pairs); P (users x WIDTH), Q (items x WIDTH),
 * bu, bi (NULL when biased is 0), and for Adam the first and second moments shaped alike, updated in
 * place. `loss` receives per block its squared-error sum and that sum's Kahan compensation (the host
 * adds sum - compensation over the blocks in order, in double); `fault` the lowest rating position
 * whose user or item is outside the model (atomic_min), a rating that is skipped.
 *
 * Updates per rating, e = prediction - rating, every value as read just before (reco.kernels.java
 * VectorRatingLoop, the reference's per-rating step):
 *   SGD:  p_u = keep p_u - 2 lr e q_i;  q_i = keep q_i - 2 lr e p_u;  b = biasKeep b - 2 lr e,
 *         keep = 1 - 2 lr l2, biasKeep = 1 - 2 lr biasL2 (the L2 shrink folded in);
 *   Adam: g = 2 e q_i + 2 l2 p_u (and alike for q_i, and 2 e + 2 biasL2 b for a bias);
 *         m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  w -= lr sqrt(1-b2^t)/(1-b1^t) m / (sqrt(v) + eps),
 *         where rating j of the block (from 0) is step t = firstStep + j.
 *
 * Why each work-item prefetches the rows and biases of the rating BLOCKS_AHEAD places ahead: a
 * block's ratings are grouped by user, so its user row stays in cache, but each rating's item row
 * (and for Adam its two moment rows) is a random access into the block's share of Q, mostly a cache
 * miss, and a loop body this long leaves the CPU no room to start the next rating's loads early by
 * itself. On PoCL (WIDTH 64, 25M ratings, 8 blocks, 2 threads) asking 4 ratings ahead for the rows
 * took SGD from ~37 to ~31 ns per rating and Adam from ~135 to ~90 (1 or 3 ahead did less for one of
 * the two, 8 no better). The item's bias (and its two moments) is just as random, and once the rows
 * were prefetched it was where the time went: a sampling profile put 40 % of Adam's kernel time on
 * the loads of bi[i] and mbi[i]. Prefetching the bias cells as well took an epoch from 0.68 to
 * 0.51 s (SGD) and from 1.73 to 0.93 s (Adam), measured alternately in one sitting
 * (docs/PERFORMANCE.md).
 *
 * Why the powers b^t are kept as two floats (hi + lo, after Dekker 1971, the product's error found
 * with fma): 1 - b^t cancels at small t. With b2 = 0.999 and t = 2, 1 - b2^2 = 0.002, so rounding
 * b2^2 to one float already moves the bias correction by 1.5e-5, and a float power multiplied along
 * a block drifts further; the reference works in double. Two floats keep 1 - b^t within about one
 * float rounding of the double value (1.2e-7 relative over a million steps, checked against double),
 * with float arithmetic only: a GPU's double runs at a small fraction of its float rate, and OpenCL
 * 1.2 does not promise double at all. The host passes b^firstStep, computed in double, as such a pair.
 */

/* mu + b_u + b_i + p_u . q_i, summed in the reference's order. */
INLINE float blocks_predict(GLOBAL const float* p, GLOBAL const float* q, GLOBAL const float* bu,
                            GLOBAL const float* bi, float mu, int biased, int u, int i) {
    floatv acc = VZERO;
    for (int c = 0; c < NV; c++) {
        acc += VLOAD(c, p) * VLOAD(c, q);
    }
    float s = mu;
    if (biased) {
        s = s + bu[u] + bi[i];
    }
    return s + hsum(acc);
}

/* Ratings ahead whose rows a work-item asks for (see the header). */
#define BLOCKS_AHEAD 4

/* Asks for every cache line (64 bytes, 16 floats) of a row. */
INLINE void blocks_prefetch_row(GLOBAL const float* row) {
    for (int l = 0; l < WIDTH; l += 16) {
        PREFETCH(row + l);
    }
}

/* Asks for the cache line holding entry r of a per-row vector (a bias or its moment), if there is one. */
INLINE void blocks_prefetch_cell(GLOBAL const float* v, int r) {
    if (v) {
        PREFETCH(v + r);
    }
}

/*
 * Asks for what rating `ahead` will use, if it lies in the block (before `to`) and inside the model:
 * its user's and item's factor rows and biases, and for Adam their moments. Pointers are NULL where
 * there is nothing to fetch: the biases of an unbiased model, the moments under SGD.
 */
INLINE void blocks_prefetch(GLOBAL const int* users, GLOBAL const int* items, long ahead, long to, int nUsers,
                            int nItems, GLOBAL const float* P, GLOBAL const float* Q, GLOBAL const float* mP,
                            GLOBAL const float* mQ, GLOBAL const float* vP, GLOBAL const float* vQ,
                            GLOBAL const float* bu, GLOBAL const float* bi, GLOBAL const float* mbu,
                            GLOBAL const float* mbi, GLOBAL const float* vbu, GLOBAL const float* vbi) {
    if (ahead >= to) {
        return;
    }
    int u = users[ahead];
    int i = items[ahead];
    if (u < 0 || u >= nUsers || i < 0 || i >= nItems) {
        return;
    }
    blocks_prefetch_row(ROW(P, u));
    blocks_prefetch_row(ROW(Q, i));
    if (mP) {
        blocks_prefetch_row(ROW(mP, u));
        blocks_prefetch_row(ROW(mQ, i));
        blocks_prefetch_row(ROW(vP, u));
        blocks_prefetch_row(ROW(vQ, i));
    }
    blocks_prefetch_cell(bu, u);
    blocks_prefetch_cell(bi, i);
    blocks_prefetch_cell(mbu, u);
    blocks_prefetch_cell(mbi, i);
    blocks_prefetch_cell(vbu, u);
    blocks_prefetch_cell(vbi, i);
}

/* Whether rating j's user and item lie inside the model; if not, records it in the fault flag. */
INLINE int blocks_inside(int u, int i, int nUsers, int nItems, long j, GLOBAL int* fault) {
    if (u >= 0 && u < nUsers && i >= 0 && i < nItems) {
        return 1;
    }
    atomic_min(&fault[0], (int) j);
    return 0;
}

/*
 * (hi, lo) = (hi + lo) * b: hi the rounded product, lo the rest, with the product's rounding error
 * found exactly by fma. No renormalising sum (p + l, l - (s - p)): a compiler allowed to contract
 * (OpenCL's default FP_CONTRACT, nvcc's --fmad) could fuse it with the product and lose that error;
 * lo stays within about sqrt(t) ulps of hi anyway, as hi shrinks with the same factor b.
 */
INLINE void blocks_power_step(float* hi, float* lo, float b) {
    float p = *hi * b;
    float e = fma(*hi, b, -p);
    *lo = fma(*lo, b, e);
    *hi = p;
}

/* 1 - (hi + lo): 1 - hi is exact (Sterbenz) for hi in [0.5, 1], and nearly so below, where it is at least 0.5. */
INLINE float blocks_one_minus(float hi, float lo) {
    return (1.0f - hi) - lo;
}

/* Adam on one bias w with gradient g; returns the new w. */
INLINE float blocks_adam_scalar(float w, GLOBAL float* m, GLOBAL float* v, float g, float stepSize,
                                float beta1, float beta2, float epsilon) {
    float mm = beta1 * *m + (1.0f - beta1) * g;
    float vv = beta2 * *v + (1.0f - beta2) * g * g;
    *m = mm;
    *v = vv;
    return w - stepSize * mm / (sqrt(vv) + epsilon);
}

KERNEL void mf_blocks_sgd(GLOBAL const int* users, GLOBAL const int* items, GLOBAL const float* ratings,
                          long nRatings, GLOBAL const long* ranges, int nBlocks,
                          GLOBAL float* P, GLOBAL float* Q, GLOBAL float* bu, GLOBAL float* bi, float mu,
                          int biased, int nUsers, int nItems, float lr, float keep, float biasKeep,
                          GLOBAL float* loss, GLOBAL int* fault) {
    int b = get_global_id(0);
    if (b >= nBlocks) {
        return;
    }
    long from = ranges[2 * b];
    long to = min(from + ranges[2 * b + 1], nRatings);
    float sum = 0.0f;
    float comp = 0.0f;
    for (long j = from; j < to; j++) {
        blocks_prefetch(users, items, j + BLOCKS_AHEAD, to, nUsers, nItems, P, Q, 0, 0, 0, 0,
                        biased ? bu : 0, biased ? bi : 0, 0, 0, 0, 0);
        int u = users[j];
        int i = items[j];
        if (!blocks_inside(u, i, nUsers, nItems, j, fault)) {
            continue;
        }
        GLOBAL float* p = ROW(P, u);
        GLOBAL float* q = ROW(Q, i);
        float e = blocks_predict(p, q, bu, bi, mu, biased, u, i) - ratings[j];
        kahan_add(&sum, &comp, e * e);
        float step = -lr * 2.0f * e;
        for (int c = 0; c < NV; c++) {
            floatv pv = VLOAD(c, p);
            floatv qv = VLOAD(c, q);
            VSTORE(pv * keep + step * qv, c, p);
            VSTORE(qv * keep + step * pv, c, q);
        }
        if (biased) {
            bu[u] = bu[u] * biasKeep + step;
            bi[i] = bi[i] * biasKeep + step;
        }
    }
    loss[2 * b] = sum;
    loss[2 * b + 1] = comp;
}

KERNEL void mf_blocks_adam(GLOBAL const int* users, GLOBAL const int* items, GLOBAL const float* ratings,
                           long nRatings, GLOBAL const long* ranges, int nBlocks,
                           GLOBAL float* P, GLOBAL float* Q, GLOBAL float* bu, GLOBAL float* bi,
                           GLOBAL float* mP, GLOBAL float* mQ, GLOBAL float* mbu, GLOBAL float* mbi,
                           GLOBAL float* vP, GLOBAL float* vQ, GLOBAL float* vbu, GLOBAL float* vbi,
                           float mu, int biased, int nUsers, int nItems, float lr, float decay, float biasDecay,
                           float beta1, float beta2, float epsilon, float beta1PowerHi, float beta1PowerLo,
                           float beta2PowerHi, float beta2PowerLo, GLOBAL float* loss, GLOBAL int* fault) {
    int b = get_global_id(0);
    if (b >= nBlocks) {
        return;
    }
    long from = ranges[2 * b];
    long to = min(from + ranges[2 * b + 1], nRatings);
    float b1hi = beta1PowerHi;
    float b1lo = beta1PowerLo;
    float b2hi = beta2PowerHi;
    float b2lo = beta2PowerLo;
    float sum = 0.0f;
    float comp = 0.0f;
    for (long j = from; j < to; j++) {
        float stepSize = lr * sqrt(blocks_one_minus(b2hi, b2lo)) / blocks_one_minus(b1hi, b1lo);
        blocks_power_step(&b1hi, &b1lo, beta1);
        blocks_power_step(&b2hi, &b2lo, beta2);
        blocks_prefetch(users, items, j + BLOCKS_AHEAD, to, nUsers, nItems, P, Q, mP, mQ, vP, vQ,
                        biased ? bu : 0, biased ? bi : 0, biased ? mbu : 0, biased ? mbi : 0,
                        biased ? vbu : 0, biased ? vbi : 0);
        int u = users[j];
        int i = items[j];
        if (!blocks_inside(u, i, nUsers, nItems, j, fault)) {
            continue;
        }
        GLOBAL float* p = ROW(P, u);
        GLOBAL float* q = ROW(Q, i);
        float e = blocks_predict(p, q, bu, bi, mu, biased, u, i) - ratings[j];
        kahan_add(&sum, &comp, e * e);
        float g = 2.0f * e;
        GLOBAL float* mp = ROW(mP, u);
        GLOBAL float* vp = ROW(vP, u);
        GLOBAL float* mq = ROW(mQ, i);
        GLOBAL float* vq = ROW(vQ, i);
        for (int c = 0; c < NV; c++) {
            floatv pv = VLOAD(c, p);
            floatv qv = VLOAD(c, q);
            floatv gp = g * qv + decay * pv;
            floatv gq = g * pv + decay * qv;
            floatv m1 = beta1 * VLOAD(c, mp) + (1.0f - beta1) * gp;
            floatv v1 = beta2 * VLOAD(c, vp) + gp * gp * (1.0f - beta2);
            floatv m2 = beta1 * VLOAD(c, mq) + (1.0f - beta1) * gq;
            floatv v2 = beta2 * VLOAD(c, vq) + gq * gq * (1.0f - beta2);
            VSTORE(m1, c, mp);
            VSTORE(v1, c, vp);
            VSTORE(m2, c, mq);
            VSTORE(v2, c, vq);
            VSTORE(pv - stepSize * m1 / (sqrt(v1) + epsilon), c, p);
            VSTORE(qv - stepSize * m2 / (sqrt(v2) + epsilon), c, q);
        }
        if (biased) {
            float ub = bu[u];
            float ib = bi[i];
            bu[u] = blocks_adam_scalar(ub, &mbu[u], &vbu[u], g + biasDecay * ub, stepSize, beta1, beta2, epsilon);
            bi[i] = blocks_adam_scalar(ib, &mbi[i], &vbi[i], g + biasDecay * ib, stepSize, beta1, beta2, epsilon);
        }
    }
    loss[2 * b] = sum;
    loss[2 * b + 1] = comp;
}
