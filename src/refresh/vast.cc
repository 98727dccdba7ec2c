#include "refresh/vast.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "base/statistics.h"

namespace gpuscout {
namespace {

// "2x-RTX_4090-32-65536" -> ("RTX_4090", 2); nullopt for another shape of name.
std::optional<std::pair<std::string, int>> ModelAndCount(const std::string& type) {
  const auto x = type.find("x-");
  const auto dash = type.find('-', x == std::string::npos ? 0 : x + 2);
  if (x == std::string::npos || x == 0 || dash == std::string::npos) return std::nullopt;
  int count = 0;
  for (size_t i = 0; i < x; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(type[i])) || count > 1000) return std::nullopt;
    count = count * 10 + (type[i] - '0');
  }
  return std::pair{type.substr(x + 2, dash - x - 2), count};
}

}  // namespace

std::string VastSearchUrl(const std::string& base) {
  const std::string query = R"({"rentable":{"eq":true},"rented":{"eq":false},"type":"on-demand","limit":5000})";
  return base + "/api/v0/bundles/?q=" + UrlEncode(query);
}

Result<std::vector<VastMedian>> ReadVastOffers(const std::string& body, const std::string& url) {
  const nlohmann::json page = nlohmann::json::parse(body, nullptr, false);
  if (page.is_discarded()) return tl::unexpected(DataError(url, "", "not valid JSON (cut short?)"));
  auto offers = page.is_object() ? page.find("offers") : page.end();
  if (!page.is_object() || offers == page.end() || !offers->is_array()) {
    return tl::unexpected(DataError(url, "offers", "missing or not a list"));
  }
  std::map<std::pair<std::string, int>, std::vector<double>> prices;
  size_t i = 0;
  for (const nlohmann::json& o : *offers) {
    const std::string at = "offers[" + std::to_string(i++) + "]";
    if (!o.is_object()) return tl::unexpected(DataError(url, at, "not an object"));
    auto name = o.find("gpu_name"), gpus = o.find("num_gpus"), dph = o.find("dph_total");
    if (name == o.end() || !name->is_string()) return tl::unexpected(DataError(url, at + ".gpu_name", "missing or not a string"));
    if (gpus == o.end() || !gpus->is_number_integer()) return tl::unexpected(DataError(url, at + ".num_gpus", "missing or not an integer"));
    if (dph == o.end() || !dph->is_number()) return tl::unexpected(DataError(url, at + ".dph_total", "missing or not a number"));
    std::string model = name->get<std::string>();
    std::replace(model.begin(), model.end(), ' ', '_');
    const double price = dph->get<double>();
    const auto count = gpus->get<int64_t>();
    if (price > 0 && count > 0 && count <= 64) prices[{model, static_cast<int>(count)}].push_back(price);
  }
  std::vector<VastMedian> out;
  for (auto& [key, v] : prices) out.push_back({key.first, key.second, Median(v), v.size()});
  return out;
}

Result<VendorPrices> FetchVast(const FetchContext& ctx) {
  VendorPrices out;
  out.vendor = "vast";
  out.api = ctx.Base(kVastBase);
  const std::string url = VastSearchUrl(out.api);
  GS_TRY(response, GetCounted(ctx, out, url, size_t{256} << 20));
  GS_TRY(medians, ReadVastOffers(response.body, url));
  std::map<std::pair<std::string, int>, const VastMedian*> by_model;
  for (const VastMedian& m : medians) by_model[{m.gpu_name, m.gpus}] = &m;
  const std::set<std::string> regions(ctx.regions.begin(), ctx.regions.end());
  std::set<std::pair<std::string, int>> known;  // the models and counts the catalog has a type for
  static const std::vector<Offer> kNone;
  for (const Offer& o : ctx.catalog ? ctx.catalog->offers() : kNone) {
    const auto key = o.vendor == "vast" ? ModelAndCount(o.instance_type) : std::nullopt;
    if (!key) continue;
    known.insert(*key);
    auto m = by_model.find(*key);
    if (m == by_model.end() || !regions.count(o.region)) continue;
    FetchedPrice p;
    p.instance_type = o.instance_type;
    p.region = o.region;
    p.price_hour = m->second->median;
    p.where = url + " (median of " + std::to_string(m->second->offers) + " offers)";
    out.prices.push_back(std::move(p));
  }
  // Models and counts on offer that no catalog type names: reported as unknown.
  for (const VastMedian& m : medians) {
    if (known.count({m.gpu_name, m.gpus})) continue;
    FetchedPrice p;
    p.instance_type = std::to_string(m.gpus) + "x-" + m.gpu_name;
    p.price_hour = m.median;
    out.prices.push_back(std::move(p));
  }
  out.notes.push_back(Message("refresh.note.vast"));
  return out;
}

}  // namespace gpuscout
