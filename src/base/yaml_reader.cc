#include "base/yaml_reader.h"

#include <fmt/format.h>

#include <cmath>

#include "base/strings.h"

namespace gpuscout {

Result<YAML::Node> YamlReader::Load(const std::string& text) const {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return FailAt(file_, e.mark.line + 1, e.mark.column + 1, "", "not valid YAML: " + e.msg);
  }
}

tl::unexpected<Error> YamlReader::Thrown(const YAML::Exception& e) const {
  return FailAt(file_, e.mark.line + 1, e.mark.column + 1, "", "unexpected YAML structure: " + e.msg);
}

tl::unexpected<Error> YamlReader::At(const YAML::Node& n, const std::string& field, const std::string& message) const {
  const YAML::Mark m = n.Mark();
  return FailAt(file_, m.line + 1, m.column + 1, field, message);
}

Result<void> YamlReader::Keys(const YAML::Node& map, const std::string& where, const std::set<std::string>& allowed) const {
  if (!map.IsMap()) return At(map, where, "expected a mapping");
  for (const auto& kv : map) {
    // A key may be any node in YAML (`? [a, b]`, `{[a]: 1}`); ours are names.
    if (!kv.first.IsScalar()) return At(kv.first, where, "expected a name as the key, not a list or mapping");
    const std::string key = kv.first.as<std::string>();
    if (!allowed.count(key)) {
      std::vector<std::string> names(allowed.begin(), allowed.end());
      auto near = Closest(key, names);
      return At(kv.first, where.empty() ? key : where + "." + key,
                "unknown key '" + key + "'" + (near.empty() ? "" : "; did you mean " + Join(near, ", ") + "?"));
    }
  }
  return {};
}

Result<std::string> YamlReader::Text(const YAML::Node& n, const std::string& field) const {
  if (!n.IsScalar()) return At(n, field, "expected a value");
  return n.as<std::string>();
}

Result<double> YamlReader::Number(const YAML::Node& n, const std::string& field) const {
  if (!n.IsScalar()) return At(n, field, "expected a number");
  auto v = ParseDouble(n.as<std::string>());
  if (!v) return At(n, field, "not a number: '" + n.as<std::string>() + "'");
  return *v;
}

Result<double> YamlReader::Number(const YAML::Node& n, const std::string& field, double lo, double hi) const {
  auto v = Number(n, field);
  if (!v) return v;
  if (!(*v >= lo && *v <= hi)) return At(n, field, fmt::format("{} is out of range: expected {} to {}", *v, lo, hi));
  return v;
}

Result<int> YamlReader::Integer(const YAML::Node& n, const std::string& field, int lo, int hi) const {
  GS_TRY(v, Number(n, field, lo, hi));
  if (v != std::trunc(v)) return At(n, field, fmt::format("expected a whole number, got {:g}", v));
  return static_cast<int>(v);
}

Result<std::string> YamlReader::Version(const YAML::Node& n, const std::string& field) const {
  auto text = Text(n, field);
  if (!text) return text;
  const auto parts = Split(*text, '.');
  bool ok = parts.size() <= 4;
  for (const auto& p : parts) ok = ok && !p.empty() && p.size() <= 6 && p.find_first_not_of("0123456789") == std::string::npos;
  if (!ok) return At(n, field, "expected a version such as 12.4 or 550.54.15, got '" + *text + "'");
  return text;
}

Result<bool> YamlReader::Bool(const YAML::Node& n, const std::string& field) const {
  if (!n.IsScalar()) return At(n, field, "expected true or false");
  const std::string v = ToLower(n.as<std::string>());
  if (v == "true" || v == "yes") return true;
  if (v == "false" || v == "no") return false;
  return At(n, field, "expected true or false, got '" + n.as<std::string>() + "'");
}

}  // namespace gpuscout
