/*
 * sgd.cl — classic stochastic gradient descent: mini-batches of one rating (StepConfig.batchSize 1,
 * Optimizer.SGD). Built after common.cl with WIDTH = factor count.
 *
 * Arguments: the rating columns (users, items int32; ratings float32), the order (int32 positions,
 * used when useOrder is 1) and the range [first, first + count) of it; P (users x WIDTH), Q
 * (items x WIDTH), bu, bi (NULL when biased is 0) in global memory, updated in place; lr, and the
 * L2 decays already multiplied by the batch-of-one scale 2; `loss` receives one squared-error sum per
 * work-group; `fault` the lowest order position whose rating is out of range (atomic_min).
 * Launch: one work-item per rating, global size padded to WG and guarded.
 *
 * Update per rating, with e = prediction - rating and every value read just before:
 *   p_u -= lr (2 e q_i + 2 l2 p_u);  q_i -= lr (2 e p_u + 2 l2 q_i);  b -= lr (2 e + 2 biasL2 b).
 *
 * Why Hogwild (Niu, Recht, Re and Wright, NIPS 2011) rather than the grouped mini-batch of mf.cl:
 * with batches of one, grouping costs four launches per rating. Here ratings run in parallel and
 * update their rows without locks; two work-items that share a row at the same moment may lose one
 * of the two updates. MovieLens-shaped data is sparse enough that such collisions are rare, and SGD
 * converges through them (the paper's result), but the order and the collisions depend on the
 * scheduling: the result is not bit-reproducible, unlike the Java device, which runs the same
 * update one rating at a time. The prediction reads each row once (VW floats per load, as in mf.cl).
 */

KERNEL void mf_sgd_hogwild(GLOBAL const int* users, GLOBAL const int* items, GLOBAL const float* ratings,
                           long nRatings, GLOBAL const int* order, int useOrder, long first, int count,
                           GLOBAL float* P, GLOBAL float* Q, GLOBAL float* bu, GLOBAL float* bi, float mu,
                           int biased, int nUsers, int nItems, float lr, float decay, float biasDecay,
                           GLOBAL float* loss, GLOBAL int* fault) {
    LOCAL float squares[WG];
    int j = get_global_id(0);
    int l = get_local_id(0);
    float e2 = 0.0f;
    if (j < count) {
        long at = first + j;
        long idx = useOrder ? (long) order[at] : at;
        int u = -1;
        int i = -1;
        if (idx >= 0 && idx < nRatings) {
            u = users[idx];
            i = items[idx];
        }
        if (u >= 0 && u < nUsers && i >= 0 && i < nItems) {
            GLOBAL float* p = ROW(P, u);
            GLOBAL float* q = ROW(Q, i);
            floatv acc = VZERO;
            for (int c = 0; c < NV; c++) {
                acc += VLOAD(c, p) * VLOAD(c, q);
            }
            float s = mu;
            float ub = 0.0f;
            float ib = 0.0f;
            if (biased) {
                ub = bu[u];
                ib = bi[i];
                s = s + ub + ib;
            }
            float e = s + hsum(acc) - ratings[idx];
            e2 = e * e;
            float es = 2.0f * e;
            for (int c = 0; c < NV; c++) {
                floatv a = VLOAD(c, p);
                floatv b = VLOAD(c, q);
                VSTORE(a - lr * (es * b + decay * a), c, p);
                VSTORE(b - lr * (es * a + decay * b), c, q);
            }
            if (biased) {
                bu[u] = ub - lr * (es + biasDecay * ub);
                bi[i] = ib - lr * (es + biasDecay * ib);
            }
        } else {
            atomic_min(&fault[0], (int) at);
        }
    }
    squares[l] = e2;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (l == 0) {
        float sum = 0.0f;
        for (int x = 0; x < WG; x++) {
            sum += squares[x];
        }
        loss[get_group_id(0)] = sum;
    }
}
