#include "refresh/gcp.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <set>

#include "base/strings.h"
#include "refresh/json_fields.h"

namespace gpuscout {
namespace {

using json = nlohmann::json;

// "N1 Predefined Instance Core running in Americas" -> (core, N1);
// "A2 Instance Ram running in Belgium" -> (ram, A2);
// "Nvidia Tesla T4 GPU running in Sao Paulo" -> (gpu, T4). Commitments,
// sole tenancy and the rest are not components of an on-demand VM.
std::optional<std::pair<std::string, std::string>> Component(const std::string& description, const GpuTable& gpus) {
  static const std::regex kCompute(R"(^(?:Spot Preemptible )?([A-Z][0-9][A-Z]?) (?:Predefined )?Instance (Core|Ram) running in .*$)");
  static const std::regex kGpu(R"(^(?:Spot Preemptible )?Nvidia (.+) GPU running in .*$)");
  std::smatch m;
  if (std::regex_match(description, m, kCompute)) return std::pair{m[2] == "Core" ? "core" : "ram", m[1].str()};
  if (std::regex_match(description, m, kGpu)) {
    const std::string model = m[1].str();
    std::optional<double> memory;
    if (auto gb = model.find("GB"); gb != std::string::npos) {
      size_t start = gb;
      while (start > 0 && std::isdigit(static_cast<unsigned char>(model[start - 1]))) --start;
      memory = ParseDouble(model.substr(start, gb - start));
    }
    if (const GpuSpec* gpu = gpus.ResolveDeviceName(model, memory)) return std::pair{std::string("gpu"), gpu->name};
  }
  return std::nullopt;
}

// The SKU's hourly rate: the last tier's unitPrice (units + nanos).
Result<std::optional<double>> Rate(const json& sku, const std::string& url, const std::string& at) {
  const json* info = sku.contains("pricingInfo") && sku["pricingInfo"].is_array() && !sku["pricingInfo"].empty()
                         ? &sku["pricingInfo"][0] : nullptr;
  const json* tiers = info && info->contains("pricingExpression") ? &(*info)["pricingExpression"] : nullptr;
  if (!tiers || !tiers->contains("tieredRates") || !(*tiers)["tieredRates"].is_array()) {
    return tl::unexpected(DataError(url, at + ".pricingInfo[0].pricingExpression.tieredRates", "missing or not a list"));
  }
  const json& rates = (*tiers)["tieredRates"];
  if (rates.empty()) return std::optional<double>();
  const json* price = Member(rates.back(), "unitPrice");
  const json* units = price ? Member(*price, "units") : nullptr;
  double whole = 0;
  if (units && units->is_string()) whole = ParseDouble(units->get<std::string>()).value_or(-1);
  else if (units && units->is_number()) whole = units->get<double>();
  const json* nanos = price ? Member(*price, "nanos") : nullptr;
  if (!price || whole < 0 || (nanos && !nanos->is_number())) {
    return tl::unexpected(DataError(url, at + ".pricingInfo[0].pricingExpression.tieredRates[].unitPrice", "not a price"));
  }
  const double v = whole + (nanos ? nanos->get<double>() : 0.0) / 1e9;
  return v > 0 ? std::optional(v) : std::nullopt;
}

}  // namespace

Result<std::string> ReadGcpSkuPage(const std::string& body, const std::string& url, const GpuTable& gpus, GcpRates& rates) {
  const json answer = json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) return tl::unexpected(DataError(url, "", "not valid JSON (cut short?)"));
  auto skus = answer.find("skus");
  if (skus == answer.end() || !skus->is_array()) return tl::unexpected(DataError(url, "skus", "missing or not a list"));
  for (size_t i = 0; i < skus->size(); ++i) {
    const json& sku = (*skus)[i];
    const std::string at = "skus[" + std::to_string(i) + "]";
    if (!Member(sku, "description") || !sku["description"].is_string()) {
      return tl::unexpected(DataError(url, at + ".description", "missing or not a string"));
    }
    const json* category = Member(sku, "category");
    const std::string usage = category ? TextOf(*category, "usageType") : "";
    if (usage != "OnDemand" && usage != "Preemptible") continue;
    auto component = Component(sku["description"].get<std::string>(), gpus);
    if (!component) continue;
    GS_TRY(rate, Rate(sku, url, at));
    if (!rate) continue;
    const json* regions = Member(sku, "serviceRegions");
    if (!regions || !regions->is_array()) continue;
    for (const json& region : *regions) {
      if (!region.is_string()) continue;
      rates.rate[{component->first, component->second, region.get<std::string>(), usage == "Preemptible"}] = *rate;
    }
  }
  return TextOf(answer, "nextPageToken");
}

