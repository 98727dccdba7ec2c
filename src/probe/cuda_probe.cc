#include "probe/cuda_probe.h"

#include <fmt/format.h>

namespace gpuscout::probe {

std::string CudaVersionText(int v) {
  if (v <= 0) return "";
  return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10);
}

CudaStatus ProbeCuda(const std::string& library, std::shared_ptr<const CudaApi>* api_out) {
  CudaStatus s;
  s.library = library;
  auto api = LoadCudaApi(library);
  if (!api) {
    s.error = api.error().message;
    return s;
  }
  s.loaded = true;
  const CudaApi& cu = **api;
  s.init_result = cu.cuInit(0);
  if (s.init_result != kCudaSuccess) {
    std::string why;
    switch (s.init_result) {
      case kCudaErrorStubLibrary:
        why = "this libcuda is the CUDA toolkit's stub (for linking only), not the NVIDIA "
              "driver's: the driver is not installed, or the stub shadows it on the library path";
        break;
      case kCudaErrorNoDevice:
        why = "the driver sees no CUDA device (no GPU passed through to this VM or container)";
        break;
      case kCudaErrorInsufficientDriver:
        why = "the installed kernel driver is older than this libcuda expects";
        break;
      default:
        why = "the driver did not initialise";
    }
    s.error = "cuInit: " + cu.ErrorText(s.init_result) + ": " + why;
    return s;
  }
  s.initialised = true;
  cu.cuDriverGetVersion(&s.driver_version);
  int count = 0;
  if (int r = cu.cuDeviceGetCount(&count); r != kCudaSuccess) {
    s.error = "cuDeviceGetCount: " + cu.ErrorText(r);
    return s;
  }
  for (int i = 0; i < count; ++i) {
    CudaDevice d;
    int dev = 0;
    if (cu.cuDeviceGet(&dev, i) != kCudaSuccess) continue;
    d.ordinal = i;
    char name[256] = {};
    cu.cuDeviceGetName(name, sizeof name - 1, dev);
    d.name = name;
    size_t bytes = 0;
    cu.cuDeviceTotalMem(&bytes, dev);
    d.total_bytes = bytes;
    cu.cuDeviceGetAttribute(&d.cc_major, kAttrComputeCapabilityMajor, dev);
    cu.cuDeviceGetAttribute(&d.cc_minor, kAttrComputeCapabilityMinor, dev);
    cu.cuDeviceGetAttribute(&d.multiprocessors, kAttrMultiprocessorCount, dev);
    int domain = 0, bus = 0, slot = 0;
    cu.cuDeviceGetAttribute(&domain, kAttrPciDomainId, dev);
    cu.cuDeviceGetAttribute(&bus, kAttrPciBusId, dev);
    cu.cuDeviceGetAttribute(&slot, kAttrPciDeviceId, dev);
    d.pci_address = fmt::format("{:04x}:{:02x}:{:02x}.0", domain, bus, slot);
    s.devices.push_back(std::move(d));
  }
  if (api_out) *api_out = *api;
  return s;
}

}  // namespace gpuscout::probe
