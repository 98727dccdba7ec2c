// The fields of a workload request, once: name, type, unit, range, default,
// help and the EstimateRequest member each is stored in. The CLI registers
// its options from this table (cli/workload_options.cc), the JSON reader
// (codec/request_json.cc) and the YAML reader (workload/request_yaml.cc)
// validate from it, and Estimator::Resolve checks every number against it.
// Adding a field is one row in request_fields.cc.
//
// Names are neutral: `micro_batch`. Each front end renders them its own way:
// `--micro-batch` on the command line, `workload.micro_batch` with
// file:line:column in a plan, the JSON path over HTTP.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "workload/estimate.h"

namespace gpuscout {

enum class FieldType { kText, kInteger, kNumber };

// Which requests carry a field: every workload, or only a request that names
// its own hardware (estimate: `gpu`, `offer`, `gpus`, `nodes`; plans and
// recommend take the hardware from offers).
enum class FieldScope { kWorkload, kHardware };

struct RequestField {
  using Member = std::variant<std::string EstimateRequest::*, std::optional<int> EstimateRequest::*,
                              std::optional<double> EstimateRequest::*>;
  std::string_view name;
  FieldType type;
  std::string_view unit;           // "" for counts and names
  double lo = 0, hi = 0;           // numbers: the accepted range, both ends included
  std::string_view default_value;  // "" when there is none or it depends on other fields
  std::string_view help;
  Member member;
  FieldScope scope = FieldScope::kWorkload;
  std::string_view alias = {};     // a second name plans accept (`params_b`)
  std::string_view keyword = {};   // a word accepted for 0 (`max` for concurrency)
};

std::span<const RequestField> RequestFields();
// By name or alias; nullptr when unknown.
const RequestField* FindRequestField(std::string_view name);

// Why `value` is not acceptable for `field` (range, whole number); nullopt
// when it is.
std::optional<std::string> CheckValue(const RequestField& field, double value);
// Every number set in `r` checked against its row; the error names the field.
Result<void> CheckRequestRanges(const EstimateRequest& r);

// `--micro-batch` for `micro_batch`.
std::string OptionName(std::string_view field);

}  // namespace gpuscout
