// Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256: the canonical
// request, the string to sign, the key derived from the date and the
// service, and the headers that carry the signature.
// https://www.tencentcloud.com/document/product/213/33224 ("Signature v3")
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gpuscout {

struct TencentCredentials {
  std::string secret_id;
  std::string secret_key;
  std::string token;  // temporary credentials; empty otherwise
};

// TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and
// TENCENTCLOUD_SESSION_TOKEN) from the environment; nullopt when either of the
// first two is missing.
std::optional<TencentCredentials> TencentCredentialsFromEnvironment();

// One POST of a JSON body to a product's endpoint (API 3.0 signs POSTs with
// an empty query and the content-type and host headers).
struct Tc3Request {
  std::string host;     // "cvm.tencentcloudapi.com" (with ":port" when not the default)
  std::string service;  // "cvm": the first label of the official host
  std::string content_type = "application/json; charset=utf-8";
  std::string payload;
  int64_t timestamp = 0;  // Unix seconds; its UTC date scopes the key
};

std::string Tc3CanonicalRequest(const Tc3Request& r);
std::string Tc3StringToSign(const Tc3Request& r);
std::string Tc3Signature(const Tc3Request& r, const std::string& secret_key);
// "TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=content-type;host, Signature=..."
std::string Tc3Authorization(const Tc3Request& r, const TencentCredentials& c);

// Every header of the call, as "Name: value" lines: Authorization,
// Content-Type, X-TC-Action, X-TC-Timestamp, X-TC-Version, X-TC-Region
// (when the API is regional) and X-TC-Token (temporary credentials).
std::vector<std::string> Tc3Headers(const Tc3Request& r, const TencentCredentials& c, const std::string& action,
                                    const std::string& version, const std::string& region);

}  // namespace gpuscout
