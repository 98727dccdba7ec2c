#include "server/upload.h"

#include <httplib.h>

#include <chrono>
#include <random>
#include <thread>

#include "codec/json_text.h"

namespace gpuscout {
namespace {

// cpp-httplib names its errors in one word ("Connection"); a user needs the
// sentence.
std::string ClientFailure(httplib::Error e) {
  switch (e) {
    case httplib::Error::Connection: return "the connection was refused or the host is unreachable";
    case httplib::Error::ConnectionTimeout: return "the connection timed out";
    case httplib::Error::BindIPAddress: return "the local address could not be bound";
    case httplib::Error::Read: return "the server closed the connection or sent nothing readable";
    case httplib::Error::Write: return "the request could not be sent (connection lost)";
    case httplib::Error::SSLConnection: return "the TLS handshake failed";
    case httplib::Error::SSLLoadingCerts: return "the system's CA certificates could not be loaded";
    case httplib::Error::SSLServerVerification: return "the server's TLS certificate did not verify";
    case httplib::Error::Canceled: return "the request was cancelled";
    case httplib::Error::ExceedRedirectCount: return "too many redirects";
    case httplib::Error::Compression: return "the answer's compression could not be decoded";
    default: return "the request failed (" + httplib::to_string(e) + ")";
  }
}


// 128 random bits in hex: the key that makes a retried upload safe.
std::string NewIdempotencyKey() {
  std::random_device rd;
  std::string key = "probe-";
  for (int i = 0; i < 4; ++i) {
    char part[9];
    std::snprintf(part, sizeof part, "%08x", rd());
    key += part;
  }
  return key;
}

Error Refused(const httplib::Response& res) {
  std::string msg = "the server refused the report (" + std::to_string(res.status) + ")";
  auto body = ParseJson(res.body, "response");
  if (body && body->is_object() && body->contains("error") && (*body)["error"].is_object()) {
    const auto& e = (*body)["error"];
    if (e.contains("field") && e["field"].is_string()) msg += ": " + e["field"].get<std::string>();
    if (e.contains("message") && e["message"].is_string()) msg += ": " + e["message"].get<std::string>();
  }
  Error err;
  err.code = res.status == 401 ? ExitCode::kBadInput : ExitCode::kEnvironment;
  err.message = msg;
  return err;
}

}  // namespace

Result<int64_t> UploadProbeReport(const std::string& url, const std::string& token, const nlohmann::json& report) {
  // scheme://host[:port][/path]
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return tl::unexpected(OptionError("upload", "expected http://HOST:PORT, got '" + url + "'"));
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
  // The same key on every attempt: if an acknowledgement is lost, the retry
  // gets the first upload's id instead of storing the report twice.
  headers.emplace("Idempotency-Key", NewIdempotencyKey());
  const std::string body = JsonText(report);
  httplib::Result res{nullptr, httplib::Error::Unknown};
  for (int attempt = 0; attempt < kUploadAttempts; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::seconds(1 << (attempt - 1)));
    res = client.Post(path, headers, body, "application/json");
    if (res && res->status < 500) break;  // answered: a refusal is not retried
  }
  if (!res) {
    return Fail(ExitCode::kEnvironment, "cannot reach " + base + " (" + std::to_string(kUploadAttempts) + " attempts): " +
                                            ClientFailure(res.error()));
  }
  if (res->status != 201 && res->status != 200) return tl::unexpected(Refused(*res));
  auto answer = ParseJson(res->body, "response");
  if (!answer || !answer->is_object() || !answer->contains("id") || !(*answer)["id"].is_number_integer()) {
    return Fail(ExitCode::kEnvironment, "the server answered without a report id");
  }
  return (*answer)["id"].get<int64_t>();
}

}  // namespace gpuscout
