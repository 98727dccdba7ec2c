// gpuscout recommend as a library call: every offer x node count x purchase
// option, estimated, priced, checked against the constraints, ranked. Returns
// data; the CLI prints it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/budget.h"
#include "base/money.h"
#include "catalog/catalog.h"
#include "cost/cost_model.h"
#include "cost/job_cost.h"
#include "workload/estimate.h"
#include "workload/layout.h"

namespace gpuscout {

enum class Objective { kCost, kTime, kPareto };
enum class SpotPolicy { kAllow, kNever, kOnly };

struct RecommendRequest {
  std::chrono::sys_days today = Today();  // the prices' ages count from it
  int max_price_age_days = kDefaultMaxPriceAgeDays;
  // A workload (estimate's options) or bare needs (gpu_mem_gib, gpus, hours).
  std::optional<EstimateRequest> workload;
  std::optional<double> gpu_mem_gib;  // per GPU (bare needs)
  std::optional<int> gpus;            // per node, as in estimate: nodes with at least this many GPUs
  std::optional<int> nodes;           // exactly this many nodes; none: 1 to max_nodes (bare needs: 1)
  std::optional<double> hours;        // job length (bare needs), or serving hours (inference)
  // Constraints.
  std::optional<double> deadline_hours;
  // LLM serving at the workload's rps: latency bounds, milliseconds.
  std::optional<double> ttft_ms, tpot_ms;
  std::optional<double> budget;  // in `currency`
  std::vector<std::string> vendors;
  std::string region_regex;
  std::vector<const GpuSpec*> gpu_filter;
  // nullopt: the default by task: jobs allow spot; serving (inference
  // without a dataset, streams) is on demand, since an interruption drops
  // requests. Serving on spot (chosen) is priced with a spare replica.
  std::optional<SpotPolicy> spot;
  std::vector<Purchase> purchases;  // empty: all
  int max_nodes = 0;                // 0: 4 for training that can spread, else 1
  Objective objective = Objective::kCost;
  int top = 10;
  Currency currency = Currency::kUSD;
  ExchangeRate rate;
  SpotParams spot_params;
  JobTerms job_terms;  // disk, egress, discounts: in every total (cost/job_cost.h)
  Budget work_budget;  // the server's time allowance for this request; unlimited on the CLI
};

struct Candidate {
  const Offer* offer = nullptr;
  int nodes = 1;
  Purchase purchase = Purchase::kOnDemand;
  double price_hour = 0;  // for all nodes, in the output currency (monthly: per month)
  double hours = 0;       // wall-clock, spot re-runs included
  double work_hours = 0;  // the job's own hours
  double total_cost = 0;  // output currency
  CostParts parts;        // total_cost in parts, output currency
  bool fits = true;
  double memory_gib = 0;  // needed per GPU
  bool rate_assumed = false;
  // The spot model's figures, for the candidates shown only (null for the
  // tens of thousands ranked: a pointer keeps the candidate small).
  std::shared_ptr<const Message> note;
  LayoutChoice layout;  // the fastest that fits on this offer (workload/layout.h)
  bool time_known = true;  // false: no speed figure; ranked after every estimated candidate
  int rank = 0;            // 1-based place in the ranking (an on-demand row added past --top keeps its own)
  // LLM serving at a rate: the replicas carrying it and their latency there.
  int replicas = 0;
  double ttft_s = 0, tpot_s = 0, latency_s = 0;  // latency_s: a request end to end
  double cost_per_million_tokens = 0;            // output tokens, in the output currency
  // The price per hour of all nodes (a monthly price spread over 730 hours).
  double HourlyPrice() const { return purchase == Purchase::kMonthly ? price_hour / kHoursPerMonth : price_hour; }
};

enum class Reject { kFiltered, kSoldOut, kTooFewGpus, kOneListing, kNotSold, kNoPrice, kSuspectSpot, kPrecision, kNoFit, kHostRam, kNoEstimate, kSlo, kDeadline, kBudget, kCount };
// In English, the key of `rejected` in the JSON; "reject:" + it is its
// message key.
std::string_view RejectName(Reject r);

// What relaxing one constraint would buy, as data; the front ends render it
// in words (codec/recommend_json.h, RelaxationText).
struct Relaxation {
  std::string constraint;  // deadline, budget, max-nodes, ttft, tpot
  // deadline: the hours the candidate needs; budget: what it costs (the
  // request's currency); max-nodes: the node count to try; ttft, tpot: the
  // least (seconds) any replica rejected for the SLO reaches.
  double value = 0;
  std::optional<double> instead_of;  // deadline: the best feasible candidate's cost, when there is one
  int nodes_tried = 0;               // max-nodes: the node count that fitted nothing
  Candidate candidate;               // empty for max-nodes
};

struct Recommendation {
  std::vector<Candidate> candidates;  // ranked, at most `top`
  std::vector<Candidate> pareto;      // cost against time, cheapest first
  std::map<std::string, size_t> rejected;
  std::vector<Relaxation> relaxations;
  std::vector<Message> assumptions;
  size_t evaluated = 0;
  std::vector<PriceAge> price_ages;  // per vendor of the candidates shown, the oldest price
};

Result<Recommendation> Recommend(const Catalog& catalog, const Estimator& estimator,
                                 const RecommendRequest& request);

}  // namespace gpuscout
