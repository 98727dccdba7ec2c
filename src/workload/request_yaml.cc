#include "workload/request_yaml.h"

#include <set>
#include <variant>

#include "workload/request_fields.h"

namespace gpuscout {
namespace {

Result<void> ReadField(const YamlReader& rd, const YAML::Node& v, const RequestField& def, const std::string& field,
                       EstimateRequest& r) {
  if (auto* text = std::get_if<std::string EstimateRequest::*>(&def.member)) {
    GS_TRY(s, rd.Text(v, field));
    r.**text = s;
  } else if (auto* whole = std::get_if<std::optional<int> EstimateRequest::*>(&def.member)) {
    if (!def.keyword.empty() && v.IsScalar() && v.Scalar() == def.keyword) {
      r.**whole = 0;
      return {};
    }
    GS_TRY(i, rd.Integer(v, field, static_cast<int>(def.lo), static_cast<int>(def.hi)));
    r.**whole = i;
  } else {
    GS_TRY(x, rd.Number(v, field, def.lo, def.hi));
    r.*std::get<std::optional<double> EstimateRequest::*>(def.member) = x;
  }
  return {};
}

}  // namespace

Result<EstimateRequest> ReadWorkloadYaml(const YamlReader& rd, const YAML::Node& map, const std::string& where,
                                         FieldMarks* marks) {
  std::set<std::string> allowed;
  for (const RequestField& f : RequestFields()) {
    if (f.scope != FieldScope::kWorkload) continue;
    allowed.emplace(f.name);
    if (!f.alias.empty()) allowed.emplace(f.alias);
  }
  GS_CHECK(rd.Keys(map, where, allowed));
  EstimateRequest r;
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    const RequestField* def = FindRequestField(key);
    GS_CHECK(ReadField(rd, kv.second, *def, where + "." + key, r));
    if (marks) {
      const auto mark = kv.first.Mark();
      (*marks)[std::string(def->name)] = {mark.line + 1, mark.column + 1};
    }
  }
  return r;
}

Error PlaceWorkloadError(Error e, const std::string& file, const std::string& where, const FieldMarks& marks,
                         int fallback_line) {
  e.file = file;
  e.line = fallback_line;
  e.column = 1;
  if (auto it = marks.find(e.field); it != marks.end()) std::tie(e.line, e.column) = it->second;
  if (e.option) e.field = where + "." + e.field;
  return e;
}

}  // namespace gpuscout
