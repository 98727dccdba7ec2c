#include "refresh/spot_advisor.h"

#include <nlohmann/json.hpp>

namespace gpuscout {
namespace {

// The labels of the ranges, by index.
Result<std::map<int64_t, std::string>> Ranges(const nlohmann::json& doc, const std::string& url) {
  auto ranges = doc.find("ranges");
  if (ranges == doc.end() || !ranges->is_array()) return tl::unexpected(DataError(url, "ranges", "missing or not a list"));
  std::map<int64_t, std::string> out;
  for (const nlohmann::json& r : *ranges) {
    if (!r.is_object() || !r.contains("index") || !r["index"].is_number_integer() || !r.contains("label") ||
        !r["label"].is_string()) {
      return tl::unexpected(DataError(url, "ranges[]", "without an integer index and a label"));
    }
    out[r["index"].get<int64_t>()] = r["label"].get<std::string>();
  }
  return out;
}

}  // namespace

Result<std::map<std::pair<std::string, std::string>, SpotAdvice>> ReadSpotAdvisor(const std::string& body,
                                                                                   const std::string& url) {
  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return tl::unexpected(DataError(url, "", "not valid JSON (cut short?)"));
  GS_TRY(labels, Ranges(doc, url));
  auto advisor = doc.find("spot_advisor");
  if (advisor == doc.end() || !advisor->is_object()) {
    return tl::unexpected(DataError(url, "spot_advisor", "missing or not an object"));
  }
  std::map<std::pair<std::string, std::string>, SpotAdvice> out;
  for (const auto& [region, systems] : advisor->items()) {
    auto linux_types = systems.is_object() ? systems.find("Linux") : systems.end();
    if (!systems.is_object() || linux_types == systems.end()) continue;
    if (!linux_types->is_object()) return tl::unexpected(DataError(url, "spot_advisor." + region + ".Linux", "not an object"));
    for (const auto& [type, advice] : linux_types->items()) {
      const std::string at = "spot_advisor." + region + ".Linux." + type;
      if (!advice.is_object() || !advice.contains("r") || !advice["r"].is_number_integer() || !advice.contains("s") ||
          !advice["s"].is_number()) {
        return tl::unexpected(DataError(url, at, "without an integer r and a number s"));
      }
      auto label = labels.find(advice["r"].get<int64_t>());
      if (label == labels.end()) return tl::unexpected(DataError(url, at + ".r", "names no range"));
      out[{region, type}] = {label->second, static_cast<int>(advice["s"].get<double>())};
    }
  }
  return out;
}

}  // namespace gpuscout
