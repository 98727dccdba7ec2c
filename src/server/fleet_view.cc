// g++ 12 reports a null dereference inside nlohmann::json's iterators as it
// inlines the loops below (a false positive, as in codec/request_json.cc):
// silenced for the library's header only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <nlohmann/json.hpp>
#pragma GCC diagnostic pop

#include "server/fleet_view.h"

#include <algorithm>
#include <cstdlib>
#include <optional>

namespace gpuscout {

namespace {

// A measurement as a number; nullopt for text ("gen 5 x16", "H200").
std::optional<double> Number(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

std::string Text(const nlohmann::json& j, const char* a, const char* b) {
  const auto x = j.find(a);
  if (x == j.end() || !x->is_object()) return "";
  const auto y = x->find(b);
  if (y == x->end()) return "";
  if (y->is_string()) return y->get<std::string>();
  if (y->is_number_integer()) {
    const long long v = y->get<long long>();  // CUDA's 13000 is 13.0
    return std::to_string(v / 1000) + "." + std::to_string(v % 1000 / 10);
  }
  return "";
}

bool HasError(const nlohmann::json& report) {
  const auto f = report.find("findings");
  if (f == report.end() || !f->is_array()) return false;
  return std::any_of(f->begin(), f->end(), [](const nlohmann::json& x) {
    return x.is_object() && x.contains("severity") && x["severity"] == "error";
  });
}

// The median and the worst (lowest) of the numeric measurements, as text
// when they are not numbers.
nlohmann::json CheckJson(const std::string& what, const std::string& promised, const std::vector<std::string>& measured,
                         int short_count) {
  nlohmann::json j = {{"what", what}, {"promised", promised}, {"reports", measured.size()}, {"short", short_count}};
  std::vector<double> values;
  for (const auto& m : measured) {
    if (auto v = Number(m)) values.push_back(*v);
  }
  if (values.size() != measured.size() || values.empty()) {
    j["median"] = measured.empty() ? nlohmann::json(nullptr) : nlohmann::json(measured.front());
    j["worst"] = nullptr;
    return j;
  }
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  j["median"] = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  j["worst"] = values.front();
  const auto p = Number(promised);
  j["worst_share"] = p && *p > 0 ? nlohmann::json(values.front() / *p) : nlohmann::json(nullptr);
  return j;
}

}  // namespace

void FleetView::Add(const std::string& vendor, const std::string& instance, const nlohmann::json& report) {
  if (!report.is_object()) return;
  Type& t = types_[{vendor, instance}];
  ++t.reports;
  t.failing += HasError(report) ? 1 : 0;
  if (const std::string d = Text(report, "driver", "version"); !d.empty()) ++t.drivers[d];
  if (const std::string c = Text(report, "cuda", "driver_version"); !c.empty()) ++t.cuda[c];
  const auto comparison = report.find("comparison");
  if (comparison == report.end() || !comparison->is_object() || !comparison->contains("checks")) return;
  for (const auto& c : (*comparison)["checks"]) {
    if (!c.is_object() || !c.contains("what") || !c["what"].is_string()) continue;
    const std::string what = c["what"];
    auto [it, fresh] = t.checks.try_emplace(what);
    if (fresh) t.order.push_back(what);
    if (c.contains("promised") && c["promised"].is_string()) it->second.promised = c["promised"];
    if (c.contains("measured") && c["measured"].is_string()) it->second.measured.push_back(c["measured"]);
    if (c.contains("ok") && c["ok"] == false) ++it->second.short_count;
  }
}

nlohmann::json FleetView::Finish() const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, t] : types_) {
    nlohmann::json checks = nlohmann::json::array(), short_checks = nlohmann::json::array();
    for (const auto& what : t.order) {
      const Check& c = t.checks.at(what);
      checks.push_back(CheckJson(what, c.promised, c.measured, c.short_count));
      // The median machine falls short: more than half of those that measured it.
      if (2 * c.short_count > static_cast<int>(c.measured.size())) short_checks.push_back(what);
    }
    out.push_back({{"vendor", key.first}, {"instance_type", key.second}, {"reports", t.reports}, {"failing", t.failing},
                   {"drivers", t.drivers}, {"cuda", t.cuda}, {"checks", checks}, {"underperforms", !short_checks.empty()},
                   {"short_checks", short_checks}});
  }
  return out;
}

}  // namespace gpuscout
