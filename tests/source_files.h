// Files of the source tree for the unit tests (GPUSCOUT_SOURCE_DIR is set by
// tests/CMakeLists.txt; the fuzz targets, which share test_support.h, have
// no source tree): text files, and the fixed fixture catalog.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "test_support.h"

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
                                                embedded::MfuPublished(), embedded::Fp64(), embedded::Nvenc(),
                                 embedded::ServingEngines(), embedded::ServingPublished(),
                                 embedded::MlperfInference(), embedded::StockBenchmarks());
  return e;
}

}  // namespace gpuscout::testing
