// What every lint rule sees and says. One rule per file under rules/; the
// table of rules is in lint.cc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "autoscale/fleet.h"
#include "base/message.h"
#include "autoscale/trace.h"
#include "catalog/catalog.h"
#include "lint/plan.h"
#include "compat/cuda_compat.h"
#include "workload/estimate.h"

namespace gpuscout {

struct LintFinding {
  std::string id;        // GS001 ...
  std::string rule;      // memory-does-not-fit ...
  std::string severity;  // error, warning, info
  int line = 0;          // in the plan
  Message message;       // with the evidence in numbers
  Message fix;
  bool uncited = false;  // rests on a claim the project's data does not cite
};

// A plan offer resolved against the catalog, with the workload estimated on it.
struct ResolvedOffer {
  const PlanOffer* plan = nullptr;
  const Offer* offer = nullptr;  // the cheapest zone of the region (or of any region)
  const GpuSpec* gpu = nullptr;
  std::optional<Workload> workload;
  std::optional<Hardware> hardware;
  std::optional<Estimate> estimate;
  // The plan's precision this GPU does not compute in (GS021): the workload
  // is then not estimated on it, and the other rules skip it.
  std::string unsupported_precision;  // the why, in English ("bf16 needs an Ampere or newer ...")
};

struct LintContext {
  const Plan& plan;
  const Catalog& catalog;
  const Estimator& estimator;
  const std::vector<CudaRelease>& compat;
  std::vector<ResolvedOffer> offers;
  std::optional<Trace> trace;  // the fleet's load trace, when the plan names one
  const Fleet* fleet = nullptr;  // the plan's `fleet:` as a one-pool scale fleet (ResolveFleet)
};

using LintRule = void (*)(const LintContext&, std::vector<LintFinding>&);

struct RuleInfo {
  const char* id;
  const char* name;
  LintRule check;
};

// The hours one offer runs: the plan's job_hours, its usage, or the estimate.
std::optional<double> PlanHours(const LintContext& ctx, const ResolvedOffer& r);

}  // namespace gpuscout
