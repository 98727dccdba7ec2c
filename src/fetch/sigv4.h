// AWS Signature Version 4 for a GET of the EC2 Query API: the canonical
// request, the string to sign, the derived signing key and the headers that
// carry the signature.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fetch/hmac.h"

namespace gpuscout {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // temporary credentials; empty otherwise
};

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) from the
// environment; nullopt when either of the first two is missing.
std::optional<AwsCredentials> AwsCredentialsFromEnvironment();

struct SigV4Request {
  std::string method = "GET";
  std::string host;                // "ec2.us-east-1.amazonaws.com" (with ":port" when not the default)
  std::string path = "/";          // already URI-encoded
  std::string query;               // already encoded, any order (it is sorted for signing)
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers to sign (name, value)
  std::string payload;             // the body (empty for a GET)
  std::string amz_date;            // YYYYMMDDTHHMMSSZ
  std::string region;
  std::string service;             // "ec2"
};

// The parts, exposed for the published examples' intermediate values.
std::string CanonicalRequest(const SigV4Request& r);
std::string StringToSign(const SigV4Request& r);
std::string SigV4Signature(const SigV4Request& r, const AwsCredentials& c);

// The headers to send: Authorization, X-Amz-Date, X-Amz-Security-Token
// (with temporary credentials), as "Name: value" lines.
std::vector<std::string> SigV4Headers(const SigV4Request& r, const AwsCredentials& c);

// YYYYMMDDTHHMMSSZ for now (UTC).
std::string AmzDateNow();

}  // namespace gpuscout
