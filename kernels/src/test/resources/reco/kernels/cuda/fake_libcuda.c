/*
 * fake_libcuda.c — a stand-in for libcuda.so.1 that runs no kernel, for FakeDriverTest: it lets the
 * CUDA device's host code run where there is no GPU, and checks how that code uses the driver.
 *
 * Memory is host memory (a device pointer is a malloc'd address), so copies and fills really move
 * bytes; a launch only counts itself under its kernel's name. Every call checks what a real driver
 * would refuse or what would be a leak or a use after free: a context must be current on the calling
 * thread, a copy or fill must lie inside one live allocation, a module must hold the function asked
 * for, handles must be live. A refused call returns the driver's error code and is counted in
 * fake_errors(). The fake_* functions report what is still alive, for the test to read after close.
 *
 * Build: cc -shared -fPIC -O1 -o libcuda-fake.so fake_libcuda.c
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CUDA_SUCCESS 0
#define CUDA_ERROR_INVALID_VALUE 1
#define CUDA_ERROR_INVALID_CONTEXT 201
#define CUDA_ERROR_INVALID_IMAGE 200
#define CUDA_ERROR_INVALID_HANDLE 400
#define CUDA_ERROR_NOT_FOUND 500
#define MAX_LIVE 4096

typedef struct { char name[128]; long launches; } fake_function;
typedef struct { char* ptx; fake_function functions[32]; int count; } fake_module;

static int context_refs;
static int primary_context; /* its address is the CUcontext */
static __thread void* current;
static int errors;
static void* allocations[MAX_LIVE];
static size_t sizes[MAX_LIVE];
static void* modules[MAX_LIVE];
static int streams, events;
static char launched[64][128];
static long launch_counts[64];
static int launched_kinds;

static int fail(int code) {
    errors++;
    return code;
}

static int no_context(void) {
    return context_refs == 0 || current != &primary_context;
}

/* The live allocation holding [p, p + n), or -1. */
static int allocation_of(uint64_t p, size_t n) {
    for (int a = 0; a < MAX_LIVE; a++) {
        uint64_t base = (uint64_t) (uintptr_t) allocations[a];
        if (allocations[a] != NULL && p >= base && p + n <= base + sizes[a]) {
            return a;
        }
    }
    return -1;
}

static int live(void** table, void* h) {
    for (int i = 0; i < MAX_LIVE; i++) {
        if (table[i] == h && h != NULL) {
            return i;
        }
    }
    return -1;
}

int cuInit(unsigned flags) { return flags == 0 ? CUDA_SUCCESS : fail(CUDA_ERROR_INVALID_VALUE); }
int cuDriverGetVersion(int* v) { *v = 13000; return CUDA_SUCCESS; }
int cuGetErrorName(int code, const char** s) { *s = code == 0 ? "CUDA_SUCCESS" : "CUDA_ERROR_FAKE"; return CUDA_SUCCESS; }
int cuGetErrorString(int code, const char** s) { *s = code == 0 ? "no error" : "refused by the fake driver"; return CUDA_SUCCESS; }
int cuDeviceGetCount(int* n) { *n = 1; return CUDA_SUCCESS; }
int cuDeviceGet(int* d, int ordinal) { if (ordinal != 0) return fail(CUDA_ERROR_INVALID_VALUE); *d = 0; return CUDA_SUCCESS; }
int cuDeviceGetName(char* name, int len, int d) { strncpy(name, "Fake GPU", (size_t) len); return CUDA_SUCCESS; }
int cuDeviceTotalMem_v2(size_t* bytes, int d) { *bytes = (size_t) 1 << 34; return CUDA_SUCCESS; }

int cuDeviceGetAttribute(int* v, int attribute, int d) {
    switch (attribute) {
        case 1: *v = 1024; break;        /* max threads per block */
        case 10: *v = 32; break;         /* warp size */
        case 16: *v = 4; break;          /* multiprocessors */
        case 75: *v = 9; break;          /* compute capability major */
        case 76: *v = 0; break;          /* minor */
        default: *v = 1; break;
    }
    return CUDA_SUCCESS;
}

int cuDevicePrimaryCtxRetain(void** ctx, int d) { context_refs++; *ctx = &primary_context; return CUDA_SUCCESS; }

int cuDevicePrimaryCtxRelease_v2(int d) {
    if (context_refs == 0) return fail(CUDA_ERROR_INVALID_CONTEXT);
    context_refs--;
    return CUDA_SUCCESS;
}

int cuCtxSetCurrent(void* ctx) {
    if (ctx != &primary_context || context_refs == 0) return fail(CUDA_ERROR_INVALID_CONTEXT);
    current = ctx;
    return CUDA_SUCCESS;
}

int cuModuleLoadDataEx(void** module, const void* image, unsigned n, int* options, void** values) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    if (strstr((const char*) image, ".version") == NULL) {
        for (unsigned o = 0; o < n; o++) {
            if (options[o] == 5) strncpy((char*) values[o], "fake JIT: not PTX", 64);
        }
        return fail(CUDA_ERROR_INVALID_IMAGE);
    }
    int slot = 0;
    while (slot < MAX_LIVE && modules[slot] != NULL) {
        slot++;
    }
    if (slot == MAX_LIVE) return fail(CUDA_ERROR_INVALID_VALUE);
    fake_module* m = calloc(1, sizeof(fake_module));
    m->ptx = strdup((const char*) image);
    modules[slot] = m;
    *module = m;
    return CUDA_SUCCESS;
}

