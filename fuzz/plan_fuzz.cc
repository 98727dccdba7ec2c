// Lint plans (YAML): gpuscout's own, SkyPilot tasks and Kubernetes manifests
// (lint/import.h), parsed and, when they parse, resolved against the real
// catalog and linted with every rule.
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalog/embedded.h"
#include "compat/cuda_compat.h"
#include "lint/import.h"
#include "lint/lint.h"
#include "lint/plan.h"
#include "test_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpuscout;
  static const auto compat = *ParseCudaCompat(embedded::CudaCompat(), "data/cuda_compat.csv");
  const Catalog& catalog = testing::RealCatalog();
  auto plan = ReadAnyPlan(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml", catalog);
  if (!plan) return 0;
  const Estimator& estimator = testing::RealEstimator();
  auto offers = ResolvePlan(*plan, catalog, estimator);
  if (!offers) return 0;
  auto fleet = ResolveFleet(*plan, catalog, estimator, *offers);
  if (!fleet) return 0;
  LintContext ctx{*plan, catalog, estimator, compat, std::move(*offers), std::nullopt, *fleet ? &**fleet : nullptr};
  (void)RunLint(ctx);
  return 0;
}
