// Shared fixtures: the real GPU table and catalog, loaded once per process.
#pragma once

#include <stdexcept>

#include "catalog/catalog.h"
#include "catalog/embedded.h"
#include "catalog/embedded_catalog.h"
#include "workload/estimate.h"

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

inline const Estimator& RealEstimator() {
  static const Estimator e = *Estimator::Create(RealCatalog(), embedded::Models(), embedded::Benchmarks(),
                                                embedded::MfuPublished(), embedded::Fp64(), embedded::Nvenc(),
                                 embedded::ServingEngines(), embedded::ServingPublished(),
                                 embedded::MlperfInference(), embedded::StockBenchmarks());
  return e;
}

// The README's LoRA job: Llama 3.1 8B on 200 M tokens.
inline EstimateRequest Lora8b() {
  EstimateRequest w;
  w.task = "lora";
  w.model = "Llama-3.1-8B";
  w.tokens = 2e8;
  return w;
}

}  // namespace gpuscout::testing
