/*
 * opencl.h — the OpenCL C prelude of every Reco kernel source (before common.cl and the op's file).
 * The op sources are written in OpenCL C with four qualifiers spelled as macros, so that cuda.h can
 * give the same text a CUDA meaning; here each macro is the OpenCL keyword it names.
 *
 * floatv is the widest OpenCL float vector that divides a row (VW floats, see common.cl), loaded
 * with vloadN (no alignment needed); hsum adds its lanes in halves, lo + hi, down to one float.
 */

#define KERNEL kernel
#define GLOBAL global
#define LOCAL local
#define INLINE inline

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

/* A vector of zeros (OpenCL widens a scalar cast to every lane). */
#define VZERO ((floatv) (0.0f))

/*
 * PREFETCH(p): asks for the cache line holding *p, a hint with no effect on results. OpenCL's own
 * prefetch() is an empty function in PoCL's kernel library, so on a CPU target built by clang (PoCL,
 * Intel's CPU runtime) this is clang's __builtin_prefetch, one prefetch instruction; elsewhere
 * (GPU compilers) nothing.
 */
#if defined(__clang__) && (defined(__x86_64__) || defined(__aarch64__))
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void) 0)
#endif
