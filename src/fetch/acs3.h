// Alibaba Cloud OpenAPI request signing, ACS3-HMAC-SHA256 (the "V3" request
// structure): the canonical request over the host and x-acs-* headers, the
// string to sign, and the Authorization header.
// https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gpuscout {

struct AlibabaCredentials {
  std::string access_key_id;
  std::string access_key_secret;
  std::string security_token;  // STS credentials; empty otherwise
};

// ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and
// ALIBABA_CLOUD_SECURITY_TOKEN) from the environment; nullopt when either of
// the first two is missing.
std::optional<AlibabaCredentials> AlibabaCredentialsFromEnvironment();

// An RPC-style call: its parameters in the query, an empty body.
struct Acs3Request {
  std::string method = "POST";
  std::string host;     // "ecs.cn-shanghai.aliyuncs.com" (with ":port" when not the default)
  std::string action;   // "DescribePrice"
  std::string version;  // "2014-05-26"
  std::vector<std::pair<std::string, std::string>> query;  // raw names and values, any order
  std::string payload;
  std::string date;   // yyyy-MM-ddTHH:mm:ssZ (UTC)
  std::string nonce;  // unique per request
};

// The query as sent and signed: sorted by name, names and values
// RFC 3986-encoded.
std::string Acs3CanonicalQuery(const Acs3Request& r);
std::string Acs3CanonicalRequest(const Acs3Request& r, const AlibabaCredentials& c);
std::string Acs3StringToSign(const Acs3Request& r, const AlibabaCredentials& c);
std::string Acs3Signature(const Acs3Request& r, const AlibabaCredentials& c);
std::string Acs3Authorization(const Acs3Request& r, const AlibabaCredentials& c);
// Every header of the call as "Name: value" lines, Authorization first.
std::vector<std::string> Acs3Headers(const Acs3Request& r, const AlibabaCredentials& c);

// yyyy-MM-ddTHH:mm:ssZ for now, and a fresh random nonce (32 hex digits).
std::string Acs3DateNow();
std::string Acs3Nonce();

}  // namespace gpuscout
