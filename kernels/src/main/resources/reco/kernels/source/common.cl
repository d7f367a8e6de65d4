/*
 * common.cl — helpers every Reco kernel source is built with: after the dialect's prelude
 * (opencl.h or cuda.h), before the op's own file. One text serves OpenCL C and CUDA C++: the
 * prelude supplies KERNEL, GLOBAL, LOCAL, INLINE, the vector type floatv with VLOAD, VSTORE, VZERO
 * and hsum, the cache hint PREFETCH, and, for CUDA, OpenCL's work-item functions and atomics.
 *
 * Build options (compile-time constants; never per-call values or nonces, because drivers such as
 * PoCL cache compiled programs by source and options, and every new option string is a slow build
 * and a permanent cache entry):
 *   WIDTH  floats per row: the factor count, or the point dimension;
 *   VW     floats per vector load: on OpenCL the largest of 16, 8, 4, 2, 1 that divides WIDTH, on
 *          CUDA 4 when it divides WIDTH, else 1 (CUDA has no wider float vector to load);
 *   WG     the work-group (CUDA: block) size of every launch (global sizes are padded to a
 *          multiple and guarded).
 *
 * A row is read VW floats at a time inside one work-item (vloadN). On a CPU driver this maps a row
 * onto SIMD registers, measured at ~88 ns per rating for SGD against ~200-250 ns when PoCL was left
 * to vectorise across work-items (shared/notes/opencl-ffm-on-pocl.md); on a GPU it is an unrolled
 * loop of 16-byte loads.
 */

#if WIDTH % VW != 0
#error "VW must divide WIDTH"
#endif

/* Vectors per row. */
#define NV (WIDTH / VW)

/* Row r of a row-major matrix with WIDTH columns; size_t so that rows × WIDTH may pass 2^31. */
#define ROW(base, r) ((base) + (size_t) (r) * WIDTH)

INLINE float dot_row(GLOBAL const float* a, GLOBAL const float* b) {
    floatv acc = VZERO;
    for (int c = 0; c < NV; c++) {
        acc += VLOAD(c, a) * VLOAD(c, b);
    }
    return hsum(acc);
}

/*
 * Compensated (Kahan 1965) addition. The Java reference sums long runs in double; OpenCL C 1.2 does
 * not promise double, so long float sums carry their rounding error along instead. Valid only
 * without -cl-fast-relaxed-math / -cl-unsafe-math-optimizations (CUDA: --use_fast_math), which this
 * project never passes; contraction to fused multiply-add cannot touch it, as it multiplies nothing.
 */
INLINE void kahan_add(float* sum, float* comp, float x) {
    float y = x - *comp;
    float t = *sum + y;
    *comp = (t - *sum) - y;
    *sum = t;
}
