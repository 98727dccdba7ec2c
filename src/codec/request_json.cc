// g++ 12 reports a null dereference inside nlohmann::json's is_null() as it
// inlines this file's readers (a false positive, seen as request fields were
// added): silenced for the library's header only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <nlohmann/json.hpp>
#pragma GCC diagnostic pop

#include "codec/request_json.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "base/strings.h"
#include "workload/request_fields.h"

namespace gpuscout {
namespace {

// While RequestSchema runs a reader, the JSON Schema of every key the reader
// asks for is written here: the schema is the reader's own, it cannot drift.
thread_local nlohmann::json* g_schema = nullptr;

// Reads the keys of one object; Finish() refuses the keys nobody asked for.
class Fields {
 public:
  Fields(const nlohmann::json& j, std::string prefix, bool strings = false)
      : j_(j), prefix_(std::move(prefix)), strings_(strings), schema_(g_schema) {}

  template <typename T>
  void Text(const char* key, T& out) {
    Note(key, {{"type", "string"}});
    if (const auto* v = Get(key)) {
      if (!v->is_string()) return Fail(key, "expected a string");
      out = v->template get<std::string>();
    }
  }
  void Number(const char* key, std::optional<double>& out) {
    Note(key, {{"type", "number"}});
    if (auto v = Num(key)) out = *v;
  }
  void Number(const char* key, double& out) {
    Note(key, {{"type", "number"}});
    if (auto v = Num(key)) out = *v;
  }
  void Int(const char* key, std::optional<int>& out) {
    Note(key, {{"type", "integer"}});
    if (auto v = Num(key)) {
      // Range first: converting a double beyond int's range is undefined.
      if (!(std::abs(*v) <= 2e9) || *v != std::trunc(*v)) return Fail(key, "expected a whole number");
      out = static_cast<int>(*v);
    }
  }
  void Int(const char* key, int& out) {
    std::optional<int> v;
    Int(key, v);
    if (v) out = *v;
  }
  void Bool(const char* key, bool& out) {
    Note(key, {{"type", "boolean"}});
    if (const auto* v = Get(key)) {
      if (v->is_boolean()) {
        out = v->template get<bool>();
      } else if (strings_ && v->is_string() && (*v == "true" || *v == "1" || *v == "")) {
        out = true;
      } else if (strings_ && v->is_string() && (*v == "false" || *v == "0")) {
        out = false;
      } else {
        Fail(key, "expected true or false");
      }
    }
  }
  // One row of the request field table, into its member of `r`.
  void Field(const RequestField& def, EstimateRequest& r) {
    const std::string key(def.name);
    Note(key.c_str(), FieldSchema(def));
    if (auto* text = std::get_if<std::string EstimateRequest::*>(&def.member)) return Text(key.c_str(), r.**text);
    const auto* raw = Get(key.c_str());
    std::optional<double> value;
    if (raw && !def.keyword.empty() && raw->is_string() && *raw == std::string(def.keyword)) {
      value = 0;
    } else {
      value = Num(key.c_str());
    }
    if (!value) return;
    if (auto why = CheckValue(def, *value)) return Fail(key.c_str(), *why);
    if (auto* i = std::get_if<std::optional<int> EstimateRequest::*>(&def.member)) {
      r.**i = static_cast<int>(*value);
    } else {
      r.*std::get<std::optional<double> EstimateRequest::*>(def.member) = *value;
    }
  }
  const nlohmann::json* Object(const char* key) {
    Note(key, std::string_view(key) == "workload" ? nlohmann::json{{"$ref", "#/components/schemas/Workload"}}
                                                  : nlohmann::json{{"type", "object"}});
    const auto* v = Get(key);
    if (v && !v->is_object()) {
      Fail(key, "expected an object");
      return nullptr;
    }
    return v;
  }
  void Money(MoneyRequest& m) {
    std::string cur;
    Note("currency", {{"type", "string"}, {"enum", {"USD", "CNY"}}});
    Text("currency", cur);
    if (!cur.empty()) {
      auto c = ParseCurrency(cur);
      if (!c) return Fail("currency", "expected USD or CNY");
      m.currency = *c;
    }
    std::optional<double> rate;
    Number("cny_per_usd", rate);
    if (rate) {
      if (!(*rate > 0 && *rate < 1000)) return Fail("cny_per_usd", "expected a rate above 0");
      m.rate.cny_per_usd = *rate;
      m.rate.user_given = true;
    }
  }
  Result<void> Finish() {
    if (error_) return tl::unexpected(*error_);
    if (!j_.is_object()) {
      Fail(prefix_.empty() ? "body" : "", "expected a JSON object");
      return tl::unexpected(*error_);
    }
    for (const auto& [key, value] : j_.items()) {
      if (!seen_.count(key)) {
        std::vector<std::string> names(seen_.begin(), seen_.end());
        auto near = Closest(key, names);
        Fail(key.c_str(), "unknown field" + (near.empty() ? "" : "; did you mean " + Join(near, ", ") + "?"));
        return tl::unexpected(*error_);
      }
    }
    return {};
  }