int cuModuleGetFunction(void** function, void* module, const char* name) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    if (live(modules, module) < 0) return fail(CUDA_ERROR_INVALID_HANDLE);
    fake_module* m = module;
    char entry[160];
    snprintf(entry, sizeof entry, ".entry %s(", name);
    if (strstr(m->ptx, entry) == NULL || m->count == 32) return fail(CUDA_ERROR_NOT_FOUND);
    fake_function* f = &m->functions[m->count++];
    strncpy(f->name, name, sizeof f->name - 1);
    *function = f;
    return CUDA_SUCCESS;
}

int cuModuleUnload(void* module) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    int slot = live(modules, module);
    if (slot < 0) return fail(CUDA_ERROR_INVALID_HANDLE);
    free(((fake_module*) module)->ptx);
    free(module);
    modules[slot] = NULL;
    return CUDA_SUCCESS;
}

int cuFuncGetAttribute(int* v, int attribute, void* function) {
    *v = attribute == 0 ? 1024 : attribute == 4 ? 40 : 0;
    return CUDA_SUCCESS;
}

int cuMemAlloc_v2(uint64_t* p, size_t bytes) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    if (bytes == 0) return fail(CUDA_ERROR_INVALID_VALUE);
    for (int a = 0; a < MAX_LIVE; a++) {
        if (allocations[a] == NULL) {
            allocations[a] = malloc(bytes);
            memset(allocations[a], 0x5A, bytes); /* not zero: the device must fill what it promises is zero */
            sizes[a] = bytes;
            *p = (uint64_t) (uintptr_t) allocations[a];
            return CUDA_SUCCESS;
        }
    }
    return fail(CUDA_ERROR_INVALID_VALUE);
}

int cuMemFree_v2(uint64_t p) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    int a = live(allocations, (void*) (uintptr_t) p);
    if (a < 0) return fail(CUDA_ERROR_INVALID_VALUE);
    free(allocations[a]);
    allocations[a] = NULL;
    return CUDA_SUCCESS;
}

int cuMemcpyHtoDAsync_v2(uint64_t dst, const void* src, size_t n, void* stream) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    if (allocation_of(dst, n) < 0 || stream == NULL) return fail(CUDA_ERROR_INVALID_VALUE);
    memcpy((void*) (uintptr_t) dst, src, n);
    return CUDA_SUCCESS;
}

int cuMemcpyDtoHAsync_v2(void* dst, uint64_t src, size_t n, void* stream) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    if (allocation_of(src, n) < 0 || stream == NULL) return fail(CUDA_ERROR_INVALID_VALUE);
    memcpy(dst, (const void*) (uintptr_t) src, n);
    return CUDA_SUCCESS;
}

int cuMemsetD32Async(uint64_t dst, unsigned value, size_t count, void* stream) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    if (allocation_of(dst, 4 * count) < 0 || stream == NULL) return fail(CUDA_ERROR_INVALID_VALUE);
    unsigned* p = (unsigned*) (uintptr_t) dst;
    for (size_t i = 0; i < count; i++) p[i] = value;
    return CUDA_SUCCESS;
}

int cuLaunchKernel(void* f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                   unsigned shared, void* stream, void** params, void** extra) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    if (f == NULL || gx == 0 || bx == 0 || bx > 1024 || gy != 1 || gz != 1 || by != 1 || bz != 1 || stream == NULL
        || params == NULL || extra != NULL) {
        return fail(CUDA_ERROR_INVALID_VALUE);
    }
    const char* name = ((fake_function*) f)->name;
    for (int k = 0; k < launched_kinds; k++) {
        if (strcmp(launched[k], name) == 0) {
            launch_counts[k]++;
            return CUDA_SUCCESS;
        }
    }
    if (launched_kinds == 64) return fail(CUDA_ERROR_INVALID_VALUE);
    strncpy(launched[launched_kinds], name, 127);
    launch_counts[launched_kinds++] = 1;
    return CUDA_SUCCESS;
}

int cuStreamCreate(void** s, unsigned flags) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    streams++;
    *s = malloc(1);
    return CUDA_SUCCESS;
}

int cuStreamSynchronize(void* s) { return no_context() ? fail(CUDA_ERROR_INVALID_CONTEXT) : CUDA_SUCCESS; }

int cuStreamDestroy_v2(void* s) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    streams--;
    free(s);
    return CUDA_SUCCESS;
}

int cuEventCreate(void** e, unsigned flags) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    events++;
    *e = malloc(1);
    return CUDA_SUCCESS;
}

int cuEventRecord(void* e, void* s) { return no_context() ? fail(CUDA_ERROR_INVALID_CONTEXT) : CUDA_SUCCESS; }
int cuEventSynchronize(void* e) { return CUDA_SUCCESS; }
int cuEventElapsedTime_v2(float* ms, void* start, void* end) { *ms = 0.25f; return CUDA_SUCCESS; }

int cuEventDestroy_v2(void* e) {
    if (no_context()) return fail(CUDA_ERROR_INVALID_CONTEXT);
    events--;
    free(e);
    return CUDA_SUCCESS;
}

/* What the test reads after the device is closed. */
int fake_errors(void) { return errors; }
int fake_context_refs(void) { return context_refs; }
int fake_streams(void) { return streams; }
int fake_events(void) { return events; }

int fake_allocations(void) {
    int n = 0;
    for (int a = 0; a < MAX_LIVE; a++) n += allocations[a] != NULL;
    return n;
}

int fake_modules(void) {
    int n = 0;
    for (int m = 0; m < MAX_LIVE; m++) n += modules[m] != NULL;
    return n;
}

long fake_launches(const char* name) {
    for (int k = 0; k < launched_kinds; k++) {
        if (strcmp(launched[k], name) == 0) return launch_counts[k];
    }
    return 0;
}
