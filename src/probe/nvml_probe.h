// What NVML (libnvidia-ml.so.1, loaded at run time) says about each GPU:
// name, memory, driver version, PCIe link, NVLink.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "probe/dynamic_library.h"

namespace gpuscout::probe {

struct NvmlDevice {
  int index = 0;
  std::string name;
  std::string pci_address;  // 00000000:17:00.0 as NVML writes it, lower-cased to sysfs form
  uint64_t memory_total_bytes = 0;
  std::optional<int> cc_major, cc_minor;
  std::optional<int> pcie_gen_current, pcie_gen_max, pcie_width_current, pcie_width_max;
  int nvlinks_active = 0;
  int nvlinks_supported = 0;  // links NVML answered for
};

struct NvmlStatus {
  std::string library;
  bool loaded = false;
  bool initialised = false;
  std::string error;
  std::string driver_version;  // 550.54.15
  int cuda_driver_version = 0;
  std::vector<NvmlDevice> devices;
};

// $GPUSCOUT_LIBNVML when set (tests use a fake), else libnvidia-ml.so.1.
std::string NvmlLibraryName();

class Nvml {
 public:
  // Never fails: the status says what went wrong.
  static std::unique_ptr<Nvml> Open(const std::string& library, NvmlStatus& status);
  ~Nvml();
  // Reads every device (again): the link state changes with load.
  void ReadDevices(NvmlStatus& status) const;

 private:
  struct Api;
  explicit Nvml(std::unique_ptr<Api> api);
  std::unique_ptr<Api> api_;
};

}  // namespace gpuscout::probe
