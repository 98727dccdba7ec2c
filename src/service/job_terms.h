// The whole-job options as a user gives them (--disk-gb, --egress-gb,
// --discount, and the discounts.yaml in the data folder), checked.
#pragma once

#include <optional>
#include <string>

#include "base/env.h"
#include "base/error.h"
#include "cost/job_cost.h"

namespace gpuscout {

struct JobTermArgs {
  std::optional<double> disk_gb, egress_gb;
  std::string discount;  // VENDOR[:OPTION]=PCT[,...]
};

// Errors name the option (disk_gb, egress_gb, discount) or the file and line
// of <data folder>/discounts.yaml; the option's entries win over the file's.
Result<JobTerms> ReadJobTerms(const JobTermArgs& a, const Env& env = Env::System());

}  // namespace gpuscout
