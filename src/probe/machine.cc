#include "probe/machine.h"

#include <map>
#include <set>

#include "base/strings.h"

namespace gpuscout::probe {
namespace {

// "key : value" lines of /proc/cpuinfo and /proc/meminfo.
std::string ValueAfterColon(const std::string& line) {
  const auto colon = line.find(':');
  return colon == std::string::npos ? std::string() : Trim(line.substr(colon + 1));
}

std::string RegisterText(uint32_t r) {
  std::string s;
  for (int i = 0; i < 4; ++i) {
    const char c = static_cast<char>((r >> (8 * i)) & 0xFFu);
    if (c) s += c;
  }
  return s;
}

std::string HypervisorName(const std::string& signature) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"KVMKVMKVM", "KVM"},       {"Microsoft Hv", "Hyper-V"}, {"VMwareVMware", "VMware"},
      {"XenVMMXenVMM", "Xen"},    {"TCGTCGTCGTCG", "QEMU TCG"}, {"ACRNACRNACRN", "ACRN"},
      {"bhyve bhyve", "bhyve"},   {"QNXQVMBSQG", "QNX"},        {"VBoxVBoxVBox", "VirtualBox"},
      {" lrpepyh  vr", "Parallels"}};
  for (const auto& [sig, name] : kNames) {
    if (StartsWith(signature, sig)) return name;
  }
  return signature.empty() ? "" : "unknown (" + signature + ")";
}

// The cloud, from DMI strings the vendors set.
std::string CloudFromDmi(const Hypervisor& h) {
  const std::string all = ToLower(h.dmi_sys_vendor + " | " + h.dmi_product_name + " | " +
                                  h.dmi_bios_vendor + " | " + h.dmi_board_vendor);
  if (all.find("amazon") != std::string::npos) return "Amazon EC2";
  if (all.find("alibaba") != std::string::npos) return "Alibaba Cloud";
  if (all.find("tencent") != std::string::npos) return "Tencent Cloud";
  if (all.find("google") != std::string::npos) return "Google Cloud";
  if (all.find("oracle") != std::string::npos) return "Oracle Cloud";
  if (all.find("microsoft") != std::string::npos && h.dmi_product_name == "Virtual Machine") {
    return "Microsoft Azure or Hyper-V";
  }
  if (all.find("openstack") != std::string::npos) return "OpenStack";
  return "";
}

}  // namespace

uint64_t ParseCacheSize(const std::string& text) {
  const std::string t = Trim(text);
  if (t.empty()) return 0;
  uint64_t unit = 1;
  std::string digits = t;
  switch (t.back()) {
    case 'K': unit = 1024; digits.pop_back(); break;
    case 'M': unit = 1024 * 1024; digits.pop_back(); break;
    case 'G': unit = 1024ull * 1024 * 1024; digits.pop_back(); break;
    default: break;
  }
  auto v = ParseDouble(digits);
  return v ? static_cast<uint64_t>(*v * static_cast<double>(unit)) : 0;
}

