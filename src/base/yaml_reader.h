// Reading YAML files a user wrote (lint plans, scale fleets) with errors
// that name file:line:column and the key, and "did you mean" for a misspelt
// key.
#pragma once

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

#include "base/error.h"

namespace gpuscout {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  // Parses `text`; a syntax error names its line and column.
  Result<YAML::Node> Load(const std::string& text) const;

  tl::unexpected<Error> At(const YAML::Node& n, const std::string& field, const std::string& message) const;
  // What yaml-cpp threw while a reader walked the nodes (a subscript on a
  // scalar, a conversion of a list), at the node's line and column.
  tl::unexpected<Error> Thrown(const YAML::Exception& e) const;
  // Every key of `map` must be in `allowed`.
  Result<void> Keys(const YAML::Node& map, const std::string& where, const std::set<std::string>& allowed) const;
  Result<std::string> Text(const YAML::Node& n, const std::string& field) const;
  Result<double> Number(const YAML::Node& n, const std::string& field) const;
  // A number in [lo, hi].
  Result<double> Number(const YAML::Node& n, const std::string& field, double lo, double hi) const;
  // A whole number in [lo, hi] (both within int's range): 1.9 is refused,
  // not truncated.
  Result<int> Integer(const YAML::Node& n, const std::string& field, int lo, int hi) const;
  // A dotted version of numbers ("12.4", "550.54.15"): at most four parts of
  // at most six digits each, so that rules can compare them as numbers.
  Result<std::string> Version(const YAML::Node& n, const std::string& field) const;
  Result<bool> Bool(const YAML::Node& n, const std::string& field) const;
  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

}  // namespace gpuscout
