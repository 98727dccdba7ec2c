// Shared fixtures: the real GPU table and catalog, loaded once per process.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "catalog/catalog.h"
#include "catalog/embedded.h"
#include "catalog/embedded_catalog.h"
#include "workload/estimate.h"

namespace gpuscout::testing {

// A whole file as text ("" when it cannot be read).
inline std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A file of the source tree (data/, docs/, examples/) as text.
inline std::string SourceText(const std::string& relative) {
  return ReadText(std::string(GPUSCOUT_SOURCE_DIR) + "/" + relative);
}

inline const Catalog& RealCatalog() {
  static const Catalog catalog = [] {
    auto c = Catalog::FromSnapshot(EmbeddedData());
    if (!c) throw std::runtime_error(c.error().Format());
    return std::move(*c);
  }();
  return catalog;
}

// tests/data/fixture_catalog: a few AWS rows whose prices never change, for
// tests that pin a price or a winner (README.md there).
inline const Catalog& FixtureCatalog() {
  static const Catalog catalog = [] {
    auto c = Catalog::FromSourceDir(std::string(GPUSCOUT_SOURCE_DIR) + "/tests/data/fixture_catalog", EmbeddedData());
    if (!c) throw std::runtime_error(c.error().Format());
    return std::move(*c);
  }();
  return catalog;
}

inline const Estimator& FixtureEstimator() {
  static const Estimator e = *Estimator::Create(FixtureCatalog(), embedded::Models(), embedded::Benchmarks(),
                                                embedded::MfuPublished(), embedded::Fp64(), embedded::Nvenc());
  return e;
}

inline const GpuTable& RealGpus() { return RealCatalog().gpus(); }

inline const Estimator& RealEstimator() {
  static const Estimator e = *Estimator::Create(RealCatalog(), embedded::Models(), embedded::Benchmarks(),
                                                embedded::MfuPublished(), embedded::Fp64(), embedded::Nvenc());
  return e;
}

}  // namespace gpuscout::testing
