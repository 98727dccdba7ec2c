#include "server/store.h"

#include <algorithm>
#include <cstdio>

#include "base/env.h"
#include "codec/json_text.h"
#include "server/postgres_store.h"
#include "server/sqlite_store.h"

namespace gpuscout {

namespace {

// Both back ends bring the schema to this version; each keeps its own
// statements for it (sqlite_store.cc, postgres_store.cc), step for step.
constexpr int kSchemaVersion = 5;

}  // namespace

std::string DefaultDatabasePath() { return Env::System().DataDir() + "/gpuscout.db"; }

int Store::LatestSchemaVersion() { return kSchemaVersion; }

bool Store::IsPostgresUrl(const std::string& target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& target) {
  if (IsPostgresUrl(target)) return PostgresStore::Open(target);
  return SqliteStore::Open(target);
}

Result<void> Store::ValidateProbeReport(const nlohmann::json& r) {
  if (!r.is_object()) return tl::unexpected(FieldError("body", "expected a probe report (JSON object)"));
  auto it = r.find("schema");
  if (it == r.end() || !it->is_string()) return tl::unexpected(FieldError("schema", "missing: expected \"gpuscout.probe/1\""));
  if (*it != "gpuscout.probe/1") return tl::unexpected(FieldError("schema", "unknown schema " + it->get<std::string>() + ": expected gpuscout.probe/1"));
  auto need = [&](const char* key, auto check, const char* what) -> Result<void> {
    auto f = r.find(key);
    if (f == r.end() || !check(*f)) return tl::unexpected(OptionError(key, std::string("missing or not ") + what));
    return {};
  };
  for (auto res : {need("started_at", [](const nlohmann::json& v) { return v.is_string(); }, "a string"),
                   need("machine", [](const nlohmann::json& v) { return v.is_object(); }, "an object"),
                   need("gpus", [](const nlohmann::json& v) { return v.is_array(); }, "an array"),
                   need("findings", [](const nlohmann::json& v) { return v.is_array(); }, "an array")}) {
    if (!res) return res;
  }
  auto c = r.find("comparison");
  if (c == r.end()) return tl::unexpected(OptionError("comparison", "missing (null when the probe compared with no offer)"));
  if (c->is_null()) return {};
  if (!c->is_object()) return tl::unexpected(OptionError("comparison", "expected an object or null"));
  for (const char* key : {"vendor", "instance_type"}) {
    auto v = c->find(key);
    if (v == c->end() || !v->is_string() || v->get<std::string>().empty()) {
      return tl::unexpected(OptionError(std::string("comparison.") + key, "missing or not a string"));
    }
  }
  auto checks = c->find("checks");
  if (checks == c->end() || !checks->is_array()) return tl::unexpected(OptionError("comparison.checks", "missing or not an array"));
  for (size_t i = 0; i < checks->size(); ++i) {
    const auto& k = (*checks)[i];
    const std::string at = "comparison.checks[" + std::to_string(i) + "]";
    if (!k.is_object()) return tl::unexpected(OptionError(at, "expected an object"));
    for (const char* key : {"what", "promised", "measured"}) {
      if (!k.contains(key) || !k[key].is_string()) return tl::unexpected(OptionError(at + "." + key, "missing or not a string"));
    }
    if (!k.contains("ok") || !k["ok"].is_boolean()) return tl::unexpected(OptionError(at + ".ok", "missing or not true/false"));
  }
  return {};
}

Result<Store::Upload> Store::PrepareReport(const nlohmann::json& report, const std::string& idempotency_key) {
  GS_CHECK(ValidateProbeReport(report));
  if (idempotency_key.size() > kMaxIdempotencyKey ||
      idempotency_key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:") != std::string::npos) {
    return tl::unexpected(FieldError("Idempotency-Key", "expected up to 128 letters, digits, '-', '_', '.' or ':'"));
  }
  Upload u;
  u.text = JsonText(report);
  if (u.text.size() > kMaxRowBytes) {
    return tl::unexpected(OptionError("body", "the report is " + std::to_string(u.text.size()) + " bytes; at most " +
                                                  std::to_string(kMaxRowBytes) + " are stored"));
  }
  if (report["comparison"].is_object()) {
    u.vendor = report["comparison"]["vendor"];
    u.instance = report["comparison"]["instance_type"];
  }
  return u;
}

Result<std::string> Store::PrepareScenario(const nlohmann::json& body) {
  std::string text = JsonText(body);
  if (text.size() > kMaxRowBytes) {
    return tl::unexpected(OptionError("body", "the scenario is " + std::to_string(text.size()) + " bytes; at most " +
                                                  std::to_string(kMaxRowBytes) + " are stored"));
  }
  return text;
}

// A row beyond `limit`, or past kMaxPageBytes, starts the next page, which
// begins below the last id of this one.
bool PageBuilder::Add(int64_t id, const std::vector<std::string>& columns) {
  if (++rows_ > limit_ || bytes_ >= Store::kMaxPageBytes) {
    page_.next_before = last_id_;
    return false;
  }
  last_id_ = id;
  const std::string& text = columns.back();
  bytes_ += text.size();
  auto parsed = ParseJson(text, names_.back());
  if (!parsed) {
    std::fprintf(stderr, "gpuscout serve: skipping %s row %lld: %s\n", table_.c_str(), static_cast<long long>(id),
                 parsed.error().message.c_str());
    return true;
  }
  nlohmann::json row = {{"id", id}};
  for (size_t i = 1; i + 1 < names_.size(); ++i) row[names_[i]] = columns[i - 1];
  row[names_.back()] = std::move(*parsed);
  page_.rows.push_back(std::move(row));
  return true;
}

void SummaryBuilder::Add(const std::string& vendor, const std::string& instance, int64_t id, const std::string& what,
                         const std::string& promised, const std::string& measured, bool ok) {
  const std::string key = vendor + "\n" + instance;
  auto& s = per_[key];
  if (s.is_null()) s = {{"vendor", vendor}, {"instance_type", instance}, {"reports", 0}, {"checks", nlohmann::json::object()}};
  ids_[key].insert(id);
  auto& ck = s["checks"][what];
  if (ck.is_null()) ck = {{"promised", promised}, {"measured", nlohmann::json::array()}, {"ok", 0}, {"short", 0}};
  if (ck["measured"].size() < static_cast<size_t>(Store::kSummaryMeasured)) ck["measured"].push_back(measured);
  const char* tally = ok ? "ok" : "short";
  ck[tally] = ck[tally].get<int>() + 1;
}

nlohmann::json SummaryBuilder::Finish() {
  nlohmann::json out = nlohmann::json::array();
  for (auto& [key, s] : per_) {
    s["reports"] = ids_[key].size();
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace gpuscout
