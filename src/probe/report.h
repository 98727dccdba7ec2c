// The probe's report: everything measured, and the verdicts. Its JSON form
// (src/codec/probe_json) is versioned: schema "gpuscout.probe/1".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/message.h"
#include "compat/cuda_compat.h"
#include "probe/cuda_probe.h"
#include "probe/gpu_bandwidth.h"
#include "probe/host_bandwidth.h"
#include "probe/machine.h"
#include "probe/net.h"
#include "probe/nvml_probe.h"
#include "probe/pci.h"

namespace gpuscout::probe {

struct Finding {
  std::string id;        // probe.gpu.no-driver ...; GS006-GS009 for lint's compatibility rules
  std::string severity;  // error, warning, info
  Message message;       // with the evidence in numbers
  Message fix;
};

inline constexpr const char* kReportSchema = "gpuscout.probe/1";

// The CUDA and NVML status when no GPU is on the bus (also a message key).
inline constexpr const char* kNotLoaded = "not loaded: no GPU on the PCI bus";

// One GPU, the facts from sysfs, CUDA and NVML put together.
struct GpuReport {
  std::string pci_address;
  std::string name;           // as the driver reports it; the PCI ids when no driver
  std::string catalog_gpu;    // canonical name in the spec table, or empty
  double memory_gib = 0;
  std::optional<double> compute_capability;
  std::optional<int> pcie_gen_current, pcie_gen_max, pcie_width_current, pcie_width_max;
  bool pcie_read_under_load = false;
  int nvlinks_active = 0;
  int nvlinks_supported = 0;
  std::optional<GpuBandwidth> bandwidth;
  std::string bandwidth_error;
  std::optional<double> spec_bandwidth_gbps;  // the spec table's memory bandwidth
  std::optional<double> pcie_link_gbps;       // theoretical, one direction
};

// One promised figure against the measured one. `what` is the label in
// English, the key the server's summary groups stored reports by; `label`
// is the same for people, in their language.
struct Promise {
  std::string what;
  std::string promised;
  std::string measured;
  bool ok = true;
  Message note;
  Message label;
};

struct Comparison {
  std::string vendor;
  std::string instance_type;
  std::string offer_source;
  std::vector<Promise> checks;
};

struct ProbeReport {
  std::string schema = kReportSchema;
  std::string gpuscout_version;
  std::string started_at;  // UTC, ISO 8601
  MachineInfo machine;
  std::vector<PciGpu> pci_gpus;
  NvidiaDriverFiles driver_files;
  CudaStatus cuda;
  NvmlStatus nvml;
  std::vector<GpuReport> gpus;
  std::optional<HostBandwidth> host_bandwidth;
  std::vector<NetResult> network;
  std::vector<std::string> network_errors;
  std::string cuda_toolkit;  // the installed toolkit (/usr/local/cuda), when there is one
  CompatVerdict compatibility;
  std::optional<Comparison> comparison;
  std::vector<Finding> findings;
  Message summary;  // a plain-words verdict
};

}  // namespace gpuscout::probe
