#include "refresh/vendor_fetch.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace gpuscout {

std::string FetchContext::Base(const std::string& official) const {
  std::string base = endpoint.empty() ? official : endpoint;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

Result<void> FetchContext::BeforeRequest(const std::string& url) const {
  if (std::chrono::steady_clock::now() < deadline) return {};
  return Fail(ExitCode::kEnvironment, "the refresh ran past its time allowance (--timeout) before " + url);
}

Error DataError(const std::string& url, const std::string& field, const std::string& message) {
  return Error{ExitCode::kBadInput, message, url, 0, 0, field, false, false};
}

Result<HttpResponse> GetCounted(const FetchContext& ctx, VendorPrices& out, const std::string& url, size_t max_bytes) {
  GS_CHECK(ctx.BeforeRequest(url));
  GS_TRY(response, ctx.http->Get(url, max_bytes));
  ++out.requests;
  out.bytes += response.body.size();
  return response;
}

Result<void> CheckRegionName(const std::string& region) {
  const bool ok = !region.empty() && region.size() <= 64 && std::all_of(region.begin(), region.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
  if (ok) return {};
  Error e;
  SetOption(e, "region");
  e.message = "not a region name: '" + region + "' (letters, digits and '-')";
  return tl::unexpected(e);
}

namespace {

std::string Origin(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return {};
  std::string scheme = url.substr(0, scheme_end);
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t start = scheme_end + 3;
  std::string authority = url.substr(start, url.find_first_of("/?#", start) - start);
  for (char& c : authority) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (authority.find('@') != std::string::npos) return {};  // no credentials in a followed link
  const auto colon = authority.rfind(':');
  if (colon == std::string::npos || authority.find(']', colon) != std::string::npos) {
    authority += scheme == "https" ? ":443" : scheme == "http" ? ":80" : "";
  }
  return scheme + "://" + authority;
}

}  // namespace

bool SameOrigin(const std::string& a, const std::string& b) {
  const std::string oa = Origin(a);
  return !oa.empty() && oa == Origin(b);
}

std::string UrlEncode(const std::string& text) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace gpuscout
