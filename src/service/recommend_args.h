// The `recommend` question as typed (CLI options or an API body), turned into
// a RecommendRequest with every name checked against the catalog.
#pragma once

#include <optional>
#include <string>

#include "optimizer/recommend.h"
#include "service/job_terms.h"

namespace gpuscout {

struct RecommendArgs {
  std::optional<EstimateRequest> workload;  // absent: bare needs
  std::optional<double> gpu_mem, hours, deadline, budget, ttft_ms, tpot_ms;
  std::optional<int> gpus, nodes, max_nodes;
  std::string vendor, region, gpu, spot, purchase, objective = "cost";
  int top = 10;
  std::optional<double> interruptions, checkpoint_minutes, checkpoint_cost, restart_cost;
  bool no_checkpoint = false;
  JobTermArgs job;  // disk, egress, discounts
};

// Errors name the option (--vendor, --purchase, --spot ...).
Result<RecommendRequest> MakeRecommendRequest(const Catalog& catalog, const RecommendArgs& a, Currency currency,
                                              const ExchangeRate& rate);

// Spot interruption and checkpoint parameters, checked.
Result<SpotParams> ReadSpotParams(const std::optional<double>& per_day, const std::optional<double>& minutes,
                                  const std::optional<double>& cost, const std::optional<double>& restart, bool none);

}  // namespace gpuscout
