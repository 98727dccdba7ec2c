// dlopen/dlsym with errors as values. The CUDA driver and NVML are loaded at
// run time, so one binary runs on machines with and without an NVIDIA driver.
#pragma once

#include <memory>
#include <string>

#include "base/error.h"

namespace gpuscout::probe {

class DynamicLibrary {
 public:
  // Fails (ExitCode::kEnvironment) when the library cannot be opened.
  static Result<std::shared_ptr<DynamicLibrary>> Open(const std::string& name);
  ~DynamicLibrary();
  DynamicLibrary(const DynamicLibrary&) = delete;
  DynamicLibrary& operator=(const DynamicLibrary&) = delete;

  // The symbol, or nullptr.
  void* Find(const char* symbol) const;
  const std::string& name() const { return name_; }

  // Resolves `symbol` into `fn`; false when absent.
  template <typename Fn>
  bool Bind(const char* symbol, Fn& fn) const {
    fn = reinterpret_cast<Fn>(Find(symbol));
    return fn != nullptr;
  }

 private:
  DynamicLibrary(void* handle, std::string name) : handle_(handle), name_(std::move(name)) {}
  void* handle_;
  std::string name_;
};

}  // namespace gpuscout::probe
