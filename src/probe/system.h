// Everything the probe reads from the machine goes through this interface, so
// tests can describe a machine (a CPU-only VM, a GPU host without a driver) as
// files. The real one reads Linux's /proc and /sys and executes CPUID.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gpuscout::probe {

class System {
 public:
  virtual ~System() = default;
  // The whole file, or nullopt when it cannot be read.
  virtual std::optional<std::string> ReadFile(const std::string& path) const = 0;
  // Names in a folder (no "." or ".."), sorted; empty when it cannot be listed.
  virtual std::vector<std::string> ListDir(const std::string& path) const = 0;
  // The target of a symbolic link, or nullopt.
  virtual std::optional<std::string> ReadLink(const std::string& path) const = 0;
  virtual bool Exists(const std::string& path) const = 0;
  // CPUID registers {eax, ebx, ecx, edx} for a leaf; nullopt off x86.
  virtual std::optional<std::array<uint32_t, 4>> Cpuid(uint32_t leaf) const = 0;
};

std::unique_ptr<System> LinuxSystem();

// A ReadFile with surrounding white space trimmed; empty when unreadable.
std::string ReadTrimmed(const System& sys, const std::string& path);

}  // namespace gpuscout::probe
