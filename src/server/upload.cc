#include "server/upload.h"

#include <httplib.h>

namespace gpuscout {

Result<int64_t> UploadProbeReport(const std::string& url, const std::string& token, const nlohmann::json& report) {
  // scheme://host[:port][/path]
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return tl::unexpected(OptionError("--upload", "expected http://HOST:PORT, got '" + url + "'"));
  }
  const auto path_start = url.find('/', scheme_end + 3);
  const std::string base = url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "" : url.substr(path_start);
  if (path.empty() || path == "/") path = "/v1/probe-reports";
  httplib::Client client(base);
  client.set_connection_timeout(10, 0);
  client.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  auto res = client.Post(path, headers, report.dump(), "application/json");
  if (!res) {
    return Fail(ExitCode::kEnvironment, "cannot reach " + base + ": " + httplib::to_string(res.error()));
  }
  auto body = nlohmann::json::parse(res->body, nullptr, false);
  if (res->status != 201 && res->status != 200) {
    std::string msg = "the server refused the report (" + std::to_string(res->status) + ")";
    if (body.is_object() && body.contains("error")) {
      const auto& e = body["error"];
      if (e.contains("field") && e["field"].is_string()) msg += ": " + e["field"].get<std::string>();
      if (e.contains("message") && e["message"].is_string()) msg += ": " + e["message"].get<std::string>();
    }
    return Fail(res->status == 401 ? ExitCode::kBadInput : ExitCode::kEnvironment, msg);
  }
  if (!body.is_object() || !body.contains("id") || !body["id"].is_number_integer()) {
    return Fail(ExitCode::kEnvironment, "the server answered without a report id");
  }
  return body["id"].get<int64_t>();
}

}  // namespace gpuscout