namespace {

// "a2-highgpu-1g" -> "A2"; "n1-standard-8+1xT4" -> "N1".
std::string FamilyOf(const std::string& type) {
  std::string family = type.substr(0, type.find('-'));
  for (char& c : family) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return family;
}

std::optional<double> VmPrice(const GcpRates& r, const Offer& o, const std::string& region, bool spot) {
  const std::string family = FamilyOf(o.instance_type);
  auto find = [&](const std::string& kind, const std::string& key) -> std::optional<double> {
    auto it = r.rate.find({kind, key, region, spot});
    return it == r.rate.end() ? std::nullopt : std::optional(it->second);
  };
  const auto core = find("core", family), ram = find("ram", family), gpu = find("gpu", o.gpu);
  if (!core || !ram || !gpu || !o.vcpus || !o.mem_gib) return std::nullopt;
  return std::round((*core * *o.vcpus + *ram * *o.mem_gib + *gpu * o.gpu_count) * 1e6) / 1e6;
}

}  // namespace

Result<VendorPrices> FetchGcp(const FetchContext& ctx) {
  const char* key = std::getenv("GOOGLE_API_KEY");
  if (!key || !*key) {
    return tl::unexpected(Error{ExitCode::kBadInput, "GCP's Cloud Billing Catalog API needs your API key: set GOOGLE_API_KEY "
                                "(docs/refresh.md#gcp)", "", 0, 0, "", false, false});
  }
  if (!ctx.catalog) return tl::unexpected(DataError(kGcpBase, "", "no catalog to price GCP's types with"));
  VendorPrices out;
  out.vendor = "gcp";
  out.api = ctx.Base(kGcpBase);
  // The key goes in a header Google's APIs read (X-goog-api-key), never in the
  // URL, which errors print.
  const std::string path = out.api + "/v1/services/" + kGcpComputeService + "/skus?currencyCode=USD";
  GcpRates rates;
  std::string token;
  do {
    const std::string url = path + (token.empty() ? "" : "&pageToken=" + UrlEncode(token));
    const std::string shown = out.api + "/v1/services/" + kGcpComputeService + "/skus (page " + std::to_string(out.requests + 1) + ")";
    GS_CHECK(ctx.BeforeRequest(shown));
    HttpClient::Upload upload{"", {std::string("X-goog-api-key: ") + key}, false};
    upload.keep_error_body = true;
    GS_TRY(response, ctx.http->Post(url, upload));
    ++out.requests;
    out.bytes += response.body.size();
    if (response.status >= 300) {
      const json e = json::parse(response.body, nullptr, false);
      const std::string detail = e.is_object() && e.contains("error") && e["error"].is_object()
                                     ? TextOf(e["error"], "status") + ": " + TextOf(e["error"], "message")
                                     : "HTTP " + std::to_string(response.status);
      return tl::unexpected(Error{ExitCode::kEnvironment, "key rejected by GCP's Billing Catalog API (" + detail +
                                  "): check GOOGLE_API_KEY", shown, 0, 0, "", false, false});
    }
    GS_TRY(next, ReadGcpSkuPage(response.body, shown, ctx.catalog->gpus(), rates));
    if (!next.empty() && next == token) {
      return tl::unexpected(DataError(shown, "nextPageToken", "the same page token twice: the paging would not end"));
    }
    token = next;
  } while (!token.empty());
  const std::set<std::string> regions(ctx.regions.begin(), ctx.regions.end());
  std::set<std::pair<std::string, std::string>> done;
  std::set<std::string> unpriced;
  for (const Offer& o : ctx.catalog->offers()) {
    if (o.vendor != "gcp" || !regions.count(o.region) || !done.insert({o.instance_type, o.region}).second) continue;
    FetchedPrice p;
    p.instance_type = o.instance_type;
    p.region = o.region;
    p.price_hour = VmPrice(rates, o, o.region, false);
    p.spot_price_hour = VmPrice(rates, o, o.region, true);
    p.where = out.api + "/v1/services/" + kGcpComputeService + "/skus";
    if (!p.price_hour) {
      unpriced.insert(FamilyOf(o.instance_type) + " + " + o.gpu);
      continue;
    }
    out.prices.push_back(std::move(p));
  }
  if (!unpriced.empty()) {
    out.notes.push_back(Message("refresh.note.gcp_unpriced")
                            .With("items", Join(std::vector<std::string>(unpriced.begin(), unpriced.end()), ", ")));
  }
  out.notes.push_back(Message("refresh.note.gcp"));
  return out;
}

}  // namespace gpuscout
