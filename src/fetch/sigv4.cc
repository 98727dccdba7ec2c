#include "fetch/sigv4.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "fetch/hmac.h"

namespace gpuscout {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// Every header signed, lower-cased and sorted: host and x-amz-date first of all.
std::vector<std::pair<std::string, std::string>> SignedHeaderList(const SigV4Request& r) {
  std::vector<std::pair<std::string, std::string>> h = {{"host", r.host}, {"x-amz-date", r.amz_date}};
  for (const auto& [k, v] : r.headers) h.emplace_back(Lower(k), Trimmed(v));
  std::sort(h.begin(), h.end());
  return h;
}

std::string SignedHeaderNames(const SigV4Request& r) {
  std::string out;
  for (const auto& [k, v] : SignedHeaderList(r)) out += (out.empty() ? "" : ";") + k;
  return out;
}

std::string SortedQuery(const std::string& query) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= query.size() && !query.empty()) {
    const size_t amp = query.find('&', start);
    std::string p = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    if (p.find('=') == std::string::npos) p += '=';
    parts.push_back(std::move(p));
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "&") + p;
  return out;
}

std::string Scope(const SigV4Request& r) {
  return r.amz_date.substr(0, 8) + "/" + r.region + "/" + r.service + "/aws4_request";
}

}  // namespace

std::optional<AwsCredentials> AwsCredentialsFromEnvironment() {
  const char* id = std::getenv("AWS_ACCESS_KEY_ID");
  const char* secret = std::getenv("AWS_SECRET_ACCESS_KEY");
  if (!id || !*id || !secret || !*secret) return std::nullopt;
  const char* token = std::getenv("AWS_SESSION_TOKEN");
  return AwsCredentials{id, secret, token ? token : ""};
}

std::string CanonicalRequest(const SigV4Request& r) {
  std::string headers;
  for (const auto& [k, v] : SignedHeaderList(r)) headers += k + ":" + v + "\n";
  return r.method + "\n" + r.path + "\n" + SortedQuery(r.query) + "\n" + headers + "\n" + SignedHeaderNames(r) + "\n" +
         Sha256Hex(r.payload);
}

std::string StringToSign(const SigV4Request& r) {
  return "AWS4-HMAC-SHA256\n" + r.amz_date + "\n" + Scope(r) + "\n" + Sha256Hex(CanonicalRequest(r));
}

std::string SigV4Signature(const SigV4Request& r, const AwsCredentials& c) {
  const std::string date_key = HmacSha256("AWS4" + c.secret_access_key, r.amz_date.substr(0, 8));
  const std::string signing_key = HmacSha256(HmacSha256(HmacSha256(date_key, r.region), r.service), "aws4_request");
  return HexOf(HmacSha256(signing_key, StringToSign(r)));
}

std::vector<std::string> SigV4Headers(const SigV4Request& r, const AwsCredentials& c) {
  SigV4Request signed_request = r;
  if (!c.session_token.empty()) signed_request.headers.emplace_back("x-amz-security-token", c.session_token);
  std::vector<std::string> out = {
      "Authorization: AWS4-HMAC-SHA256 Credential=" + c.access_key_id + "/" + Scope(signed_request) +
          ", SignedHeaders=" + SignedHeaderNames(signed_request) + ", Signature=" + SigV4Signature(signed_request, c),
      "X-Amz-Date: " + r.amz_date};
  if (!c.session_token.empty()) out.push_back("X-Amz-Security-Token: " + c.session_token);
  return out;
}

std::string AmzDateNow() {
  return fmt::format("{:%Y%m%dT%H%M%SZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace gpuscout
