// Shared fixtures: the real GPU table and catalog, loaded once per process.
#pragma once

#include "catalog/catalog.h"
#include "catalog/embedded_catalog.h"

namespace gpuscout::testing {

inline const Catalog& RealCatalog() {
  static const Catalog catalog = [] {
    auto c = Catalog::FromSnapshot(EmbeddedData());
    if (!c) throw std::runtime_error(c.error().Format());
    return std::move(*c);
  }();
  return catalog;
}

inline const GpuTable& RealGpus() { return RealCatalog().gpus(); }

}  // namespace gpuscout::testing
