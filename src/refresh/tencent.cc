#include "refresh/tencent.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "base/strings.h"
#include "fetch/tc3.h"
#include "refresh/json_fields.h"

namespace gpuscout {
namespace {

constexpr const char* kCharges[] = {"POSTPAID_BY_HOUR", "SPOTPAID", "PREPAID"};
// The API's documented limit is 40 requests a second; stay under it.
constexpr auto kRequestGap = std::chrono::milliseconds(30);
constexpr int kThrottleRetries = 3;

// The vendor's Error object: auth failures and a skewed clock are the
// environment's (exit 3, never retried); the rest are the answer's (exit 2).
Error TencentError(const nlohmann::json& e, const std::string& request_id, const std::string& url) {
  const std::string code = TextOf(e, "Code");
  const std::string message = TextOf(e, "Message");
  const std::string id = request_id.empty() ? "" : " (request id " + request_id + ")";
  Error out = DataError(url, "Response.Error", "Tencent Cloud answered " + code + ": " + message + id);
  if (code.rfind("AuthFailure", 0) == 0) {
    out.code = ExitCode::kEnvironment;
    out.message = code == "AuthFailure.SignatureExpire"
                      ? "Tencent Cloud rejected the request's timestamp as too far from its clock (" + code +
                            "): set this machine's clock right" + id
                      : "signature rejected by Tencent Cloud (" + code + ": " + message +
                            "): check TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY" + id;
  }
  return out;
}

Result<double> PriceField(const nlohmann::json& price, const char* field, const std::string& url, const std::string& at) {
  auto it = price.find(field);
  if (it == price.end() || it->is_null()) return 0.0;
  if (!it->is_number()) return tl::unexpected(DataError(url, at + ".Price." + field, "not a number"));
  return it->get<double>();
}

// The price of one item for its billing mode: the discounted figure where
// the API gives one, the list figure otherwise.
Result<std::optional<double>> ItemPrice(const nlohmann::json& item, const std::string& charge, const std::string& url,
                                        const std::string& at) {
  auto p = item.find("Price");
  if (p == item.end() || !p->is_object()) return tl::unexpected(DataError(url, at + ".Price", "missing or not an object"));
  const bool monthly = charge == "PREPAID";
  GS_TRY(list, PriceField(*p, monthly ? "OriginalPrice" : "UnitPrice", url, at));
  GS_TRY(discounted, PriceField(*p, monthly ? "DiscountPrice" : "UnitPriceDiscount", url, at));
  const double v = discounted > 0 ? discounted : list;
  return v > 0 ? std::optional(v) : std::nullopt;
}

Result<double> Number(const nlohmann::json& item, const char* field, const std::string& url, const std::string& at) {
  auto it = item.find(field);
  if (it == item.end() || !it->is_number()) return tl::unexpected(DataError(url, at + "." + field, "missing or not a number"));
  return it->get<double>();
}

Result<std::string> Text(const nlohmann::json& item, const char* field, const std::string& url, const std::string& at) {
  auto it = item.find(field);
  if (it == item.end() || !it->is_string()) return tl::unexpected(DataError(url, at + "." + field, "missing or not a string"));
  return it->get<std::string>();
}

// One InstanceTypeQuotaSet item, or nothing when it has no GPU.
Result<std::optional<FetchedPrice>> ReadItem(const nlohmann::json& item, const std::string& url, const std::string& at,
                                             const std::string& region, const std::string& charge,
                                             const VendorFamilies& families, const GpuTable& gpus_table,
                                             std::vector<std::string>& unmapped) {
  if (!item.is_object()) return tl::unexpected(DataError(url, at, "not an object"));
  GS_TRY(gpus, Number(item, "GpuCount", url, at));
  if (gpus <= 0) return std::optional<FetchedPrice>();
  GS_TRY(type, Text(item, "InstanceType", url, at));
  GS_TRY(zone, Text(item, "Zone", url, at));
  GS_TRY(family, Text(item, "InstanceFamily", url, at));
  GS_TRY(status, Text(item, "Status", url, at));
  GS_TRY(cpus, Number(item, "Cpu", url, at));
  GS_TRY(memory, Number(item, "Memory", url, at));
  GS_TRY(price, ItemPrice(item, charge, url, at));
  const GpuSpec* gpu = families.GpuOf("tencent", family, gpus_table);
  if (!gpu) {
    unmapped.push_back(fmt::format("{} (family {}, {} GPUs)", type, family, gpus));
    return std::optional<FetchedPrice>();
  }
  FetchedPrice p;
  p.instance_type = type;
  p.region = region;
  p.zone = zone;
  p.currency = Currency::kCNY;
  p.where = url;
  if (status == "SOLD_OUT") p.availability = "sold-out";
  if (charge == "POSTPAID_BY_HOUR") p.price_hour = price;
  if (charge == "SPOTPAID") p.spot_price_hour = price;
  if (charge == "PREPAID") p.monthly_price = price;
  // A fraction of a GPU (vGPU) has that share of its memory.
  std::optional<double> memory_gib;
  if (gpu->memory_gb) memory_gib = *gpu->memory_gb * std::min(1.0, gpus);
  p.hardware = FetchedHardware{gpu->name, gpus, memory_gib, cpus, memory};
  return std::optional(std::move(p));
}

}  // namespace

const std::vector<std::string>& TencentRegions() {
  static const std::vector<std::string> kRegions = {
      "ap-bangkok",  "ap-beijing",   "ap-chengdu",      "ap-chongqing",    "ap-guangzhou", "ap-hongkong",
      "ap-jakarta",  "ap-nanjing",   "ap-seoul",        "ap-shanghai",     "ap-singapore", "ap-tokyo",
      "eu-frankfurt", "na-ashburn",  "na-siliconvalley", "sa-saopaulo"};
  return kRegions;
}

Result<std::vector<FetchedPrice>> ReadTencentZoneConfigs(const std::string& body, const std::string& url,
                                                         const std::string& region, const std::string& charge,
                                                         const VendorFamilies& families, const GpuTable& gpus,
                                                         std::vector<std::string>& unmapped) {
  const nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) return tl::unexpected(DataError(url, "", "not valid JSON (cut short?)"));
  auto response = answer.find("Response");
  if (response == answer.end() || !response->is_object()) return tl::unexpected(DataError(url, "Response", "missing or not an object"));
  const std::string request_id = TextOf(*response, "RequestId");
  if (auto e = response->find("Error"); e != response->end() && e->is_object()) {
    return tl::unexpected(TencentError(*e, request_id, url));
  }
  auto set = response->find("InstanceTypeQuotaSet");
  if (set == response->end() || !set->is_array()) {
    return tl::unexpected(DataError(url, "Response.InstanceTypeQuotaSet", "missing or not a list"));
  }
  std::vector<FetchedPrice> out;
  for (size_t i = 0; i < set->size(); ++i) {
    const std::string at = "Response.InstanceTypeQuotaSet[" + std::to_string(i) + "]";
    GS_TRY(item, ReadItem((*set)[i], url, at, region, charge, families, gpus, unmapped));
    if (item) out.push_back(std::move(*item));
  }
  return out;
}