 private:
  // The key's schema, when a schema is being recorded (first note wins).
  void Note(const char* key, nlohmann::json schema) {
    if (schema_ && !schema_->contains(key)) (*schema_)[key] = std::move(schema);
  }
  static nlohmann::json FieldSchema(const RequestField& def) {
    nlohmann::json s;
    s["type"] = def.type == FieldType::kText ? "string" : def.type == FieldType::kInteger ? "integer" : "number";
    if (def.type != FieldType::kText) {
      s["minimum"] = def.lo;
      s["maximum"] = def.hi;
    }
    if (!def.keyword.empty()) s = {{"oneOf", {s, {{"type", "string"}, {"enum", {std::string(def.keyword)}}}}}};
    std::string help(def.help);
    if (!def.unit.empty()) help += " [" + std::string(def.unit) + "]";
    if (!def.default_value.empty()) help += " (default " + std::string(def.default_value) + ")";
    s["description"] = help;
    return s;
  }

  std::string Name(const char* key) const {
    if (!*key) return prefix_;
    return prefix_.empty() ? key : prefix_ + "." + key;
  }
  const nlohmann::json* Get(const char* key) {
    seen_.insert(key);
    if (!j_.is_object()) return nullptr;
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return nullptr;
    return &*it;
  }
  std::optional<double> Num(const char* key) {
    const auto* v = Get(key);
    if (!v) return std::nullopt;
    if (v->is_number()) return v->template get<double>();
    if (strings_ && v->is_string()) {
      if (auto d = ParseDouble(v->template get<std::string>())) return *d;
    }
    Fail(key, "expected a number");
    return std::nullopt;
  }
  void Fail(const char* key, const std::string& message) {
    if (!error_) error_ = FieldError(Name(key), message);
  }

