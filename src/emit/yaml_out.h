// Writing and reading the emitted files with yaml-cpp: a header comment, the
// document(s), errors that name the file and the key.
#pragma once

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "base/error.h"

namespace gpuscout {

// A document as the emitters build it: typed values in the order written.
using Doc = nlohmann::ordered_json;

// "# line\n" for each header line, then the documents separated by "---".
// A string that YAML would read as another type ("40", "true", "") is
// quoted, so that a Kubernetes annotation or a KEDA threshold stays a string.
std::string EmitYaml(const std::vector<std::string>& header, const std::vector<Doc>& docs);

// Every document of `text`; a syntax error names its line.
Result<std::vector<YAML::Node>> LoadYamlDocuments(const std::string& text, const std::string& file);

using KeyPath = std::vector<std::string>;
// The node at `path` (one key per step; keys may hold dots, as labels do),
// or an undefined node when a step is missing or not a mapping.
YAML::Node NodeAt(const YAML::Node& root, const KeyPath& path);
// The scalar there, or "" when absent.
std::string ScalarAt(const YAML::Node& root, const KeyPath& path);
// The same as an integer; `fallback` when absent, an error naming the key
// when not a whole number from 0 to 1,000,000.
Result<int> IntAt(const YAML::Node& root, const KeyPath& path, int fallback, const std::string& file);

}  // namespace gpuscout