namespace {

// CPU: model, logical CPUs, physical cores.
void ReadCpus(const System& sys, MachineInfo& m) {
  std::set<std::pair<std::string, std::string>> cores;
  std::string physical_id;
  if (auto cpuinfo = sys.ReadFile("/proc/cpuinfo")) {
    for (const auto& line : Split(*cpuinfo, '\n')) {
      if (StartsWith(line, "processor")) ++m.logical_cpus;
      else if (StartsWith(line, "model name") && m.cpu_model.empty()) m.cpu_model = ValueAfterColon(line);
      else if (StartsWith(line, "physical id")) physical_id = ValueAfterColon(line);
      else if (StartsWith(line, "core id")) cores.insert({physical_id, ValueAfterColon(line)});
    }
  }
  m.physical_cores = cores.empty() ? m.logical_cpus : static_cast<int>(cores.size());
}

// Caches: one entry per (level, type), counting distinct shared_cpu_lists.
void ReadCaches(const System& sys, MachineInfo& m) {
  std::map<std::pair<int, std::string>, std::pair<uint64_t, std::set<std::string>>> caches;
  for (const auto& cpu : sys.ListDir("/sys/devices/system/cpu")) {
    if (!StartsWith(cpu, "cpu") || cpu.size() < 4 || !std::isdigit(static_cast<unsigned char>(cpu[3]))) continue;
    const std::string base = "/sys/devices/system/cpu/" + cpu + "/cache";
    for (const auto& index : sys.ListDir(base)) {
      if (!StartsWith(index, "index")) continue;
      const std::string dir = base + "/" + index + "/";
      auto level = ParseDouble(ReadTrimmed(sys, dir + "level"));
      if (!level) continue;
      auto& entry = caches[{static_cast<int>(*level), ReadTrimmed(sys, dir + "type")}];
      entry.first = ParseCacheSize(ReadTrimmed(sys, dir + "size"));
      entry.second.insert(ReadTrimmed(sys, dir + "shared_cpu_list"));
    }
  }
  int last_level = 0;
  for (const auto& [key, value] : caches) {
    CacheLevel c{key.first, key.second, value.first, static_cast<int>(value.second.size())};
    m.caches.push_back(c);
    if (c.type != "Instruction" && c.level >= last_level) {
      last_level = c.level;
      m.last_level_cache_bytes = c.size_bytes * static_cast<uint64_t>(c.instances);
    }
  }
}

// Memory, the OS release and the kernel.
void ReadOs(const System& sys, MachineInfo& m) {
  if (auto meminfo = sys.ReadFile("/proc/meminfo")) {
    for (const auto& line : Split(*meminfo, '\n')) {
      if (!StartsWith(line, "MemTotal:")) continue;
      auto kib = ParseDouble(Split(ValueAfterColon(line), ' ')[0]);
      if (kib) m.memory_gib = *kib / (1024.0 * 1024.0);
    }
  }
  if (auto os = sys.ReadFile("/etc/os-release")) {
    for (const auto& line : Split(*os, '\n')) {
      const auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      std::string v = Trim(line.substr(eq + 1));
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
      const std::string key = line.substr(0, eq);
      if (key == "PRETTY_NAME") m.os = v;
      if (key == "ID") m.os_id = ToLower(v);
      if (key == "VERSION_ID") m.os_version_id = v;
    }
  }
  m.kernel = ReadTrimmed(sys, "/proc/sys/kernel/osrelease");
}

// Hypervisor: CPUID first (works in any guest), DMI for the cloud's name.
void ReadHypervisor(const System& sys, Hypervisor& h) {
  if (auto leaf1 = sys.Cpuid(1)) h.cpuid_bit = ((*leaf1)[2] >> 31) & 1u;
  if (h.cpuid_bit) {
    if (auto leaf = sys.Cpuid(0x40000000)) {
      h.cpuid_vendor = RegisterText((*leaf)[1]) + RegisterText((*leaf)[2]) + RegisterText((*leaf)[3]);
    }
  }
  const std::string dmi = "/sys/class/dmi/id/";
  h.dmi_sys_vendor = ReadTrimmed(sys, dmi + "sys_vendor");
  h.dmi_product_name = ReadTrimmed(sys, dmi + "product_name");
  h.dmi_bios_vendor = ReadTrimmed(sys, dmi + "bios_vendor");
  h.dmi_board_vendor = ReadTrimmed(sys, dmi + "board_vendor");
  h.name = h.cpuid_bit ? HypervisorName(h.cpuid_vendor) : "none";
  if (h.cpuid_bit && h.name.empty()) h.name = "unknown";
  h.cloud = CloudFromDmi(h);
}

// Container: the markers Docker, Podman and Kubernetes leave.
void ReadContainer(const System& sys, MachineInfo& m) {
  for (const char* marker : {"/.dockerenv", "/run/.containerenv"}) {
    if (!sys.Exists(marker)) continue;
    m.container = true;
    m.container_evidence = marker;
    return;
  }
  auto cg = sys.ReadFile("/proc/1/cgroup");
  if (!cg) return;
  for (const char* word : {"docker", "kubepods", "containerd", "lxc", "libpod"}) {
    if (cg->find(word) == std::string::npos) continue;
    m.container = true;
    m.container_evidence = std::string("/proc/1/cgroup mentions ") + word;
    return;
  }
}

}  // namespace

MachineInfo ProbeMachine(const System& sys) {
  MachineInfo m;
  ReadCpus(sys, m);
  ReadCaches(sys, m);
  ReadOs(sys, m);
  ReadHypervisor(sys, m.hypervisor);
  ReadContainer(sys, m);
  return m;
}

}  // namespace gpuscout::probe