namespace {

bool Throttled(const Error& e) { return e.message.find("RequestLimitExceeded") != std::string::npos; }

// One signed call for (region, charge), retried when throttled.
Result<std::vector<FetchedPrice>> FetchOne(const FetchContext& ctx, const TencentCredentials& c, const std::string& region,
                                           const std::string& charge, VendorPrices& out, std::vector<std::string>& unmapped) {
  const std::string base = ctx.Base(kTencentBase);
  const std::string host = base.substr(base.find("://") + 3);
  const nlohmann::json filters = {{"Filters", {{{"Name", "instance-charge-type"}, {"Values", {charge}}}}}};
  const std::string url = base + "/";
  for (int attempt = 0;; ++attempt) {
    std::this_thread::sleep_for(kRequestGap * (attempt == 0 ? 1 : 8 << attempt));
    GS_CHECK(ctx.BeforeRequest(url));
    Tc3Request r;
    r.host = host;
    r.service = "cvm";
    r.payload = filters.dump();
    r.timestamp = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    HttpClient::Upload upload{r.payload, Tc3Headers(r, c, "DescribeZoneInstanceConfigInfos", kTencentVersion, region)};
    GS_TRY(response, ctx.http->Post(url, upload));
    ++out.requests;
    out.bytes += response.body.size();
    const std::string where = url + " (DescribeZoneInstanceConfigInfos " + region + " " + charge + ")";
    const GpuTable& gpus = ctx.catalog->gpus();
    auto items = ReadTencentZoneConfigs(response.body, where, region, charge, VendorFamilies::Embedded(gpus), gpus, unmapped);
    if (items || !Throttled(items.error()) || attempt + 1 >= kThrottleRetries) return items;
  }
}

}  // namespace

Result<VendorPrices> FetchTencent(const FetchContext& ctx) {
  auto credentials = TencentCredentialsFromEnvironment();
  if (!credentials) {
    return tl::unexpected(Error{ExitCode::kBadInput, "Tencent Cloud's price API needs your key: set TENCENTCLOUD_SECRET_ID and "
                                "TENCENTCLOUD_SECRET_KEY (docs/refresh.md#tencent-cloud)", "", 0, 0, "", false, false});
  }
  if (!ctx.catalog) return tl::unexpected(DataError(kTencentBase, "", "no catalog to match Tencent's GPU types to"));
  VendorPrices out;
  out.vendor = "tencent";
  out.api = ctx.Base(kTencentBase);
  std::vector<std::string> unmapped;
  FetchProgress progress{"tencent", 0, 0, 0, 0, ctx.regions.size()};
  for (const std::string& region : ctx.regions) {
    GS_CHECK(CheckRegionName(region));
    for (const char* charge : kCharges) {
      GS_TRY(items, FetchOne(ctx, *credentials, region, charge, out, unmapped));
      for (FetchedPrice& p : items) out.prices.push_back(std::move(p));
    }
    progress.requests = out.requests;
    progress.bytes = out.bytes;
    progress.rows = out.prices.size();
    ++progress.regions_done;
    ctx.Report(progress);
  }
  std::sort(unmapped.begin(), unmapped.end());
  unmapped.erase(std::unique(unmapped.begin(), unmapped.end()), unmapped.end());
  if (!unmapped.empty()) {
    out.notes.push_back(Message("refresh.note.unmapped_families").With("types", Join(unmapped, ", ")));
  }
  out.notes.push_back(Message("refresh.note.tencent"));
  return out;
}

}  // namespace gpuscout
