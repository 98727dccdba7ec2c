// What machine this is: CPU, caches, memory, OS, hypervisor and cloud, container.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "probe/system.h"

namespace gpuscout::probe {

struct CacheLevel {
  int level = 0;
  std::string type;  // Data, Instruction, Unified
  uint64_t size_bytes = 0;
  int instances = 0;  // distinct caches of this level and type
};

struct Hypervisor {
  bool cpuid_bit = false;     // CPUID.1:ECX[31]: running under a hypervisor
  std::string cpuid_vendor;   // CPUID 0x40000000 signature: "KVMKVMKVM", "Microsoft Hv" ...
  std::string name;           // KVM, Xen, Hyper-V, VMware, ... or "none"
  std::string dmi_sys_vendor;
  std::string dmi_product_name;
  std::string dmi_bios_vendor;
  std::string dmi_board_vendor;
  std::string cloud;          // Amazon EC2, Alibaba Cloud, Tencent Cloud, Google Cloud, Azure ... or empty
};

struct MachineInfo {
  std::string cpu_model;
  int logical_cpus = 0;
  int physical_cores = 0;
  std::vector<CacheLevel> caches;
  uint64_t last_level_cache_bytes = 0;  // all instances of the last level together
  double memory_gib = 0;
  std::string os;
  std::string os_id;          // os-release ID: debian, ubuntu, centos, rhel ...
  std::string os_version_id;  // os-release VERSION_ID: 12, 22.04, 7 ...
  std::string kernel;
  Hypervisor hypervisor;
  bool container = false;
  std::string container_evidence;
};

MachineInfo ProbeMachine(const System& sys);

// "32768K" -> 33554432; "1M" -> 1048576; 0 when unreadable.
uint64_t ParseCacheSize(const std::string& text);

}  // namespace gpuscout::probe