  const nlohmann::json& j_;
  std::string prefix_;
  bool strings_;
  std::set<std::string> seen_;
  std::optional<Error> error_;
  nlohmann::json* schema_;
};

// The fields of the table (workload/request_fields.h) in `scope`, each
// checked against its row as it is read, so that errors name the JSON path.
void ReadRequestFields(Fields& f, EstimateRequest& r, FieldScope scope) {
  for (const RequestField& def : RequestFields()) {
    if (def.scope == scope) f.Field(def, r);
  }
}

void ReadWorkload(Fields& f, EstimateRequest& r) { ReadRequestFields(f, r, FieldScope::kWorkload); }

// The `workload` object of recommend and alternatives; nullopt when absent.
Result<std::optional<EstimateRequest>> WorkloadObject(Fields& f) {
  const auto* w = f.Object("workload");
  if (!w) return std::optional<EstimateRequest>{};
  Fields wf(*w, "workload");
  EstimateRequest r;
  ReadWorkload(wf, r);
  GS_CHECK(wf.Finish());
  return std::optional<EstimateRequest>(std::move(r));
}

}  // namespace

std::string ApiFieldName(std::string_view option) {
  while (!option.empty() && option.front() == '-') option.remove_prefix(1);
  std::string out(option);
  for (auto& c : out) c = c == '-' ? '_' : c;
  return out;
}

Result<EstimateRequest> EstimateRequestFromJson(const nlohmann::json& j) {
  Fields f(j, "");
  EstimateRequest r;
  ReadWorkload(f, r);
  ReadRequestFields(f, r, FieldScope::kHardware);
  GS_CHECK(f.Finish());
  return r;
}

Result<RecommendArgs> RecommendArgsFromJson(const nlohmann::json& j, MoneyRequest& money) {
  Fields f(j, "");
  RecommendArgs a;
  GS_TRY(workload, WorkloadObject(f));
  a.workload = std::move(workload);
  f.Number("gpu_mem", a.gpu_mem);
  f.Int("gpus", a.gpus);
  f.Int("nodes", a.nodes);
  f.Number("hours", a.hours);
  f.Number("deadline", a.deadline);
  f.Number("ttft_ms", a.ttft_ms);
  f.Number("tpot_ms", a.tpot_ms);
  f.Number("budget", a.budget);
  f.Text("vendor", a.vendor);
  f.Text("region", a.region);
  f.Text("gpu", a.gpu);
  f.Text("spot", a.spot);
  f.Text("purchase", a.purchase);
  f.Int("max_nodes", a.max_nodes);
  f.Text("objective", a.objective);
  f.Int("top", a.top);
  f.Number("interruptions_per_day", a.interruptions);
  f.Number("checkpoint_minutes", a.checkpoint_minutes);
  f.Number("checkpoint_cost_s", a.checkpoint_cost);
  f.Number("restart_cost_s", a.restart_cost);
  f.Bool("no_checkpoint", a.no_checkpoint);
  f.Number("disk_gb", a.job.disk_gb);
  f.Number("egress_gb", a.job.egress_gb);
  f.Text("discount", a.job.discount);
  f.Money(money);
  GS_CHECK(f.Finish());
  if (a.top < 1 || a.top > 1000) return tl::unexpected(OptionError("top", "expected 1 to 1000"));
  return a;
}

Result<CostArgs> CostArgsFromJson(const nlohmann::json& j, MoneyRequest& money) {
  Fields f(j, "");
  CostArgs a;
  f.Text("vendor", a.vendor);
  f.Text("instance", a.instance);
  f.Text("region", a.region);
  f.Number("hours_per_month", a.hours_per_month);
  f.Number("months", a.months);
  f.Bool("all_regions", a.all_regions);
  f.Number("interruptions_per_day", a.interruptions);
  f.Number("job_hours", a.job_hours);
  f.Number("disk_gb", a.job.disk_gb);
  f.Number("egress_gb", a.job.egress_gb);
  f.Text("discount", a.job.discount);
  f.Money(money);
  GS_CHECK(f.Finish());
  return a;
}

Result<AlternativesRequest> AlternativesFromJson(const nlohmann::json& j, MoneyRequest& money) {
  Fields f(j, "");
  AlternativesRequest r;
  GS_TRY(workload, WorkloadObject(f));
  if (workload) r.workload = std::move(*workload);
  f.Number("rtt_ms", r.rtt_ms);
  f.Number("payload_kb", r.payload_kb);
  f.Number("bandwidth_mbps", r.bandwidth_mbps);
  f.Number("latency_slo_ms", r.latency_slo_ms);
  f.Number("hours_per_month", r.hours_per_month);
  f.Number("cpu_gflops", r.cpu_gflops);
  f.Number("cpu_bandwidth_gbps", r.cpu_bandwidth_gbps);
  f.Money(money);
  GS_CHECK(f.Finish());
  // The server does not measure its own CPU for a client.
  if (!r.cpu_gflops) return tl::unexpected(OptionError("cpu_gflops", "missing: the client machine's CPU GFLOP/s (gpuscout probe measures it)"));
  if (!r.cpu_bandwidth_gbps) return tl::unexpected(OptionError("cpu_bandwidth_gbps", "missing: the client machine's memory GB/s"));
  return r;
}

Result<ScaleInput> ScaleInputFromJson(const nlohmann::json& j, MoneyRequest& money) {
  Fields f(j, "");
  ScaleInput in;
  in.fleet_name = "fleet";
  in.trace_name = "trace_csv";
  in.read_files = false;
  f.Text("fleet", in.fleet_text);
  f.Text("trace_csv", in.trace_text);
  f.Text("example", in.example);
  f.Text("slo", in.slo);
  f.Int("tick_s", in.tick_s);
  std::optional<double> seed;
  f.Number("seed", seed);
  if (seed) {
    if (!(*seed >= 0 && *seed <= 9007199254740992.0) || *seed != std::trunc(*seed)) {
      return tl::unexpected(OptionError("seed", "expected a whole number from 0 to 2^53"));
    }
    in.seed = static_cast<uint64_t>(*seed);
  }
  f.Bool("timeline", in.timeline);
  f.Money(money);
  GS_CHECK(f.Finish());
  return in;
}

Result<OffersArgs> OffersArgsFromQuery(const nlohmann::json& params, MoneyRequest& money) {
  Fields f(params, "", true);
  OffersArgs a;
  f.Text("gpu", a.gpu);
  f.Text("vendor", a.vendor);
  f.Text("region", a.region);
  f.Number("min_gpu_mem", a.min_gpu_mem);
  f.Number("max_price", a.max_price);
  f.Bool("spot", a.spot);
  f.Bool("all_regions", a.all_regions);
  f.Text("sort", a.sort);
  std::optional<int> limit;
  f.Int("limit", limit);
  f.Int("max_price_age", a.max_price_age_days);
  f.Money(money);
  GS_CHECK(f.Finish());
  if (limit) {
    if (*limit < 1) return tl::unexpected(OptionError("limit", "expected 1 or more"));
    a.limit = static_cast<size_t>(*limit);
  }
  if (a.max_price_age_days < 0 || a.max_price_age_days > 36500) {
    return tl::unexpected(OptionError("max_price_age", "expected 0 to 36500 days"));
  }
  return a;
}

Result<std::string> VendorsGpuFromQuery(const nlohmann::json& params, MoneyRequest& money) {
  Fields f(params, "", true);
  std::string gpu;
  f.Text("gpu", gpu);
  f.Money(money);
  GS_CHECK(f.Finish());
  return gpu;
}

namespace {

Result<ProbeReportsQuery> PageQuery(const nlohmann::json& params, bool filters) {
  Fields f(params, "", true);
  ProbeReportsQuery q;
  if (filters) {
    f.Text("vendor", q.vendor);
    f.Text("instance", q.instance);
  }
  f.Int("limit", q.limit);
  std::optional<double> before;
  f.Number("before", before);
  GS_CHECK(f.Finish());
  if (q.limit < 1 || q.limit > kMaxPageRows) {
    return tl::unexpected(OptionError("limit", "expected 1 to " + std::to_string(kMaxPageRows) + " (follow the Link header for more)"));
  }
  if (before) {
    if (!(*before >= 1 && *before <= 9e15) || *before != std::trunc(*before)) {
      return tl::unexpected(OptionError("before", "expected a row id (the cursor from the Link header)"));
    }
    q.before = static_cast<int64_t>(*before);
  }
  return q;
}

}  // namespace

Result<ProbeReportsQuery> ProbeReportsQueryFromQuery(const nlohmann::json& params) { return PageQuery(params, true); }
Result<ProbeReportsQuery> ScenariosQueryFromQuery(const nlohmann::json& params) { return PageQuery(params, false); }

Result<std::string> LintPlanFromJson(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("plan") || !j["plan"].is_string()) {
    return tl::unexpected(FieldError("plan", "missing: the plan's YAML text"));
  }
  for (const auto& [k, v] : j.items()) {
    if (k != "plan") return tl::unexpected(FieldError(k, "unknown field"));
  }
  return j["plan"].get<std::string>();
}

