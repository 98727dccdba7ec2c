// `gpuscout probe --upload URL`: posts a probe report to a gpuscout server.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "base/error.h"

namespace gpuscout {

// `url`: http://HOST:PORT (the path /v1/probe-reports is added) or the full
// endpoint. Returns the stored report's id. A failed connection or a 5xx is
// retried (1 s, 2 s) with the same Idempotency-Key, so the report is stored
// once. Errors: exit 3 when the server cannot be reached, the server's
// message when it refuses the report.
inline constexpr int kUploadAttempts = 3;
Result<int64_t> UploadProbeReport(const std::string& url, const std::string& token, const nlohmann::json& report);

}  // namespace gpuscout
