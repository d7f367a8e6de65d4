/*
 * cuda.h — the CUDA C++ prelude of every Reco kernel source (before common.cl and the op's file), so
 * that the OpenCL C op sources compile unchanged with NVRTC (and nvcc). It gives:
 *   - the four qualifiers: a kernel is extern "C" __global__ (an unmangled name for
 *     cuModuleGetFunction), GLOBAL is nothing (CUDA pointers are generic), LOCAL is __shared__ (per
 *     block, as OpenCL's local is per work-group) and helpers are __device__ functions;
 *   - the OpenCL built-ins the sources use, over CUDA's: one-dimensional get_global_id,
 *     get_local_id, get_group_id; barrier as __syncthreads; atomic_inc, atomic_add and atomic_min on
 *     int (each returns the old value, as in OpenCL); int clamp; INFINITY and NAN;
 *   - floatv: float4 with OpenCL's element-wise operators (vector-vector and vector-scalar), loaded
 *     with one 16-byte load, when 4 divides WIDTH; plain float otherwise. A row starts at a multiple
 *     of WIDTH floats from a cuMemAlloc base (256-byte aligned), so float4 loads of whole rows are
 *     aligned. hsum adds the lanes as OpenCL's float4 hsum does: (x + z) + (y + w).
 *   - PREFETCH(p), a cache hint on CPU targets (opencl.h), here nothing.
 * Launches are one-dimensional: the host's grid × block is the OpenCL global × local size.
 */

#define KERNEL extern "C" __global__
#define GLOBAL
#define LOCAL __shared__
#define INLINE __device__ inline
#define PREFETCH(p) ((void) 0)

/* NVRTC predefines no size_t; this names the type sizeof gives, whatever the compiler calls it. */
typedef decltype(sizeof(0)) size_t;

INLINE size_t get_global_id(int) {
    return (size_t) blockIdx.x * blockDim.x + threadIdx.x;
}

INLINE size_t get_local_id(int) {
    return threadIdx.x;
}

INLINE size_t get_group_id(int) {
    return blockIdx.x;
}

#define CLK_LOCAL_MEM_FENCE 1

INLINE void barrier(int) {
    __syncthreads();
}

INLINE int atomic_inc(int* p) {
    return atomicAdd(p, 1);
}

INLINE int atomic_add(int* p, int v) {
    return atomicAdd(p, v);
}

INLINE int atomic_min(int* p, int v) {
    return atomicMin(p, v);
}

INLINE int clamp(int x, int lo, int hi) {
    return min(max(x, lo), hi);
}

#ifndef INFINITY
#define INFINITY __int_as_float(0x7f800000)
#endif
#ifndef NAN
#define NAN __int_as_float(0x7fffffff)
#endif

#if VW == 4
typedef float4 floatv;

/* OpenCL's element-wise arithmetic on float4: vector op vector, vector op scalar, scalar op vector. */
#define RECO_FLOAT4_OPERATOR(op)                                                  \
    INLINE float4 operator op(float4 a, float4 b) {                               \
        float4 r = {a.x op b.x, a.y op b.y, a.z op b.z, a.w op b.w};              \
        return r;                                                                 \
    }                                                                             \
    INLINE float4 operator op(float4 a, float s) {                                \
        float4 r = {a.x op s, a.y op s, a.z op s, a.w op s};                      \
        return r;                                                                 \
    }                                                                             \
    INLINE float4 operator op(float s, float4 b) {                                \
        float4 r = {s op b.x, s op b.y, s op b.z, s op b.w};                      \
        return r;                                                                 \
    }                                                                             \
    INLINE float4& operator op##=(float4& a, float4 b) {                          \
        a = a op b;                                                               \
        return a;                                                                 \
    }
RECO_FLOAT4_OPERATOR(+)
RECO_FLOAT4_OPERATOR(-)
RECO_FLOAT4_OPERATOR(*)
RECO_FLOAT4_OPERATOR(/)
#undef RECO_FLOAT4_OPERATOR

INLINE float4 sqrt(float4 a) {
    float4 r = {sqrtf(a.x), sqrtf(a.y), sqrtf(a.z), sqrtf(a.w)};
    return r;
}

INLINE float hsum(float4 v) {
    return (v.x + v.z) + (v.y + v.w);
}

INLINE float4 vload4(size_t i, const float* p) {
    return reinterpret_cast<const float4*>(p)[i];
}

INLINE void vstore4(float4 v, size_t i, float* p) {
    reinterpret_cast<float4*>(p)[i] = v;
}

#define VLOAD(i, p) vload4((i), (p))
#define VSTORE(v, i, p) vstore4((v), (i), (p))
#define VZERO (make_float4(0.0f, 0.0f, 0.0f, 0.0f))
#elif VW == 1
typedef float floatv;
#define VLOAD(i, p) ((p)[(i)])
#define VSTORE(v, i, p) ((p)[(i)] = (v))
#define VZERO 0.0f

INLINE float hsum(float v) {
    return v;
}
#else
#error "VW must be 4 or 1 for CUDA"
#endif
