#include "emit/yaml_out.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>


namespace gpuscout {

namespace {

// Whether a plain scalar `s` would be read back as something other than a string.
bool NeedsQuotes(const std::string& s) {
  if (s.empty()) return true;
  try {
    const YAML::Node n = YAML::Load(s);
    if (!n.IsScalar() || n.Tag() == "!") return true;
    double d = 0;
    bool b = false;
    return YAML::convert<double>::decode(n, d) || YAML::convert<bool>::decode(n, b) || s == "null" || s == "~";
  } catch (const YAML::Exception&) {
    return true;
  }
}

void Write(YAML::Emitter& out, const Doc& v) {
  if (v.is_object()) {
    out << YAML::BeginMap;
    for (const auto& [k, item] : v.items()) {
      out << YAML::Key << k << YAML::Value;
      Write(out, item);
    }
    out << YAML::EndMap;
  } else if (v.is_array()) {
    out << YAML::BeginSeq;
    for (const auto& item : v) Write(out, item);
    out << YAML::EndSeq;
  } else if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (NeedsQuotes(s)) out << YAML::DoubleQuoted;
    out << s;
  } else if (v.is_boolean()) {
    out << v.get<bool>();
  } else if (v.is_number_integer()) {
    out << v.get<int64_t>();
  } else if (v.is_number()) {
    out << fmt::format("{}", v.get<double>());
  } else {
    out << YAML::Null;
  }
}

}  // namespace

std::string EmitYaml(const std::vector<std::string>& header, const std::vector<Doc>& docs) {
  std::string out;
  for (const auto& line : header) out += "# " + line + "\n";
  for (size_t i = 0; i < docs.size(); ++i) {
    if (i > 0) out += "---\n";
    YAML::Emitter e;
    Write(e, docs[i]);
    out += e.c_str();
    out += "\n";
  }
  return out;
}

// The documents are split at their "---" lines and each loaded alone:
// yaml-cpp 0.7's LoadAll loops for ever (and grows without bound) on some
// malformed streams a fuzzer found (tests/robustness_test.cc), where Load
// on the same text returns.
Result<std::vector<YAML::Node>> LoadYamlDocuments(const std::string& text, const std::string& file) {
  std::vector<YAML::Node> docs;
  std::string chunk;
  int chunk_line = 0, line = 0;
  auto flush = [&]() -> Result<void> {
    try {
      YAML::Node d = YAML::Load(chunk);
      if (d.IsDefined() && !d.IsNull()) docs.push_back(d);
    } catch (const YAML::Exception& e) {
      return FailAt(file, chunk_line + e.mark.line + 1, e.mark.column + 1, "", e.msg);
    }
    return {};
  };
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = std::min(text.find('\n', at), text.size());
    std::string l = text.substr(at, end - at);
    const bool separator = l.rfind("---", 0) == 0 && (l.size() == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\r');
    if (separator) {
      GS_CHECK(flush());
      chunk.clear();
      chunk_line = line;
      l.replace(0, 3, "   ");  // what follows the marker on its line belongs to the new document
    }
    chunk += l + "\n";
    ++line;
    at = end + 1;
  }
  GS_CHECK(flush());
  return docs;
}

YAML::Node NodeAt(const YAML::Node& root, const KeyPath& path) {
  YAML::Node n;
  n.reset(root);  // Node::reset rebinds (operator= would overwrite the node referred to)
  for (const auto& key : path) {
    if (!n.IsMap() || !n[key]) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node child = n[key];
    n.reset(child);
  }
  return n;
}

std::string ScalarAt(const YAML::Node& root, const KeyPath& path) {
  const YAML::Node n = NodeAt(root, path);
  return n.IsDefined() && n.IsScalar() ? n.Scalar() : "";
}

Result<int> IntAt(const YAML::Node& root, const KeyPath& path, int fallback, const std::string& file) {
  const YAML::Node n = NodeAt(root, path);
  if (!n.IsDefined() || n.IsNull()) return fallback;
  const std::string s = n.IsScalar() ? n.Scalar() : "";
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  std::string name;
  for (const auto& k : path) name += (name.empty() ? "" : ".") + k;
  if (s.empty() || end != s.c_str() + s.size() || v < 0 || v > 1'000'000) {
    return FailAt(file, n.Mark().line + 1, n.Mark().column + 1, name, "expected a whole number from 0 to 1,000,000");
  }
  return static_cast<int>(v);
}

}  // namespace gpuscout
