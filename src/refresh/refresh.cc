#include "refresh/refresh.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "base/strings.h"
#include "refresh/alibaba.h"
#include "refresh/aws.h"
#include "refresh/azure.h"
#include "refresh/gcp.h"
#include "refresh/join.h"
#include "refresh/lambda.h"
#include "refresh/oci.h"
#include "refresh/runpod.h"
#include "refresh/store.h"
#include "refresh/tencent.h"
#include "refresh/vast.h"

namespace gpuscout {
namespace {

using Fetcher = Result<VendorPrices> (*)(const FetchContext&);

// Every refreshable vendor: its fetch, the environment variables its API
// needs (none for the public ones), and the regions to fetch when the
// catalog has none of its own (Tencent's snapshot prices "cn-mainland").
struct VendorApi {
  const char* name;
  Fetcher fetch;
  std::vector<std::string> keys;
  std::vector<std::string> optional_keys = {};  // temporary-credential tokens; AWS's spot keys
  const std::vector<std::string>& (*api_regions)() = nullptr;
};

const std::vector<VendorApi>& VendorApis() {
  static const std::vector<VendorApi> kApis = {
      {"alibaba", FetchAlibaba, {"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"},
       {"ALIBABA_CLOUD_SECURITY_TOKEN"}},
      {"aws", FetchAws, {}, {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}},
      {"azure", FetchAzure, {}},
      {"gcp", FetchGcp, {"GOOGLE_API_KEY"}},
      {"lambda", FetchLambda, {"LAMBDA_API_KEY"}},
      {"oci", FetchOci, {}},
      {"runpod", FetchRunPod, {"RUNPOD_API_KEY"}},
      {"tencent", FetchTencent, {"TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"}, {"TENCENTCLOUD_SESSION_TOKEN"},
       TencentRegions},
      {"vast", FetchVast, {}}};
  return kApis;
}

const VendorApi* ApiOf(const std::string& vendor) {
  for (const VendorApi& a : VendorApis()) {
    if (vendor == a.name) return &a;
  }
  return nullptr;
}

Fetcher FetcherOf(const std::string& vendor) {
  const VendorApi* api = ApiOf(vendor);
  return api ? api->fetch : nullptr;
}

// The regions a refresh of `vendor` covers by default: those the catalog
// lists, or, for a vendor whose snapshot has no real regions (Tencent's list
// prices are for "cn-mainland"), the regions its API answers for.
std::set<std::string> CatalogRegions(const Catalog& base, const std::string& vendor) {
  if (const VendorApi* api = ApiOf(vendor); api && api->api_regions) {
    return {api->api_regions().begin(), api->api_regions().end()};
  }
  std::set<std::string> out;
  for (const Offer& o : base.offers()) {
    if (o.vendor == vendor) out.insert(o.region);
  }
  return out;
}

// The regions to fetch for `vendor`: those asked for (with several vendors,
// only the ones the catalog lists for this one), else all the catalog lists.
std::vector<std::string> RegionsFor(const RefreshOptions& o, const Catalog& base, const std::string& vendor,
                                    size_t vendors) {
  const std::set<std::string> known = CatalogRegions(base, vendor);
  if (o.regions.empty()) return {known.begin(), known.end()};
  std::vector<std::string> out;
  for (const std::string& r : o.regions) {
    if (vendors == 1 || known.count(r)) out.push_back(r);
  }
  return out;
}

// Fetch, join, store: any failure leaves the vendor's stored prices as they were.
void RefreshVendor(const std::string& vendor, const FetchContext& ctx, const RefreshOptions& o, const Catalog& base,
                   VendorRefresh& out) {
  auto fetched = FetcherOf(vendor)(ctx);
  if (!fetched) {
    out.error = fetched.error();
    return;
  }
  out.api = fetched->api;
  out.prices = fetched->prices.size();
  out.requests = fetched->requests;
  out.bytes = fetched->bytes;
  out.notes = fetched->notes;
  JoinedPrices joined = JoinPrices(*fetched, base, true);
  out.unknown_types = std::move(joined.unknown_types);
  out.spot_kept = joined.spot_kept;
  if (joined.offers.empty()) {
    out.error = Error{ExitCode::kBadInput, "the answers priced none of the instance types the catalog knows for " +
                                               vendor + "; nothing was stored", out.api, 0, 0, "", false, false};
    return;
  }
  const std::string text = RefreshFileText(joined.offers, o.fetched_at, out.api + " fetched " + o.fetched_at);
  auto stored = StoreRefresh(vendor, text, o.dir, base, o.dry_run);
  if (!stored) {
    out.error = stored.error();
    return;
  }
  out.target = *stored;
  out.offers = joined.offers.size();
  if (o.history && !o.dry_run) {
    auto added = o.history->Record(joined.offers, o.fetched_at, "refresh: " + out.api);
    if (added) out.history_points = *added;
    else out.notes.push_back(Message("refresh.note.history").With("error", Verbatim(added.error().message)));
  }
}

// Whether the environment holds the key `vendor`'s API needs (true for the
// vendors whose price APIs are public).
bool KeySet(const std::string& vendor) {
  for (const std::string& name : KeyVariables(vendor)) {
    const char* v = std::getenv(name.c_str());
    if (!v || !*v) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> KeyVariables(const std::string& vendor) {
  const VendorApi* api = ApiOf(vendor);
  return api ? api->keys : std::vector<std::string>{};
}

const std::vector<std::string>& CredentialVariables() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> out;
    for (const VendorApi& a : VendorApis()) {
      out.insert(out.end(), a.keys.begin(), a.keys.end());
      out.insert(out.end(), a.optional_keys.begin(), a.optional_keys.end());
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return kNames;
}

const std::vector<std::string>& RefreshableVendors() {
  static const std::vector<std::string> kVendors = [] {
    std::vector<std::string> out;
    for (const VendorApi& a : VendorApis()) out.emplace_back(a.name);
    return out;
  }();
  return kVendors;
}

Result<std::vector<VendorRefresh>> RunRefresh(const RefreshOptions& options, const Catalog& base,
                                              const HttpClient& http,
                                              const std::function<void(const FetchProgress&)>& progress) {
  std::vector<std::string> vendors;
  for (const std::string& v : options.vendors.empty() ? RefreshableVendors() : options.vendors) {
    const std::string lower = ToLower(v);
    if (!FetcherOf(lower)) {
      Error e;
      SetOption(e, "vendor");
      e.message = "no price API to refresh '" + v + "' from; refreshable: " + Join(RefreshableVendors(), ", ");
      return tl::unexpected(e);
    }
    if (std::find(vendors.begin(), vendors.end(), lower) == vendors.end()) vendors.push_back(lower);
  }
  for (const std::string& r : options.regions) GS_CHECK(CheckRegionName(r));
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(options.timeout_s));
  std::vector<VendorRefresh> outcomes;
  for (const std::string& vendor : vendors) {
    VendorRefresh out;
    out.vendor = vendor;
    FetchContext ctx{&http, options.endpoint, RegionsFor(options, base, vendor, vendors.size()), progress, &base, deadline};
    const bool needs_key = !KeySet(vendor);
    if (ctx.regions.empty() && vendors.size() > 1) {
      out.skipped = true;  // --region names other vendors' regions
      out.skip_key = "refresh.skipped";
    } else if (options.vendors.empty() && needs_key) {
      out.skipped = true;  // not asked for by name, and its API wants a key the user has not set
      out.skip_key = "refresh.needs_key";
    } else if (ctx.regions.empty()) {
      out.error = Error{ExitCode::kBadInput, "none of the regions asked for is one of " + vendor + "'s", "", 0, 0, "region", false, false};
    } else {
      RefreshVendor(vendor, ctx, options, base, out);
    }
    outcomes.push_back(std::move(out));
  }
  return outcomes;
}

int RefreshExitCode(const std::vector<VendorRefresh>& outcomes) {
  int code = 0;
  for (const VendorRefresh& o : outcomes) {
    if (!o.error) continue;
    if (o.error->code == ExitCode::kEnvironment) return static_cast<int>(ExitCode::kEnvironment);
    code = static_cast<int>(o.error->code);
  }
  return code;
}

}  // namespace gpuscout
