#include "probe/nvml_probe.h"

#include "base/env.h"

#include <cstdlib>

#include "base/strings.h"

namespace gpuscout::probe {
namespace {

constexpr int kNvmlSuccess = 0;
constexpr unsigned kNvLinkMaxLinks = 18;

struct NvmlMemory {
  unsigned long long total, free, used;
};

struct NvmlPciInfo {  // nvmlPciInfo_t (v3)
  char bus_id_legacy[16];
  unsigned int domain, bus, device, pci_device_id, pci_subsystem_id;
  char bus_id[32];
};

}  // namespace

struct Nvml::Api {
  std::shared_ptr<DynamicLibrary> lib;
  using Device = void*;
  int (*init)() = nullptr;                                   // nvmlInit_v2
  int (*shutdown)() = nullptr;                               // nvmlShutdown
  const char* (*error_string)(int) = nullptr;                // nvmlErrorString
  int (*driver_version)(char*, unsigned) = nullptr;          // nvmlSystemGetDriverVersion
  int (*cuda_version)(int*) = nullptr;                       // nvmlSystemGetCudaDriverVersion
  int (*count)(unsigned*) = nullptr;                         // nvmlDeviceGetCount_v2
  int (*handle)(unsigned, Device*) = nullptr;                // nvmlDeviceGetHandleByIndex_v2
  int (*name)(Device, char*, unsigned) = nullptr;            // nvmlDeviceGetName
  int (*memory)(Device, NvmlMemory*) = nullptr;              // nvmlDeviceGetMemoryInfo
  int (*pci)(Device, NvmlPciInfo*) = nullptr;                // nvmlDeviceGetPciInfo_v3
  int (*cc)(Device, int*, int*) = nullptr;                   // nvmlDeviceGetCudaComputeCapability
  int (*gen_cur)(Device, unsigned*) = nullptr;
  int (*gen_max)(Device, unsigned*) = nullptr;
  int (*width_cur)(Device, unsigned*) = nullptr;
  int (*width_max)(Device, unsigned*) = nullptr;
  int (*nvlink_state)(Device, unsigned, int*) = nullptr;     // nvmlDeviceGetNvLinkState

  std::string Error(int code) const {
    const char* s = error_string ? error_string(code) : nullptr;
    return std::string(s ? s : "NVML error") + " (" + std::to_string(code) + ")";
  }
};

std::string NvmlLibraryName() {
  return Env::System().Var("GPUSCOUT_LIBNVML").value_or("libnvidia-ml.so.1");
}

Nvml::Nvml(std::unique_ptr<Api> api) : api_(std::move(api)) {}

Nvml::~Nvml() {
  if (api_ && api_->shutdown) api_->shutdown();
}

std::unique_ptr<Nvml> Nvml::Open(const std::string& library, NvmlStatus& status) {
  status.library = library;
  auto lib = DynamicLibrary::Open(library);
  if (!lib) {
    status.error = lib.error().message;
    return nullptr;
  }
  auto api = std::make_unique<Api>();
  api->lib = *lib;
  const DynamicLibrary& l = **lib;
  const char* missing = nullptr;
  auto need = [&](const char* symbol, auto& fn) {
    if (!l.Bind(symbol, fn) && !missing) missing = symbol;
  };
  need("nvmlInit_v2", api->init);
  need("nvmlShutdown", api->shutdown);
  need("nvmlDeviceGetCount_v2", api->count);
  need("nvmlDeviceGetHandleByIndex_v2", api->handle);
  need("nvmlDeviceGetName", api->name);
  need("nvmlDeviceGetMemoryInfo", api->memory);
  need("nvmlSystemGetDriverVersion", api->driver_version);
  // Optional: older drivers or the fake may lack them.
  l.Bind("nvmlErrorString", api->error_string);
  l.Bind("nvmlSystemGetCudaDriverVersion", api->cuda_version);
  l.Bind("nvmlDeviceGetPciInfo_v3", api->pci);
  l.Bind("nvmlDeviceGetCudaComputeCapability", api->cc);
  l.Bind("nvmlDeviceGetCurrPcieLinkGeneration", api->gen_cur);
  l.Bind("nvmlDeviceGetMaxPcieLinkGeneration", api->gen_max);
  l.Bind("nvmlDeviceGetCurrPcieLinkWidth", api->width_cur);
  l.Bind("nvmlDeviceGetMaxPcieLinkWidth", api->width_max);
  l.Bind("nvmlDeviceGetNvLinkState", api->nvlink_state);
  if (missing) {
    status.error = library + " lacks " + missing;
    return nullptr;
  }
  status.loaded = true;
  if (int r = api->init(); r != kNvmlSuccess) {
    status.error = "nvmlInit_v2: " + api->Error(r);
    api->shutdown = nullptr;  // nothing to shut down
    return nullptr;
  }
  status.initialised = true;
  char version[96] = {};
  if (api->driver_version(version, sizeof version - 1) == kNvmlSuccess) {
    status.driver_version = version;
  }
  if (api->cuda_version) api->cuda_version(&status.cuda_driver_version);
  auto nvml = std::unique_ptr<Nvml>(new Nvml(std::move(api)));
  nvml->ReadDevices(status);
  return nvml;
}

void Nvml::ReadDevices(NvmlStatus& status) const {
  const Api& a = *api_;
  status.devices.clear();
  unsigned count = 0;
  if (int r = a.count(&count); r != kNvmlSuccess) {
    status.error = "nvmlDeviceGetCount_v2: " + a.Error(r);
    return;
  }
  for (unsigned i = 0; i < count; ++i) {
    Api::Device dev = nullptr;
    if (a.handle(i, &dev) != kNvmlSuccess) continue;
    NvmlDevice d;
    d.index = static_cast<int>(i);
    char name[128] = {};
    a.name(dev, name, sizeof name - 1);
    d.name = name;
    NvmlMemory mem{};
    if (a.memory(dev, &mem) == kNvmlSuccess) d.memory_total_bytes = mem.total;
    if (a.pci) {
      NvmlPciInfo p{};
      if (a.pci(dev, &p) == kNvmlSuccess) {
        // NVML writes an 8-digit domain: 00000000:17:00.0 -> 0000:17:00.0
        std::string id = ToLower(p.bus_id);
        if (id.size() > 12 && id.find(':') == 8) id = id.substr(4);
        d.pci_address = id;
      }
    }
    if (a.cc) {
      int major = 0, minor = 0;
      if (a.cc(dev, &major, &minor) == kNvmlSuccess) {
        d.cc_major = major;
        d.cc_minor = minor;
      }
    }
    auto read = [&](auto fn, std::optional<int>& out) {
      unsigned v = 0;
      if (fn && fn(dev, &v) == kNvmlSuccess) out = static_cast<int>(v);
    };
    read(a.gen_cur, d.pcie_gen_current);
    read(a.gen_max, d.pcie_gen_max);
    read(a.width_cur, d.pcie_width_current);
    read(a.width_max, d.pcie_width_max);
    if (a.nvlink_state) {
      for (unsigned link = 0; link < kNvLinkMaxLinks; ++link) {
        int active = 0;
        if (a.nvlink_state(dev, link, &active) != kNvmlSuccess) continue;
        ++d.nvlinks_supported;
        if (active) ++d.nvlinks_active;
      }
    }
    status.devices.push_back(std::move(d));
  }
}

}  // namespace gpuscout::probe
