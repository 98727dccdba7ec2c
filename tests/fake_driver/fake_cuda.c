/* A stand-in for libcuda.so.1 that exports the driver API symbols gpuscout's
 * probe loads. Memory is host memory; copies really copy; time is virtual:
 * each copy advances a clock by bytes / bandwidth, so a correct probe reports
 * exactly FAKE_CUDA_D2D_GBPS (read + write counted) and FAKE_CUDA_PCIE_GBPS.
 *
 * FAKE_CUDA_MODE: ok (default) | stub (cuInit answers CUDA_ERROR_STUB_LIBRARY,
 * 34, like the toolkit's stub) | init_fail (cuInit answers CUDA_ERROR_NO_DEVICE,
 * 100) | corrupt (device-to-device copies drop their last byte) | oom_second
 * (every second cuMemAlloc answers CUDA_ERROR_OUT_OF_MEMORY). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned long long CUdeviceptr;

static double clock_s = 0;

static const char* env(const char* name, const char* fallback) {
  const char* v = getenv(name);
  return v && *v ? v : fallback;
}
static double env_num(const char* name, double fallback) {
  const char* v = getenv(name);
  return v && *v ? atof(v) : fallback;
}

int cuInit(unsigned int flags) {
  (void)flags;
  const char* mode = env("FAKE_CUDA_MODE", "ok");
  if (strcmp(mode, "stub") == 0) return 34;
  if (strcmp(mode, "init_fail") == 0) return 100;
  return 0;
}
int cuDriverGetVersion(int* v) { *v = (int)env_num("FAKE_CUDA_DRIVER_VERSION", 12040); return 0; }
int cuDeviceGetCount(int* n) { *n = 1; return 0; }
int cuDeviceGet(int* d, int ordinal) { if (ordinal != 0) return 101; *d = 0; return 0; }
int cuDeviceGetName(char* name, int len, int dev) {
  (void)dev;
  strncpy(name, env("FAKE_CUDA_NAME", "Tesla T4"), (size_t)len);
  return 0;
}
int cuDeviceTotalMem_v2(size_t* bytes, int dev) {
  (void)dev;
  *bytes = (size_t)(env_num("FAKE_CUDA_MEM_MIB", 15360) * 1024 * 1024);
  return 0;
}
int cuDeviceGetAttribute(int* v, int attr, int dev) {
  (void)dev;
  switch (attr) {
    case 75: *v = (int)env_num("FAKE_CUDA_CC_MAJOR", 7); return 0;
    case 76: *v = (int)env_num("FAKE_CUDA_CC_MINOR", 5); return 0;
    case 16: *v = 40; return 0;
    case 33: *v = 0x17; return 0;
    case 34: *v = 0; return 0;
    case 50: *v = 0; return 0;
    default: *v = 0; return 1;
  }
}
int cuDevicePrimaryCtxRetain(void** ctx, int dev) { (void)dev; *ctx = (void*)&clock_s; return 0; }
int cuDevicePrimaryCtxRelease_v2(int dev) { (void)dev; return 0; }
int cuCtxSetCurrent(void* ctx) { (void)ctx; return 0; }
int cuCtxSynchronize(void) { return 0; }
static int allocations = 0;
int cuMemAlloc_v2(CUdeviceptr* p, size_t n) {
  /* oom_second: the second allocation fails, as a full GPU would. */
  if (strcmp(env("FAKE_CUDA_MODE", "ok"), "oom_second") == 0 && ++allocations % 2 == 0) return 2;
  void* m = malloc(n);
  if (!m) return 2; /* CUDA_ERROR_OUT_OF_MEMORY */
  *p = (CUdeviceptr)(uintptr_t)m;
  return 0;
}
int cuMemFree_v2(CUdeviceptr p) { free((void*)(uintptr_t)p); return 0; }
int cuMemAllocHost_v2(void** p, size_t n) { *p = malloc(n); return *p ? 0 : 2; }
int cuMemFreeHost(void* p) { free(p); return 0; }
int cuMemsetD8_v2(CUdeviceptr p, unsigned char v, size_t n) {
  memset((void*)(uintptr_t)p, v, n);
  return 0;
}
int cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t n, void* stream) {
  (void)stream;
  size_t copied = strcmp(env("FAKE_CUDA_MODE", "ok"), "corrupt") == 0 ? n - 1 : n;
  memcpy((void*)(uintptr_t)dst, (const void*)(uintptr_t)src, copied);
  clock_s += 2.0 * (double)n / (env_num("FAKE_CUDA_D2D_GBPS", 300) * 1e9);
  return 0;
}
int cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void* src, size_t n, void* stream) {
  (void)stream;
  memcpy((void*)(uintptr_t)dst, src, n);
  clock_s += (double)n / (env_num("FAKE_CUDA_PCIE_GBPS", 12) * 1e9);
  return 0;
}
int cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr src, size_t n, void* stream) {
  (void)stream;
  memcpy(dst, (const void*)(uintptr_t)src, n);
  clock_s += (double)n / (env_num("FAKE_CUDA_PCIE_GBPS", 12) * 1e9);
  return 0;
}
int cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t n) {
  memcpy(dst, (const void*)(uintptr_t)src, n);
  return 0;
}
int cuEventCreate(void** e, unsigned int flags) {
  (void)flags;
  *e = malloc(sizeof(double));
  return *e ? 0 : 2;
}
int cuEventRecord(void* e, void* stream) { (void)stream; *(double*)e = clock_s; return 0; }
int cuEventSynchronize(void* e) { (void)e; return 0; }
int cuEventElapsedTime(float* ms, void* start, void* end) {
  *ms = (float)((*(double*)end - *(double*)start) * 1000.0);
  return 0;
}
int cuEventDestroy_v2(void* e) { free(e); return 0; }
int cuGetErrorName(int code, const char** name) {
  switch (code) {
    case 34: *name = "CUDA_ERROR_STUB_LIBRARY"; return 0;
    case 100: *name = "CUDA_ERROR_NO_DEVICE"; return 0;
    case 2: *name = "CUDA_ERROR_OUT_OF_MEMORY"; return 0;
    default: *name = "CUDA_ERROR_UNKNOWN"; return 0;
  }
}
