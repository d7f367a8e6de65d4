/*
 * kmeans.cl — the two steps of a Lloyd iteration (Lloyd 1982) on the device; the host divides the
 * sums, handles empty clusters and decides when to stop. Built after the prelude and common.cl with WIDTH = point
 * dimension and CHUNK = points per partial sum.
 *
 * Memory: points n x WIDTH and centroids k x WIDTH, row-major float32 in global memory;
 * assignment int32 and distance float32 per point; no local memory.
 *
 * kmeans_assign   one work-item per point (global: n rounded up to WG). The point is held in
 *                 registers and compared with every centroid in turn; strict < keeps the lower
 *                 index on ties, as the Java reference does. The squared distance is summed
 *                 directly, sum (x - c)^2, as there, rather than |x|^2 - 2 x.c + |c|^2, which
 *                 cancels badly for near points.
 * kmeans_partial  one work-item per (chunk of CHUNK points, cluster) (global: chunks x k rounded up):
 *                 the cluster's coordinate sum and member count over the chunk, in point order.
 * kmeans_reduce   one work-item per (cluster, coordinate) (global: k x WIDTH rounded up): sums the
 *                 chunks in chunk order; counts ride on coordinate 0.
 *
 * Why two passes and not float atomics: the result is deterministic and summed in point order like
 * the reference, each assignment is read k times (cheap beside the n x WIDTH additions), and no
 * device needs float atomics. The reference sums in double; these sums are compensated (Kahan) in
 * float, which keeps them within a few float ulps of it.
 *
 * An assignment outside [0, k) is skipped and the lowest such point is kept in fault[0] (atomic_min),
 * which the host reports as the reference's IllegalArgumentException would.
 */

KERNEL void kmeans_assign(GLOBAL const float* points, int n, GLOBAL const float* centroids, int k,
                          GLOBAL int* assignment, GLOBAL float* distance) {
    int x = get_global_id(0);
    if (x >= n) {
        return;
    }
    GLOBAL const float* p = ROW(points, x);
    floatv pv[NV];
    for (int v = 0; v < NV; v++) {
        pv[v] = VLOAD(v, p);
    }
    int best = -1;
    float bestD = INFINITY;
    for (int c = 0; c < k; c++) {
        GLOBAL const float* q = ROW(centroids, c);
        floatv acc = VZERO;
        for (int v = 0; v < NV; v++) {
            floatv d = pv[v] - VLOAD(v, q);
            acc += d * d;
        }
        float dist = hsum(acc);
        if (dist < bestD || best < 0) {
            bestD = dist;
            best = c;
        }
    }
    assignment[x] = best;
    distance[x] = bestD;
}

KERNEL void kmeans_partial(GLOBAL const float* points, int n, GLOBAL const int* assignment, int k,
                           GLOBAL float* partial, GLOBAL int* partialCount, GLOBAL int* fault) {
    int gid = get_global_id(0);
    int chunk = gid / k;
    int c = gid % k;
    if (chunk >= (n + CHUNK - 1) / CHUNK) {
        return;
    }
    int from = chunk * CHUNK;
    int to = min(n, from + CHUNK);
    floatv sum[NV];
    floatv comp[NV];
    for (int v = 0; v < NV; v++) {
        sum[v] = VZERO;
        comp[v] = VZERO;
    }
    int members = 0;
    for (int x = from; x < to; x++) {
        int a = assignment[x];
        if (c == 0 && (a < 0 || a >= k)) {
            atomic_min(&fault[0], x);
        }
        if (a != c) {
            continue;
        }
        members++;
        GLOBAL const float* p = ROW(points, x);
        for (int v = 0; v < NV; v++) {
            floatv y = VLOAD(v, p) - comp[v];
            floatv t = sum[v] + y;
            comp[v] = (t - sum[v]) - y;
            sum[v] = t;
        }
    }
    GLOBAL float* out = ROW(partial, (size_t) chunk * k + c);
    for (int v = 0; v < NV; v++) {
        VSTORE(sum[v], v, out);
    }
    partialCount[(size_t) chunk * k + c] = members;
}

KERNEL void kmeans_reduce(GLOBAL const float* partial, GLOBAL const int* partialCount, int chunks, int k,
                          GLOBAL float* sums, GLOBAL int* counts) {
    int gid = get_global_id(0);
    if (gid >= k * WIDTH) {
        return;
    }
    int c = gid / WIDTH;
    int f = gid % WIDTH;
    float sum = 0.0f;
    float comp = 0.0f;
    for (int ch = 0; ch < chunks; ch++) {
        kahan_add(&sum, &comp, partial[((size_t) ch * k + c) * WIDTH + f]);
    }
    sums[gid] = sum;
    if (f == 0) {
        int members = 0;
        for (int ch = 0; ch < chunks; ch++) {
            members += partialCount[(size_t) ch * k + c];
        }
        counts[c] = members;
    }
}
