#include "refresh/azure.h"

#include <nlohmann/json.hpp>

#include "base/money.h"

namespace gpuscout {
namespace {

constexpr int kMaxPages = 2000;  // per region: far above the ~10 a region has

// A string field of an item; empty when absent or null.
Result<std::string> Text(const nlohmann::json& item, const char* field, const std::string& url, size_t index) {
  auto it = item.find(field);
  if (it == item.end() || it->is_null()) return std::string();
  if (!it->is_string()) return tl::unexpected(DataError(url, "Items[" + std::to_string(index) + "]." + field, "not a string"));
  return it->get<std::string>();
}

// One item of the page, kept when it is a Linux, hourly, consumption price.
Result<void> ReadItem(const nlohmann::json& item, const std::string& url, size_t index, std::vector<FetchedPrice>& out) {
  if (!item.is_object()) return tl::unexpected(DataError(url, "Items[" + std::to_string(index) + "]", "not an object"));
  GS_TRY(sku, Text(item, "armSkuName", url, index));
  GS_TRY(region, Text(item, "armRegionName", url, index));
  GS_TRY(sku_name, Text(item, "skuName", url, index));
  GS_TRY(product, Text(item, "productName", url, index));
  GS_TRY(type, Text(item, "type", url, index));
  GS_TRY(unit, Text(item, "unitOfMeasure", url, index));
  GS_TRY(currency_code, Text(item, "currencyCode", url, index));
  auto price = item.find("retailPrice");
  if (price == item.end() || !price->is_number()) {
    return tl::unexpected(DataError(url, "Items[" + std::to_string(index) + "].retailPrice", "missing or not a number"));
  }
  // GPU sizes are the N series (NC, ND, NG, NV): the other sizes are not GPU offers.
  if (!sku.starts_with("Standard_N") || region.empty() || type != "Consumption" || unit != "1 Hour") return {};
  if (product.find("Windows") != std::string::npos || sku_name.ends_with(" Low Priority")) return {};
  const double value = price->get<double>();
  if (!(value > 0)) return {};
  const auto currency = ParseCurrency(currency_code.empty() ? "USD" : currency_code);
  if (!currency) return tl::unexpected(DataError(url, "Items[" + std::to_string(index) + "].currencyCode", "unknown currency"));
  FetchedPrice p;
  p.instance_type = sku;
  p.region = region;
  (sku_name.ends_with(" Spot") ? p.spot_price_hour : p.price_hour) = value;
  p.currency = *currency;
  p.where = url;
  out.push_back(std::move(p));
  return {};
}

}  // namespace

std::string AzureRegionUrl(const std::string& base, const std::string& region) {
  const std::string filter = "serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq '" +
                             region + "'";
  return base + "/api/retail/prices?api-version=2023-01-01-preview&$filter=" + UrlEncode(filter);
}

Result<std::string> ReadAzurePage(const std::string& body, const std::string& url, std::vector<FetchedPrice>& out) {
  const nlohmann::json page = nlohmann::json::parse(body, nullptr, false);
  if (page.is_discarded()) return tl::unexpected(DataError(url, "", "not valid JSON (cut short?)"));
  if (!page.is_object()) return tl::unexpected(DataError(url, "", "not a JSON object"));
  auto items = page.find("Items");
  if (items == page.end() || !items->is_array()) return tl::unexpected(DataError(url, "Items", "missing or not a list"));
  size_t i = 0;
  for (const nlohmann::json& item : *items) GS_CHECK(ReadItem(item, url, i++, out));
  auto next = page.find("NextPageLink");
  if (next == page.end() || next->is_null()) return std::string();
  if (!next->is_string()) return tl::unexpected(DataError(url, "NextPageLink", "not a string"));
  return next->get<std::string>();
}

Result<VendorPrices> FetchAzure(const FetchContext& ctx) {
  VendorPrices out;
  out.vendor = "azure";
  out.api = ctx.Base(kAzureRetailBase);
  FetchProgress progress{"azure", 0, 0, 0, 0, ctx.regions.size()};
  for (const std::string& region : ctx.regions) {
    GS_CHECK(CheckRegionName(region));
    std::string url = AzureRegionUrl(out.api, region);
    for (int page = 0; !url.empty(); ++page) {
      // The next page must come from the same API: a link elsewhere is refused.
      if (page >= kMaxPages || !SameOrigin(url, out.api)) {
        return tl::unexpected(DataError(url, "NextPageLink", page >= kMaxPages ? "more than 2000 pages for one region"
                                                                               : "a next page outside " + out.api));
      }
      GS_CHECK(ctx.BeforeRequest(url));
      GS_TRY(response, ctx.http->Get(url, size_t{64} << 20));
      progress.bytes += response.body.size();
      ++progress.requests;
      GS_TRY(next, ReadAzurePage(response.body, url, out.prices));
      progress.rows = out.prices.size();
      ctx.Report(progress);
      url = std::move(next);
    }
    ++progress.regions_done;
    ctx.Report(progress);
  }
  out.requests = progress.requests;
  out.bytes = progress.bytes;
  return out;
}

}  // namespace gpuscout