Result<ScenarioBody> ScenarioFromJson(const nlohmann::json& j) {
  if (!j.is_object()) return tl::unexpected(FieldError("body", "expected {\"kind\", \"body\"}"));
  for (const auto& [k, v] : j.items()) {
    if (k != "kind" && k != "body") return tl::unexpected(FieldError(k, "unknown field: kind, body"));
  }
  static const std::set<std::string> kinds = {"estimate", "recommend", "cost", "scale", "lint", "alternatives"};
  if (!j.contains("kind") || !j["kind"].is_string() || !kinds.count(j["kind"].get<std::string>())) {
    return tl::unexpected(FieldError("kind", "expected estimate, recommend, cost, scale, lint or alternatives"));
  }
  if (!j.contains("body") || !j["body"].is_object()) {
    return tl::unexpected(FieldError("body", "missing: the request to keep (an object)"));
  }
  return ScenarioBody{j["kind"].get<std::string>(), j["body"]};
}

}  // namespace gpuscout

namespace gpuscout {

nlohmann::json RequestSchema(std::string_view kind) {
  nlohmann::json properties = nlohmann::json::object();
  g_schema = &properties;
  const nlohmann::json empty = nlohmann::json::object();
  MoneyRequest money;
  if (kind == "Workload") {
    Fields f(empty, "");
    EstimateRequest r;
    ReadWorkload(f, r);
  } else if (kind == "EstimateRequest") {
    (void)EstimateRequestFromJson(empty);
  } else if (kind == "RecommendRequest") {
    (void)RecommendArgsFromJson(empty, money);
  } else if (kind == "CostRequest") {
    (void)CostArgsFromJson(empty, money);
  } else if (kind == "AlternativesRequest") {
    (void)AlternativesFromJson(empty, money);
  } else if (kind == "ScaleRequest") {
    (void)ScaleInputFromJson(empty, money);
  }
  g_schema = nullptr;
  return {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
}

}  // namespace gpuscout
