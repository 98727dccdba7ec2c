// A workload written in YAML (a lint plan's `workload:`, a scale pool's
// `model:`): every key of the field table (workload/request_fields.h), read
// and checked by its row, errors at file:line:column naming `where.key`.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "base/yaml_reader.h"
#include "workload/estimate.h"

namespace gpuscout {

// Where each key was written: line and column (1-based), by neutral name.
using FieldMarks = std::map<std::string, std::pair<int, int>>;

Result<EstimateRequest> ReadWorkloadYaml(const YamlReader& rd, const YAML::Node& map, const std::string& where,
                                         FieldMarks* marks = nullptr);

// An error of Estimator::Resolve about a request read from YAML, placed at
// the key it names (or at `fallback_line`), with the field as `where.key`.
Error PlaceWorkloadError(Error e, const std::string& file, const std::string& where, const FieldMarks& marks,
                         int fallback_line);

}  // namespace gpuscout
