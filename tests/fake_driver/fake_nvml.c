/* A stand-in for libnvidia-ml.so.1 with the NVML symbols gpuscout's probe
 * loads. FAKE_NVML_MODE: ok (default) | init_fail (nvmlInit_v2 answers
 * NVML_ERROR_DRIVER_NOT_LOADED, 9). FAKE_NVML_GEN_CURRENT sets the PCIe link
 * generation it reports now (default 4, the maximum). */
#include <stdlib.h>
#include <string.h>

typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct {
  char busIdLegacy[16];
  unsigned int domain, bus, device, pciDeviceId, pciSubSystemId;
  char busId[32];
} nvmlPciInfo_t;

static int device_token;

static const char* env(const char* name, const char* fallback) {
  const char* v = getenv(name);
  return v && *v ? v : fallback;
}

int nvmlInit_v2(void) { return strcmp(env("FAKE_NVML_MODE", "ok"), "init_fail") == 0 ? 9 : 0; }
int nvmlShutdown(void) { return 0; }
const char* nvmlErrorString(int code) { return code == 9 ? "Driver Not Loaded" : "Unknown Error"; }
int nvmlSystemGetDriverVersion(char* v, unsigned int n) {
  strncpy(v, env("FAKE_NVML_DRIVER", "550.54.15"), n);
  return 0;
}
int nvmlSystemGetCudaDriverVersion(int* v) { *v = 12040; return 0; }
int nvmlDeviceGetCount_v2(unsigned int* n) { *n = 1; return 0; }
int nvmlDeviceGetHandleByIndex_v2(unsigned int i, void** d) {
  if (i != 0) return 2;
  *d = &device_token;
  return 0;
}
int nvmlDeviceGetName(void* d, char* name, unsigned int n) {
  (void)d;
  strncpy(name, env("FAKE_CUDA_NAME", "Tesla T4"), n);
  return 0;
}
int nvmlDeviceGetMemoryInfo(void* d, nvmlMemory_t* m) {
  (void)d;
  m->total = 15360ull << 20;
  m->free = m->total;
  m->used = 0;
  return 0;
}
int nvmlDeviceGetPciInfo_v3(void* d, nvmlPciInfo_t* p) {
  (void)d;
  memset(p, 0, sizeof *p);
  strcpy(p->busId, "00000000:17:00.0");
  p->bus = 0x17;
  return 0;
}
int nvmlDeviceGetCudaComputeCapability(void* d, int* major, int* minor) {
  (void)d;
  *major = 7;
  *minor = 5;
  return 0;
}
int nvmlDeviceGetCurrPcieLinkGeneration(void* d, unsigned int* g) {
  (void)d;
  *g = (unsigned)atoi(env("FAKE_NVML_GEN_CURRENT", "3"));
  return 0;
}
int nvmlDeviceGetMaxPcieLinkGeneration(void* d, unsigned int* g) { (void)d; *g = 3; return 0; }
int nvmlDeviceGetCurrPcieLinkWidth(void* d, unsigned int* w) { (void)d; *w = 16; return 0; }
int nvmlDeviceGetMaxPcieLinkWidth(void* d, unsigned int* w) { (void)d; *w = 16; return 0; }
int nvmlDeviceGetNvLinkState(void* d, unsigned int link, int* active) {
  (void)d;
  (void)link;
  (void)active;
  return 3; /* NVML_ERROR_NOT_SUPPORTED: a T4 has no NVLink */
}
