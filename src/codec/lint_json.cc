#include "codec/lint_json.h"

#include <algorithm>

#include "codec/message_json.h"

namespace gpuscout {
namespace {

nlohmann::json FindingJson(const LintFinding& f, Lang lang) {
  return {{"id", f.id},
          {"rule", f.rule},
          {"severity", f.severity},
          {"line", f.line},
          {"message", Render(f.message, lang)},
          {"fix", Render(f.fix, lang)},
          {"uncited", f.uncited},
          {"details", MessageDetailsJson({f.message, f.fix})}};
}

// SARIF 2.1.0, the format code-scanning tools read.
}  // namespace

nlohmann::json Sarif(const std::string& file, const std::vector<LintFinding>& findings) {
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& r : LintRules()) rules.push_back({{"id", r.id}, {"name", r.name}});
  nlohmann::json results = nlohmann::json::array();
  for (const auto& f : findings) {
    results.push_back({{"ruleId", f.id},
                       {"level", f.severity == "info" ? "note" : f.severity},
                       {"message", {{"text", Render(f.message, Lang::kEn) + " Fix: " + Render(f.fix, Lang::kEn)}}},
                       {"locations",
                        {{{"physicalLocation",
                           {{"artifactLocation", {{"uri", file}}}, {"region", {{"startLine", std::max(1, f.line)}}}}}}}}});
  }
  return {{"version", "2.1.0"},
          {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"runs", {{{"tool", {{"driver", {{"name", "gpuscout lint"}, {"rules", rules}}}}}, {"results", results}}}}};
}

nlohmann::json LintToJson(const std::string& plan, const std::vector<LintFinding>& findings, Lang lang) {
  nlohmann::json j;
  j["plan"] = plan;
  j["errors"] = std::count_if(findings.begin(), findings.end(), [](const LintFinding& f) { return f.severity == "error"; });
  j["findings"] = nlohmann::json::array();
  for (const auto& f : findings) j["findings"].push_back(FindingJson(f, lang));
  return j;
}

}  // namespace gpuscout
