#include "probe/dynamic_library.h"

#include <dlfcn.h>

namespace gpuscout::probe {

Result<std::shared_ptr<DynamicLibrary>> DynamicLibrary::Open(const std::string& name) {
  dlerror();
  void* handle = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    return Fail(ExitCode::kEnvironment,
                "cannot load " + name + ": " + (why ? why : "unknown dlopen error"));
  }
  return std::shared_ptr<DynamicLibrary>(new DynamicLibrary(handle, name));
}

DynamicLibrary::~DynamicLibrary() {
  if (handle_) dlclose(handle_);
}

void* DynamicLibrary::Find(const char* symbol) const { return dlsym(handle_, symbol); }

}  // namespace gpuscout::probe
