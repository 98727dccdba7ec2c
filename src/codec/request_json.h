// Requests in JSON (the REST API's bodies and query parameters) read into the
// same typed requests the CLI fills from its options. Keys are the CLI's
// option names without the dashes, with '_' for '-' (`--seq-len` is
// `seq_len`); an unknown key, a wrong type or a bad value is an error naming
// the key (HTTP 400).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "base/error.h"
#include "base/money.h"
#include "optimizer/alternatives.h"
#include "service/cost.h"
#include "service/offers.h"
#include "service/recommend_args.h"
#include "service/scale_run.h"
#include "workload/estimate.h"

namespace gpuscout {

struct MoneyRequest {
  std::optional<Currency> currency;
  ExchangeRate rate;
};

Result<EstimateRequest> EstimateRequestFromJson(const nlohmann::json& j);

// The JSON Schema of a request body, recorded from its reader over an empty
// object: Workload, EstimateRequest, RecommendRequest, CostRequest,
// AlternativesRequest or ScaleRequest (every key the reader takes, with the
// field table's types, ranges, units and defaults).
nlohmann::json RequestSchema(std::string_view kind);
Result<RecommendArgs> RecommendArgsFromJson(const nlohmann::json& j, MoneyRequest& money);
Result<CostArgs> CostArgsFromJson(const nlohmann::json& j, MoneyRequest& money);
Result<AlternativesRequest> AlternativesFromJson(const nlohmann::json& j, MoneyRequest& money);
Result<ScaleInput> ScaleInputFromJson(const nlohmann::json& j, MoneyRequest& money);
// POST /v1/lint: {"plan": YAML text}; the plan's text.
Result<std::string> LintPlanFromJson(const nlohmann::json& j);

// POST /v1/scenarios: a request of one of the answering routes, kept.
struct ScenarioBody {
  std::string kind;  // estimate, recommend, cost, scale, lint, alternatives
  nlohmann::json body;
};
Result<ScenarioBody> ScenarioFromJson(const nlohmann::json& j);
// Query parameters arrive as strings: {"gpu": "A100", "limit": "5"}.
Result<OffersArgs> OffersArgsFromQuery(const nlohmann::json& params, MoneyRequest& money);

// GET /v1/vendors: ?gpu=&currency=&cny_per_usd= -> the GPU filter ("" for all).
Result<std::string> VendorsGpuFromQuery(const nlohmann::json& params, MoneyRequest& money);

// Stored listings come in pages of at most this many rows.
inline constexpr int kMaxPageRows = 100;

struct ProbeReportsQuery {
  std::string vendor, instance;
  int limit = 50;
  std::optional<int64_t> before;  // the cursor: ids below this one
};
// GET /v1/probe-reports: ?vendor=&instance=&limit=&before=
Result<ProbeReportsQuery> ProbeReportsQueryFromQuery(const nlohmann::json& params);
// GET /v1/scenarios: ?limit=&before= (vendor and instance stay empty).
Result<ProbeReportsQuery> ScenariosQueryFromQuery(const nlohmann::json& params);

// "--seq-len" -> "seq_len": an engine error's option as the API names it.
std::string ApiFieldName(std::string_view option);

}  // namespace gpuscout
