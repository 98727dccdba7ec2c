#include "server/api_schemas.h"

#include <map>

#include "codec/request_json.h"

namespace gpuscout {
namespace {

using J = nlohmann::json;

J Type(const char* t) { return {{"type", t}}; }
J Str() { return Type("string"); }
J Num() { return Type("number"); }
J Int() { return Type("integer"); }
J Bool() { return Type("boolean"); }
// A value the answer writes as null when it is not known.
J OrNull(const char* t) { return {{"type", J::array({t, "null"})}}; }
J Arr(J items) { return {{"type", "array"}, {"items", std::move(items)}}; }
J Ref(const char* name) { return {{"$ref", std::string("#/components/schemas/") + name}}; }
J AnyObject() { return Type("object"); }
J AnyValue() { return J::object(); }  // any JSON value

// An object whose keys in `required` are always there; the others may be
// missing (serving's keys on a recommendation, say). More keys may come in
// later versions: clients should ignore what they do not know.
J Obj(J properties, std::vector<std::string> required) {
  return {{"type", "object"}, {"properties", std::move(properties)}, {"required", std::move(required)}};
}

J PriceAgeSchema() {
  return Obj({{"vendor", Str()}, {"source", Str()}, {"as_of", OrNull("string")}, {"age_days", OrNull("integer")}, {"stale", Bool()}},
             {"vendor", "as_of", "age_days", "stale"});
}

J GpuSchema() {
  J p = {{"name", Str()}, {"vendor", Str()}, {"aliases", Arr(Str())}, {"memory_gb", Num()}};
  for (const char* k : {"architecture", "family", "form_factor", "compute_capability", "interconnect", "memory_type", "notes", "source"}) {
    p[k] = OrNull("string");
  }
  for (const char* k : {"memory_bandwidth_gbps", "fp32_tflops", "tf32_tensor_tflops", "fp16_tensor_tflops", "bf16_tensor_tflops",
                        "int8_tops", "tdp_w"}) {
    p[k] = OrNull("number");
  }
  p["pcie_gen"] = OrNull("integer");
  return Obj(p, {"name", "vendor", "memory_gb"});
}

J OfferSchema() {
  J p = {{"vendor", Str()},   {"instance_type", Str()}, {"region", Str()},        {"gpu", Str()},
         {"gpu_count", Num()}, {"currency", Str()},      {"flags", Arr(Str())},  {"price_stale", Bool()}};
  for (const char* k : {"zone", "spot_interruption", "availability", "reserved_term", "network", "rdma", "source", "source_currency", "price_as_of",
                        "price_source"}) {
    p[k] = OrNull("string");
  }
  for (const char* k : {"gpu_mem_gib", "vcpus", "mem_gib", "price_hour", "price_hour_max", "spot_price_hour", "reserved_hour",
                        "monthly_price", "monthly_price_max", "rdma_gbps"}) {
    p[k] = OrNull("number");
  }
  p["price_age_days"] = OrNull("integer");
  return Obj(p, {"vendor", "instance_type", "region", "gpu", "gpu_count", "price_hour", "currency"});
}

J CostSplitSchema() {
  return Obj({{"compute", Num()}, {"interruption", Num()}, {"storage", Num()}, {"egress", Num()}, {"discount", Num()}},
             {"compute", "interruption", "storage", "egress", "discount"});
}

J CandidateSchema() {
  J layout = Obj({{"tensor_parallel", Int()}, {"pipeline_parallel", Int()}, {"zero_stage", Int()}}, {});
  J p = {{"rank", Int()},        {"vendor", Str()},   {"instance_type", Str()}, {"region", Str()},         {"zone", OrNull("string")},
         {"gpu", Str()},         {"gpu_count", Num()}, {"nodes", Int()},        {"purchase", Str()},       {"price_hour", Num()},
         {"price_month", OrNull("number")}, {"price_assumed", Bool()}, {"price_per_gpu_hour", OrNull("number")},
         {"hours", OrNull("number")}, {"time_estimated", Bool()}, {"total_cost", OrNull("number")}, {"currency", Str()},
         {"fits", Bool()},       {"marketplace", Bool()}, {"memory_gib_per_gpu", OrNull("number")}, {"layout", layout},
         {"note", OrNull("string")}, {"source", Str()}, {"cost_split", CostSplitSchema()}};
  for (const char* k : {"ttft_ms", "tpot_ms", "latency_s", "cost_per_hour", "cost_per_month", "cost_per_million_tokens"}) p[k] = Num();
  for (const char* k : {"replicas", "tp", "pp"}) p[k] = Int();
  return Obj(p, {"vendor", "instance_type", "region", "gpu", "nodes", "purchase", "price_hour", "total_cost", "currency"});
}

J RecommendationSchema() {
  return Obj({{"verdict", OrNull("string")},
              {"candidates", Arr(Ref("Candidate"))},
              {"pareto", Arr(Ref("Candidate"))},
              {"rejected", {{"type", "object"}, {"additionalProperties", Int()}}},
              {"relaxations", Arr(Obj({{"constraint", Str()}, {"value", OrNull("number")}, {"message", Str()}}, {"constraint", "message"}))},
              {"evaluated", Int()},
              {"assumptions", Arr(Str())},
              {"assumption_details", Arr(AnyObject())},
              {"price_ages", Arr(Ref("PriceAge"))}},
             {"verdict", "candidates", "pareto", "rejected", "relaxations", "evaluated", "assumptions"});
}

J EstimateSchema() {
  return Obj({{"model", Str()},
              {"task", Str()},
              {"gpu", Str()},
              {"gpus_per_node", Int()},
              {"nodes", Int()},
              {"precision", Str()},
              {"fits", Bool()},
              {"why_not", OrNull("string")},
              {"layout", AnyObject()},
              {"memory", Obj({{"total_gib", Num()}, {"usable_gib", Num()}, {"capacity_gib", Num()}, {"weights_gib", Num()}},
                             {"total_gib", "usable_gib"})},
              {"throughput", AnyObject()},
              {"time", AnyObject()},
              {"assumptions", Arr(Str())},
              {"assumption_details", Arr(AnyObject())}},
             {"model", "task", "gpu", "fits", "memory", "assumptions"});
}

J CostSchema() {
  J option = Obj({{"purchase", Str()}, {"available", Bool()}, {"rate", OrNull("number")}, {"rate_unit", OrNull("string")},
                  {"rate_assumed", Bool()}, {"total", OrNull("number")}, {"effective_hourly", OrNull("number")},
                  {"wall_hours", OrNull("number")}, {"break_even_hours_per_month", OrNull("number")}, {"currency", OrNull("string")},
                  {"note", OrNull("string")}, {"cost_split", CostSplitSchema()}},
                 {"purchase", "available"});
  J one = Obj({{"vendor", Str()}, {"instance_type", Str()}, {"region", Str()}, {"zone", OrNull("string")}, {"source", Str()},
               {"hours_per_month", OrNull("number")}, {"months", OrNull("number")}, {"job_hours", OrNull("number")},
               {"options", Arr(option)}, {"price_ages", Arr(Ref("PriceAge"))}, {"terms", Arr(Str())},
               {"term_details", Arr(AnyObject())}},
              {"vendor", "instance_type", "region", "options"});
  J region = Obj({{"region", Str()}, {"price_hour", OrNull("number")}, {"spot_price_hour", OrNull("number")},
                  {"reserved_hour", OrNull("number")}, {"vs_cheapest_pct", OrNull("number")}, {"currency", Str()}, {"source", Str()}},
                 {"region", "price_hour", "currency"});
  return {{"oneOf", J::array({one, Arr(region)})}};
}

J ScaleSchema() {
  J pool = Obj({{"name", Str()}, {"offer", Str()}, {"policy", Obj({{"type", Str()}, {"period_s", Int()}}, {"type"})},
                {"min_nodes", Int()}, {"max_nodes", Int()}, {"capacity_rps", Num()}, {"price_hour", Num()}, {"node_hours", Num()},
                {"spot_node_hours", Num()}, {"ondemand_node_hours", Num()}, {"cost", Num()}, {"requests", Num()}, {"unserved", Num()},
                {"unserved_share", Num()}, {"underprovisioned_minutes", Num()}, {"underprovisioned_share", Num()}, {"peak_nodes", Int()},
                {"peak_rps", Num()}, {"scale_outs", Int()}, {"scale_ins", Int()}, {"interruptions", Int()},
                {"cost_per_million_requests", Num()}},
               {"name", "cost", "node_hours", "underprovisioned_share", "peak_nodes"});
  J statics = Obj({{"total_cost", Num()}, {"cost_per_million_requests", Num()},
                   {"pools", Arr(Obj({{"name", Str()}, {"nodes", Int()}, {"cost", Num()}}, {"name", "nodes", "cost"}))}},
                  {"total_cost", "pools"});
  J timeline = Obj({{"columns", Arr(Str())}, {"rows", Arr(Arr({{"type", J::array({"number", "string"})}}))}}, {"columns", "rows"});
  return Obj({{"start", Str()}, {"end", Str()}, {"tick_s", Int()}, {"currency", Str()}, {"pools", Arr(pool)}, {"total_cost", Num()},
              {"requests", Num()}, {"unserved", Num()}, {"cost_per_million_requests", Num()},
              {"slo", Obj({{"max_underprovisioned_share", Num()}, {"met", Bool()}}, {"met"})}, {"static_fleet", statics},
              {"assumptions", Arr(Str())}, {"timeline", timeline}},
             {"start", "end", "currency", "pools", "total_cost", "slo", "static_fleet"});
}

J LintSchema() {
  J finding = Obj({{"id", Str()}, {"rule", Str()}, {"severity", Str()}, {"line", Int()}, {"message", Str()}, {"fix", Str()},
                   {"uncited", Bool()}, {"details", Arr(AnyObject())}},
                  {"id", "severity", "message"});
  return Obj({{"plan", Str()}, {"errors", Int()}, {"findings", Arr(finding)}}, {"errors", "findings"});
}

J AlternativesSchema() {
  J option = Obj({{"name", Str()}, {"applicable", Bool()}, {"fits", Bool()}, {"offer", OrNull("string")}, {"why", OrNull("string")},
                  {"assumptions", Arr(Str())}, {"assumption_details", Arr(AnyObject())}},
                 {"name", "applicable"});
  return Obj({{"cpu_gflops", Num()}, {"cpu_bandwidth_gbps", Num()}, {"cpu_measured", Bool()}, {"options", Arr(option)}}, {"options"});
}

J VendorSchema() {
  return Obj({{"vendor", Str()}, {"offers", Int()}, {"regions", Arr(Str())}, {"gpus", Arr(Str())}, {"currency", Str()},
              {"prices_per_gpu_hour", Arr(AnyObject())}, {"rdma", Arr(AnyObject())}, {"price_age", Ref("PriceAge")}},
             {"vendor", "offers", "regions", "gpus"});
}

J HistorySchema() {
  J point = Obj({{"price", Num()}, {"as_of", OrNull("string")}, {"origin", Str()}}, {"price"});
  J series = Obj({{"region", Str()}, {"purchase", Str()}, {"currency", Str()}, {"zones", Arr(Str())}, {"points", Arr(point)},
                  {"min", Num()}, {"median", Num()}, {"max", Num()}, {"change", Num()}, {"change_pct", OrNull("number")}},
                 {"region", "purchase", "currency", "points"});
  return Obj({{"vendor", Str()}, {"instance_type", Str()}, {"series", Arr(series)}}, {"vendor", "instance_type", "series"});
}

J PageSchema(const char* item) {
  return {{"type", "array"}, {"items", Ref(item)}};
}

}  // namespace

nlohmann::json ApiSchemas() {
  J s;
  for (const char* kind :
       {"Workload", "EstimateRequest", "RecommendRequest", "CostRequest", "AlternativesRequest", "ScaleRequest"}) {
    s[kind] = RequestSchema(kind);
  }
  s["LintRequest"] = Obj({{"plan", Str()}}, {"plan"});
  s["ScenarioRequest"] = Obj({{"kind", {{"type", "string"}, {"enum", {"estimate", "recommend", "cost", "scale", "lint", "alternatives"}}}},
                              {"body", AnyObject()}},
                             {"kind", "body"});
  {
    J check = Obj({{"what", Str()}, {"promised", Str()}, {"reports", Int()}, {"short", Int()}, {"median", AnyValue()},
                   {"worst", OrNull("number")}, {"worst_share", OrNull("number")}},
                  {"what", "promised", "reports", "short"});
    s["Fleet"] = Arr(Obj({{"vendor", Str()}, {"instance_type", Str()}, {"reports", Int()}, {"failing", Int()},
                          {"drivers", AnyObject()}, {"cuda", AnyObject()}, {"checks", Arr(check)}, {"underperforms", Bool()},
                          {"short_checks", Arr(Str())}},
                         {"vendor", "instance_type", "reports", "checks", "underperforms"}));
  }
  s["Ready"] = Obj({{"status", Str()}, {"database", Str()}, {"schema_version", Int()}}, {"status", "database"});
  s["Health"] = Obj({{"status", Str()}, {"offers", Int()}, {"schema_version", Int()}, {"refresh", AnyObject()}}, {"status", "offers"});
  s["PriceAge"] = PriceAgeSchema();
  s["Gpu"] = GpuSchema();
  s["Offer"] = OfferSchema();
  s["Vendor"] = VendorSchema();
  s["PriceHistory"] = HistorySchema();
  s["Candidate"] = CandidateSchema();
  s["Recommendation"] = RecommendationSchema();
  s["Estimate"] = EstimateSchema();
  s["Cost"] = CostSchema();
  s["ScaleResult"] = ScaleSchema();
  s["LintResult"] = LintSchema();
  s["Alternatives"] = AlternativesSchema();
  s["Stored"] = Obj({{"id", Int()}}, {"id"});
  s["ProbeReport"] = AnyObject();
  s["Scenario"] = AnyObject();
  s["GpuList"] = Arr(Ref("Gpu"));
  s["OfferList"] = Arr(Ref("Offer"));
  s["VendorList"] = Arr(Ref("Vendor"));
  s["ProbeReports"] = PageSchema("ProbeReport");
  s["Scenarios"] = PageSchema("Scenario");
  s["ProbeSummary"] = Arr(Obj({{"vendor", Str()}, {"instance_type", Str()}, {"reports", Int()}, {"checks", AnyObject()}},
                              {"vendor", "instance_type", "reports", "checks"}));
  return s;
}

std::optional<RouteSchemas> SchemasOf(std::string_view method, std::string_view path) {
  static const std::map<std::string, RouteSchemas, std::less<>> kRoutes = {
      {"GET /healthz", {"", "Health"}},
      {"GET /readyz", {"", "Ready"}},
      {"GET /v1/fleet", {"", "Fleet"}},
      {"GET /v1/gpus", {"", "GpuList"}},
      {"GET /v1/offers", {"", "OfferList"}},
      {"GET /v1/vendors", {"", "VendorList"}},
      {"GET /v1/prices/history", {"", "PriceHistory"}},
      {"POST /v1/estimate", {"EstimateRequest", "Estimate"}},
      {"POST /v1/recommend", {"RecommendRequest", "Recommendation"}},
      {"POST /v1/cost", {"CostRequest", "Cost"}},
      {"POST /v1/scale/simulate", {"ScaleRequest", "ScaleResult"}},
      {"POST /v1/lint", {"LintRequest", "LintResult"}},
      {"POST /v1/alternatives", {"AlternativesRequest", "Alternatives"}},
      {"POST /v1/probe-reports", {"ProbeReport", "Stored"}},
      {"GET /v1/probe-reports", {"", "ProbeReports"}},
      {"POST /v1/scenarios", {"ScenarioRequest", "Stored"}},
      {"GET /v1/scenarios", {"", "Scenarios"}},
      {"GET /v1/probe-reports/summary", {"", "ProbeSummary"}},
  };
  auto it = kRoutes.find(std::string(method) + " " + std::string(path));
  if (it == kRoutes.end()) return std::nullopt;
  return it->second;
}

}  // namespace gpuscout
