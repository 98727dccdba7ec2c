// What every vendor's fetch is given, and the helpers they share.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "base/error.h"
#include "catalog/catalog.h"
#include "fetch/http_client.h"
#include "refresh/fetched_price.h"

namespace gpuscout {

// How far a vendor's fetch has got, for a progress bar.
struct FetchProgress {
  std::string vendor;
  size_t requests = 0;  // pages or files fetched
  size_t bytes = 0;
  size_t rows = 0;      // prices kept so far
  size_t regions_done = 0;
  size_t regions = 0;
};

struct FetchContext {
  const HttpClient* http = nullptr;
  std::string endpoint;              // replaces the API's base URL (tests: http://127.0.0.1:PORT)
  std::vector<std::string> regions;  // the regions to fetch (the caller fills the default)
  std::function<void(const FetchProgress&)> progress;  // may be empty
  const Catalog* catalog = nullptr;  // the instance types a marketplace's prices are matched to
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();  // the whole refresh's

  // Before each request: an error (exit 3) once the refresh is past its deadline.
  Result<void> BeforeRequest(const std::string& url) const;

  // `endpoint` if given, else `official`; without a trailing slash.
  std::string Base(const std::string& official) const;
  void Report(const FetchProgress& p) const {
    if (progress) progress(p);
  }
};

// Malformed data in an answer (exit 2), naming the URL and the field.
Error DataError(const std::string& url, const std::string& field, const std::string& message);

// One GET of `url` counted in `out` (requests, bytes), after the deadline check.
Result<HttpResponse> GetCounted(const FetchContext& ctx, VendorPrices& out, const std::string& url, size_t max_bytes);

// A region name safe to put in a URL path or query: letters, digits, '-'.
Result<void> CheckRegionName(const std::string& region);

// Whether two URLs have the same scheme, host and port (a port left out is
// the scheme's default: https://h:443/x and https://h/y are the same origin).
bool SameOrigin(const std::string& a, const std::string& b);

// `text` with every byte outside unreserved characters %-encoded (RFC 3986).
std::string UrlEncode(const std::string& text);

}  // namespace gpuscout
