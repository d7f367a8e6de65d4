/*
 * common.cl — helpers every Reco kernel source is built with (passed to clCreateProgramWithSource
 * before the op's own file).
 *
 * Build options (compile-time constants; never per-call values or nonces, because drivers such as
 * PoCL cache compiled programs by source and options, and every new option string is a slow build
 * and a permanent cache entry):
 *   WIDTH  floats per row: the factor count, or the point dimension;
 *   VW     floats per vector load, the largest of 16, 8, 4, 2, 1 that divides WIDTH;
 *   WG     the work-group size of every launch (global sizes are padded to a multiple and guarded).
 *
 * A row is read VW floats at a time inside one work-item (vloadN). On a CPU driver this maps a row
 * onto SIMD registers, measured at ~88 ns per rating for SGD against ~200-250 ns when PoCL was left
 * to vectorise across work-items (shared/notes/opencl-ffm-on-pocl.md); on a GPU it is an unrolled loop.
 */

#if VW == 16
typedef float16 floatv;
#define VLOAD(i, p) vload16((i), (p))
#define VSTORE(v, i, p) vstore16((v), (i), (p))
inline float hsum(float16 v) {
    float8 a = v.lo + v.hi;
    float4 b = a.lo + a.hi;
    float2 c = b.lo + b.hi;
    return c.x + c.y;
}
#elif VW == 8
typedef float8 floatv;
#define VLOAD(i, p) vload8((i), (p))
#define VSTORE(v, i, p) vstore8((v), (i), (p))
inline float hsum(float8 v) {
    float4 b = v.lo + v.hi;
    float2 c = b.lo + b.hi;
    return c.x + c.y;
}
#elif VW == 4
typedef float4 floatv;
#define VLOAD(i, p) vload4((i), (p))
#define VSTORE(v, i, p) vstore4((v), (i), (p))
inline float hsum(float4 v) {
    float2 c = v.lo + v.hi;
    return c.x + c.y;
}
#elif VW == 2
typedef float2 floatv;
#define VLOAD(i, p) vload2((i), (p))
#define VSTORE(v, i, p) vstore2((v), (i), (p))
inline float hsum(float2 v) {
    return v.x + v.y;
}
#elif VW == 1
typedef float floatv;
#define VLOAD(i, p) ((p)[(i)])
#define VSTORE(v, i, p) ((p)[(i)] = (v))
inline float hsum(float v) {
    return v;
}
#else
#error "VW must be 16, 8, 4, 2 or 1"
#endif

#if WIDTH % VW != 0
#error "VW must divide WIDTH"
#endif

/* Vectors per row. */
#define NV (WIDTH / VW)

/* Row r of a row-major matrix with WIDTH columns; size_t so that rows × WIDTH may pass 2^31. */
#define ROW(base, r) ((base) + (size_t) (r) * WIDTH)

inline float dot_row(global const float* a, global const float* b) {
    floatv acc = (floatv) (0.0f);
    for (int c = 0; c < NV; c++) {
        acc += VLOAD(c, a) * VLOAD(c, b);
    }
    return hsum(acc);
}

/*
 * Compensated (Kahan 1965) addition. The Java reference sums long runs in double; OpenCL C 1.2 does
 * not promise double, so long float sums carry their rounding error along instead. Valid only
 * without -cl-fast-relaxed-math / -cl-unsafe-math-optimizations, which this project never passes.
 */
inline void kahan_add(float* sum, float* comp, float x) {
    float y = x - *comp;
    float t = *sum + y;
    *comp = (t - *sum) - y;
    *sum = t;
}
