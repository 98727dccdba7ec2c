#include "refresh/alibaba.h"

#include <nlohmann/json.hpp>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "base/strings.h"
#include "fetch/acs3.h"
#include "refresh/json_fields.h"

namespace gpuscout {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;
using json = nlohmann::json;

// ECS's documented default is 100 calls a second per API per account; stay well under.
constexpr auto kRequestGap = std::chrono::milliseconds(20);
constexpr int kThrottleRetries = 3;

struct Call {
  const FetchContext& ctx;
  const AlibabaCredentials& credentials;
  VendorPrices& out;
};

// The vendor's refusal: a bad signature or key and a skewed clock are the
// environment's (exit 3, never retried); the rest are the answer's (exit 2).
Error AlibabaError(const json& answer, long status, const std::string& where) {
  const std::string code = TextOf(answer, "Code");
  const std::string message = TextOf(answer, "Message");
  const std::string request = TextOf(answer, "RequestId");
  const std::string id = request.empty() ? "" : " (request id " + request + ")";
  const bool auth = code == "SignatureDoesNotMatch" || code == "IncompleteSignature" ||
                    code.rfind("InvalidAccessKeyId", 0) == 0 || code == "Forbidden.RAM" || status == 401;
  if (code.rfind("InvalidTimeStamp", 0) == 0) {
    return Error{ExitCode::kEnvironment, "Alibaba Cloud rejected the request's date as too far from its clock (" + code +
                 "): set this machine's clock right" + id, where, 0, 0, "", false, false};
  }
  if (auth) {
    return Error{ExitCode::kEnvironment, "signature rejected by Alibaba Cloud (" + code + ": " + message +
                 "): check ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET" + id, where, 0, 0, "", false, false};
  }
  return DataError(where, "Code", fmt::format("Alibaba Cloud answered HTTP {} {}: {}{}", status, code, message, id));
}

bool Throttled(const json& answer) { return TextOf(answer, "Code").rfind("Throttling", 0) == 0; }

// One signed call; the JSON answer, throttling waited out.
Result<json> Invoke(const Call& c, const std::string& region, const std::string& action, const Params& params) {
  const std::string base = AlibabaBase(c.ctx, region);
  const std::string host = base.substr(base.find("://") + 3);
  for (int attempt = 0;; ++attempt) {
    std::this_thread::sleep_for(kRequestGap * (attempt == 0 ? 1 : 10 << attempt));
    Acs3Request r;
    r.host = host;
    r.action = action;
    r.version = kAlibabaVersion;
    r.query = params;
    r.date = Acs3DateNow();
    r.nonce = Acs3Nonce();
    const std::string url = base + "/?" + Acs3CanonicalQuery(r);
    const std::string where = base + "/ (" + action + " " + region + ")";
    GS_CHECK(c.ctx.BeforeRequest(url));
    HttpClient::Upload upload{"", Acs3Headers(r, c.credentials)};
    upload.keep_error_body = true;
    GS_TRY(response, c.ctx.http->Post(url, upload));
    ++c.out.requests;
    c.out.bytes += response.body.size();
    json answer = json::parse(response.body, nullptr, false);
    if (answer.is_discarded() || !answer.is_object()) return tl::unexpected(DataError(where, "", "not valid JSON (cut short?)"));
    if (response.status < 300) return answer;
    if (!Throttled(answer) || attempt + 1 >= kThrottleRetries) return tl::unexpected(AlibabaError(answer, response.status, where));
  }
}

using GpuTypeMap = std::map<std::string, FetchedHardware>;

// One DescribeInstanceTypes page into `out` (hardware named through the GPU
// table: GPUSpec "NVIDIA A10" and GPUMemorySize pick the row; unresolved
// models listed); the page's NextToken.
Result<std::string> ReadTypesPage(const json& answer, const GpuTable& gpus, GpuTypeMap& out,
                                  std::vector<std::string>& unknown) {
  const json* types = Path(answer, {"InstanceTypes", "InstanceType"});
  if (!types || !types->is_array()) {
    return tl::unexpected(DataError("DescribeInstanceTypes", "InstanceTypes.InstanceType", "missing or not a list"));
  }
  for (const json& t : *types) {
    const std::string id = TextOf(t, "InstanceTypeId");
    const std::optional<double> count = NumberOf(t, "GPUAmount");
    if (id.empty() || !count) {
      return tl::unexpected(DataError("DescribeInstanceTypes", "InstanceTypes.InstanceType", "an entry without InstanceTypeId or GPUAmount"));
    }
    const std::string spec = TextOf(t, "GPUSpec");
    const std::optional<double> memory = NumberOf(t, "GPUMemorySize");
    const GpuSpec* gpu = gpus.ResolveDeviceName(spec, memory);
    if (!gpu) {
      unknown.push_back(id + " (" + spec + ")");
      continue;
    }
    out[id] = FetchedHardware{gpu->name, *count, memory ? memory : gpu->memory_gb, NumberOf(t, "CpuCoreCount"),
                              NumberOf(t, "MemorySize")};
  }
  return TextOf(answer, "NextToken");
}

// The GPU types, by id, every page.
Result<GpuTypeMap> GpuTypes(const Call& c, const std::string& region, std::vector<std::string>& unknown) {
  GpuTypeMap out;
  std::string token;
  do {
    Params p = {{"MinimumGPUAmount", "1"}, {"MaxResults", "100"}};
    if (!token.empty()) p.emplace_back("NextToken", token);
    GS_TRY(answer, Invoke(c, region, "DescribeInstanceTypes", p));
    GS_TRY(next, ReadTypesPage(answer, c.ctx.catalog->gpus(), out, unknown));
    if (!next.empty() && next == token) {
      return tl::unexpected(DataError("DescribeInstanceTypes", "NextToken", "the same page token twice: the paging would not end"));
    }
    token = next;
  } while (!token.empty());
  return out;
}

using Stock = std::map<std::pair<std::string, std::string>, bool>;

// (zone, type) -> sold out?, from a DescribeAvailableResource answer.
Result<Stock> ReadStock(const json& answer, const std::string& region) {
  Stock out;
  const json* zones = Path(answer, {"AvailableZones", "AvailableZone"});
  if (!zones || !zones->is_array()) {
    return tl::unexpected(DataError("DescribeAvailableResource " + region, "AvailableZones.AvailableZone", "missing or not a list"));
  }
  for (const json& z : *zones) {
    const std::string zone = TextOf(z, "ZoneId");
    const json* resources = Path(z, {"AvailableResources", "AvailableResource"});
    if (zone.empty() || !resources || !resources->is_array()) continue;
    for (const json& r : *resources) {
      const json* supported = Path(r, {"SupportedResources", "SupportedResource"});
      if (!supported || !supported->is_array()) continue;
      for (const json& s : *supported) {
        const std::string type = TextOf(s, "Value");
        if (!type.empty()) out[{zone, type}] = TextOf(s, "StatusCategory") == "WithoutStock";
      }
    }
  }
  return out;
}

// The types the region sells pay-as-you-go, zone by zone.
Result<Stock> ZoneStock(const Call& c, const std::string& region) {
  GS_TRY(answer, Invoke(c, region, "DescribeAvailableResource",
                        {{"RegionId", region}, {"DestinationResource", "InstanceType"}, {"InstanceChargeType", "PostPaid"}}));
  return ReadStock(answer, region);
}

// A DescribePrice answer's TradePrice (what the account pays), nothing when 0.
Result<std::optional<double>> ReadPrice(const json& answer, const std::string& type) {
  const json* price = Path(answer, {"PriceInfo", "Price"});
  if (!price || !price->is_object()) return tl::unexpected(DataError("DescribePrice " + type, "PriceInfo.Price", "missing"));
  const std::optional<double> v = NumberOf(*price, "TradePrice");
  if (!v) return tl::unexpected(DataError("DescribePrice " + type, "PriceInfo.Price.TradePrice", "missing or not a number"));
  return *v > 0 ? v : std::nullopt;
}

Result<std::optional<double>> Price(const Call& c, const std::string& region, const std::string& type, const char* unit) {
  GS_TRY(answer, Invoke(c, region, "DescribePrice",
                        {{"RegionId", region}, {"ResourceType", "instance"}, {"InstanceType", type}, {"PriceUnit", unit}}));
  return ReadPrice(answer, type);
}

struct SpotSeries {
  std::map<std::string, std::pair<std::string, double>> latest;  // zone -> (timestamp, price)
  double low = 0, high = 0;
};

// One DescribeSpotPriceHistory page into `s`; the next offset, or nothing
// at the end.
Result<std::optional<int>> ReadSpotPage(const json& answer, const std::string& type, int offset, SpotSeries& s) {
  const json* points = Path(answer, {"SpotPrices", "SpotPriceType"});
  if (!points || !points->is_array()) {
    return tl::unexpected(DataError("DescribeSpotPriceHistory " + type, "SpotPrices.SpotPriceType", "missing or not a list"));
  }
  for (const json& p : *points) {
    const std::optional<double> price = NumberOf(p, "SpotPrice");
    if (!price) continue;
    auto& latest = s.latest[TextOf(p, "ZoneId")];
    const std::string when = TextOf(p, "Timestamp");
    if (when >= latest.first) latest = {when, *price};
    s.low = s.low == 0 ? *price : std::min(s.low, *price);
    s.high = std::max(s.high, *price);
  }
  const double next = NumberOf(answer, "NextOffset").value_or(0);
  if (points->empty() || !(next > offset) || next > 1e9) return std::optional<int>();
  return std::optional(static_cast<int>(next));
}

// The last 30 days of spot prices, every page.
Result<SpotSeries> Spot(const Call& c, const std::string& region, const std::string& type) {
  const auto since = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() - std::chrono::hours(24 * 30));
  SpotSeries s;
  for (std::optional<int> offset = 0; offset;) {
    GS_TRY(answer, Invoke(c, region, "DescribeSpotPriceHistory",
                          {{"RegionId", region}, {"NetworkType", "vpc"}, {"InstanceType", type}, {"OSType", "linux"},
                           {"StartTime", fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", since)}, {"Offset", std::to_string(*offset)}}));
    GS_TRY(next, ReadSpotPage(answer, type, *offset, s));
    offset = next;
  }
  return s;
}

// One region: every GPU type a zone sells, with its prices and status.
Result<void> FetchRegion(const Call& c, const std::string& region, const std::map<std::string, FetchedHardware>& types,
                         std::vector<std::string>& spot_ranges) {
  GS_TRY(stock, ZoneStock(c, region));
  std::map<std::string, std::vector<std::pair<std::string, bool>>> zones_of;  // type -> (zone, sold out)
  for (const auto& [key, sold_out] : stock) {
    if (types.count(key.second)) zones_of[key.second].emplace_back(key.first, sold_out);
  }
  for (const auto& [type, zones] : zones_of) {
    GS_TRY(hourly, Price(c, region, type, "Hour"));
    GS_TRY(monthly, Price(c, region, type, "Month"));
    GS_TRY(spot, Spot(c, region, type));
    if (spot.high > 0) spot_ranges.push_back(fmt::format("{} {} {:g}-{:g}", type, region, spot.low, spot.high));
    for (const auto& [zone, sold_out] : zones) {
      FetchedPrice p;
      p.instance_type = type;
      p.region = region;
      p.zone = zone;
      p.price_hour = hourly;
      p.monthly_price = monthly;
      if (auto it = spot.latest.find(zone); it != spot.latest.end()) p.spot_price_hour = it->second.second;
      if (sold_out) p.availability = "sold-out";
      p.currency = Currency::kCNY;
      p.hardware = types.at(type);
      p.where = AlibabaBase(c.ctx, region);
      c.out.prices.push_back(std::move(p));
    }
  }
  return {};
}

}  // namespace

Result<void> ReadAlibabaAnswer(const std::string& action, const std::string& body, const GpuTable& gpus) {
  const json answer = json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) return tl::unexpected(DataError(action, "", "not valid JSON"));
  GpuTypeMap types;
  std::vector<std::string> unknown;
  SpotSeries spot;
  if (action == "DescribeInstanceTypes") return ReadTypesPage(answer, gpus, types, unknown).map([](auto&&) {});
  if (action == "DescribeAvailableResource") return ReadStock(answer, "fuzz").map([](auto&&) {});
  if (action == "DescribePrice") return ReadPrice(answer, "fuzz").map([](auto&&) {});
  if (action == "DescribeSpotPriceHistory") return ReadSpotPage(answer, "fuzz", 0, spot).map([](auto&&) {});
  (void)AlibabaError(answer, 400, action);  // a refusal body
  return {};
}

std::string AlibabaBase(const FetchContext& ctx, const std::string& region) {
  return ctx.endpoint.empty() ? "https://ecs." + region + ".aliyuncs.com" : ctx.Base("");
}

Result<VendorPrices> FetchAlibaba(const FetchContext& ctx) {
  auto credentials = AlibabaCredentialsFromEnvironment();
  if (!credentials) {
    return tl::unexpected(Error{ExitCode::kBadInput, "Alibaba Cloud's price API needs your key: set ALIBABA_CLOUD_ACCESS_KEY_ID "
                                "and ALIBABA_CLOUD_ACCESS_KEY_SECRET (docs/refresh.md#alibaba-cloud)", "", 0, 0, "", false, false});
  }
  if (!ctx.catalog || ctx.regions.empty()) return tl::unexpected(DataError("alibaba", "", "no catalog or no region"));
  VendorPrices out;
  out.vendor = "alibaba";
  out.api = AlibabaBase(ctx, ctx.regions.front());
  const Call c{ctx, *credentials, out};
  for (const std::string& r : ctx.regions) GS_CHECK(CheckRegionName(r));
  std::vector<std::string> unknown, spot_ranges;
  GS_TRY(types, GpuTypes(c, ctx.regions.front(), unknown));
  FetchProgress progress{"alibaba", 0, 0, 0, 0, ctx.regions.size()};
  for (const std::string& region : ctx.regions) {
    GS_CHECK(FetchRegion(c, region, types, spot_ranges));
    progress = {"alibaba", out.requests, out.bytes, out.prices.size(), progress.regions_done + 1, ctx.regions.size()};
    ctx.Report(progress);
  }
  if (!unknown.empty()) out.notes.push_back(Message("refresh.note.unknown_models").With("types", Join(unknown, ", ")));
  if (!spot_ranges.empty()) out.notes.push_back(Message("refresh.note.spot_range").With("ranges", Join(spot_ranges, "; ")));
  out.notes.push_back(Message("refresh.note.alibaba"));
  return out;
}

}  // namespace gpuscout
