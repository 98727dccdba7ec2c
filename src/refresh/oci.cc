#include "refresh/oci.h"

#include <nlohmann/json.hpp>

namespace gpuscout {
namespace {

constexpr double kPreemptibleShare = 0.5;  // "50% discount" (oci.h)

// "Compute - GPU - H100" or "OCI - Compute - GPU - H100" -> "H100"; empty otherwise.
std::string GpuModel(const std::string& display_name) {
  for (std::string_view prefix : {"OCI - Compute - GPU - ", "Compute - GPU - "}) {
    if (display_name.starts_with(prefix)) return display_name.substr(prefix.size());
  }
  return {};
}

// The pay-as-you-go USD price of an item; nullopt when it has none.
Result<std::optional<double>> PayAsYouGo(const nlohmann::json& item, const std::string& url, const std::string& at) {
  auto locs = item.find("currencyCodeLocalizations");
  if (locs == item.end()) return std::optional<double>();
  if (!locs->is_array()) return tl::unexpected(DataError(url, at + ".currencyCodeLocalizations", "not a list"));
  for (const nlohmann::json& loc : *locs) {
    if (!loc.is_object() || loc.value("currencyCode", "") != "USD" || !loc.contains("prices")) continue;
    if (!loc["prices"].is_array()) return tl::unexpected(DataError(url, at + ".prices", "not a list"));
    for (const nlohmann::json& p : loc["prices"]) {
      if (!p.is_object() || p.value("model", "") != "PAY_AS_YOU_GO") continue;
      if (!p.contains("value") || !p["value"].is_number()) return tl::unexpected(DataError(url, at + ".prices.value", "not a number"));
      const double v = p["value"].get<double>();
      return v > 0 ? std::optional(v) : std::nullopt;
    }
  }
  return std::optional<double>();
}

}  // namespace

std::string OciPriceListUrl(const std::string& base) { return base + "/pls/apex/cetools/api/v1/products/?currencyCode=USD"; }

Result<std::vector<GpuRate>> ReadOciProducts(const std::string& body, const std::string& url, const GpuTable& gpus) {
  const nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) return tl::unexpected(DataError(url, "", "not valid JSON (cut short?)"));
  auto items = answer.find("items");
  if (items == answer.end() || !items->is_array()) return tl::unexpected(DataError(url, "items", "missing or not a list"));
  std::vector<GpuRate> out;
  size_t i = 0;
  for (const nlohmann::json& item : *items) {
    const std::string at = "items[" + std::to_string(i++) + "]";
    if (!item.is_object()) return tl::unexpected(DataError(url, at, "not an object"));
    const std::string model = GpuModel(item.value("displayName", ""));
    if (model.empty() || item.value("metricName", "").find("GPU") == std::string::npos) continue;
    GS_TRY(price, PayAsYouGo(item, url, at));
    if (!price) continue;
    // "A100" names a family of several GPUs: PriceByGpu keeps it only where
    // the vendor's shapes carry one of them.
    auto matched = gpus.MatchUser(model);
    std::vector<const GpuSpec*> resolved = matched ? *matched : std::vector<const GpuSpec*>{};
    out.push_back({resolved, item.value("displayName", model), "", price, *price * kPreemptibleShare, url});
  }
  return out;
}

Result<VendorPrices> FetchOci(const FetchContext& ctx) {
  VendorPrices out;
  out.vendor = "oci";
  out.api = ctx.Base(kOciPriceListBase);
  const std::string url = OciPriceListUrl(out.api);
  GS_TRY(response, GetCounted(ctx, out, url, size_t{64} << 20));
  if (!ctx.catalog) return tl::unexpected(DataError(url, "", "no catalog to match OCI's GPU products to"));
  GS_TRY(rates, ReadOciProducts(response.body, url, ctx.catalog->gpus()));
  out.prices = PriceByGpu("oci", rates, ctx);
  out.notes.push_back(Message("refresh.note.oci"));
  return out;
}

}  // namespace gpuscout
