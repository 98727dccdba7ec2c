#include "fetch/acs3.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <openssl/rand.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "fetch/hmac.h"

namespace gpuscout {
namespace {

// The signed headers, lower-case and sorted by name: every x-acs-* header and
// the host (the request has no body, so no content-type).
std::vector<std::pair<std::string, std::string>> SignedHeaders(const Acs3Request& r, const AlibabaCredentials& c) {
  std::vector<std::pair<std::string, std::string>> h = {
      {"host", r.host},
      {"x-acs-action", r.action},
      {"x-acs-content-sha256", Sha256Hex(r.payload)},
      {"x-acs-date", r.date},
      {"x-acs-signature-nonce", r.nonce},
      {"x-acs-version", r.version}};
  if (!c.security_token.empty()) h.emplace_back("x-acs-security-token", c.security_token);
  std::sort(h.begin(), h.end());
  return h;
}

std::string SignedHeaderNames(const Acs3Request& r, const AlibabaCredentials& c) {
  std::string out;
  for (const auto& [k, v] : SignedHeaders(r, c)) out += (out.empty() ? "" : ";") + k;
  return out;
}

}  // namespace

std::optional<AlibabaCredentials> AlibabaCredentialsFromEnvironment() {
  const char* id = std::getenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
  const char* secret = std::getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
  if (!id || !*id || !secret || !*secret) return std::nullopt;
  const char* token = std::getenv("ALIBABA_CLOUD_SECURITY_TOKEN");
  return AlibabaCredentials{id, secret, token ? token : ""};
}

std::string Acs3CanonicalQuery(const Acs3Request& r) {
  std::vector<std::pair<std::string, std::string>> q;
  for (const auto& [k, v] : r.query) q.emplace_back(PercentEncode(k), PercentEncode(v));
  std::sort(q.begin(), q.end());
  std::string out;
  for (const auto& [k, v] : q) out += (out.empty() ? "" : "&") + k + "=" + v;
  return out;
}

std::string Acs3CanonicalRequest(const Acs3Request& r, const AlibabaCredentials& c) {
  std::string headers;
  for (const auto& [k, v] : SignedHeaders(r, c)) headers += k + ":" + v + "\n";
  return r.method + "\n/\n" + Acs3CanonicalQuery(r) + "\n" + headers + "\n" + SignedHeaderNames(r, c) + "\n" +
         Sha256Hex(r.payload);
}

std::string Acs3StringToSign(const Acs3Request& r, const AlibabaCredentials& c) {
  return "ACS3-HMAC-SHA256\n" + Sha256Hex(Acs3CanonicalRequest(r, c));
}

std::string Acs3Signature(const Acs3Request& r, const AlibabaCredentials& c) {
  return HexOf(HmacSha256(c.access_key_secret, Acs3StringToSign(r, c)));
}

std::string Acs3Authorization(const Acs3Request& r, const AlibabaCredentials& c) {
  return "ACS3-HMAC-SHA256 Credential=" + c.access_key_id + ",SignedHeaders=" + SignedHeaderNames(r, c) +
         ",Signature=" + Acs3Signature(r, c);
}

std::vector<std::string> Acs3Headers(const Acs3Request& r, const AlibabaCredentials& c) {
  std::vector<std::string> out = {"Authorization: " + Acs3Authorization(r, c)};
  for (const auto& [k, v] : SignedHeaders(r, c)) {
    if (k != "host") out.push_back(k + ": " + v);
  }
  return out;
}

std::string Acs3DateNow() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::string Acs3Nonce() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // No entropy from OpenSSL: the clock still makes it unique per request.
    return fmt::format("{:032x}", std::chrono::steady_clock::now().time_since_epoch().count());
  }
  return HexOf(std::string(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

}  // namespace gpuscout
