#include "fetch/tc3.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

#include "fetch/hmac.h"

namespace gpuscout {
namespace {

constexpr const char* kSignedHeaders = "content-type;host";

std::string UtcDate(int64_t timestamp) {
  const std::chrono::sys_seconds t{std::chrono::seconds(timestamp)};
  return fmt::format("{:%Y-%m-%d}", t);
}

std::string Scope(const Tc3Request& r) { return UtcDate(r.timestamp) + "/" + r.service + "/tc3_request"; }

}  // namespace

std::optional<TencentCredentials> TencentCredentialsFromEnvironment() {
  const char* id = std::getenv("TENCENTCLOUD_SECRET_ID");
  const char* key = std::getenv("TENCENTCLOUD_SECRET_KEY");
  if (!id || !*id || !key || !*key) return std::nullopt;
  const char* token = std::getenv("TENCENTCLOUD_SESSION_TOKEN");
  return TencentCredentials{id, key, token ? token : ""};
}

std::string Tc3CanonicalRequest(const Tc3Request& r) {
  return "POST\n/\n\ncontent-type:" + r.content_type + "\nhost:" + r.host + "\n\n" + kSignedHeaders + "\n" +
         Sha256Hex(r.payload);
}

std::string Tc3StringToSign(const Tc3Request& r) {
  return "TC3-HMAC-SHA256\n" + std::to_string(r.timestamp) + "\n" + Scope(r) + "\n" +
         Sha256Hex(Tc3CanonicalRequest(r));
}

std::string Tc3Signature(const Tc3Request& r, const std::string& secret_key) {
  const std::string date_key = HmacSha256("TC3" + secret_key, UtcDate(r.timestamp));
  const std::string signing_key = HmacSha256(HmacSha256(date_key, r.service), "tc3_request");
  return HexOf(HmacSha256(signing_key, Tc3StringToSign(r)));
}

std::string Tc3Authorization(const Tc3Request& r, const TencentCredentials& c) {
  return "TC3-HMAC-SHA256 Credential=" + c.secret_id + "/" + Scope(r) + ", SignedHeaders=" + kSignedHeaders +
         ", Signature=" + Tc3Signature(r, c.secret_key);
}

std::vector<std::string> Tc3Headers(const Tc3Request& r, const TencentCredentials& c, const std::string& action,
                                    const std::string& version, const std::string& region) {
  std::vector<std::string> out = {"Authorization: " + Tc3Authorization(r, c), "Content-Type: " + r.content_type,
                                  "X-TC-Action: " + action, "X-TC-Timestamp: " + std::to_string(r.timestamp),
                                  "X-TC-Version: " + version};
  if (!region.empty()) out.push_back("X-TC-Region: " + region);
  if (!c.token.empty()) out.push_back("X-TC-Token: " + c.token);
  return out;
}

}  // namespace gpuscout
