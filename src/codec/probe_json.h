// The probe report as JSON, schema "gpuscout.probe/1" (docs/probe.md).
#pragma once

#include <nlohmann/json.hpp>

#include "probe/report.h"

namespace gpuscout {

nlohmann::json ProbeReportToJson(const probe::ProbeReport& report);

}  // namespace gpuscout
