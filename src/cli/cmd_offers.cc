// gpuscout offers: which instances exist where, at what price.
#include <ostream>

#include "codec/json_text.h"
#include "base/strings.h"
#include "catalog/query.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/catalog_json.h"
#include "service/offers.h"

namespace gpuscout::cli {
namespace {

std::string Money(const std::optional<double>& v, const std::optional<double>& max) {
  if (!v) return "-";
  std::string s = Fixed(*v, 4);
  if (max) s += "~" + Fixed(*max, 4);
  return s;
}

CommandResult RunOffers(Context& ctx, const OffersArgs& a) {
  auto pricing = ctx.GetPricing();
  if (!pricing) return tl::unexpected(pricing.error());
  const OutputFormat format = pricing->format;
  const Catalog* catalog = pricing->catalog;
  const std::optional<Currency> currency = pricing->currency;
  const ExchangeRate rate = pricing->rate;

  auto answer = FindOffers(*catalog, a, currency, rate);
  if (!answer) return tl::unexpected(answer.error());

  const Lang lang = ctx.language();
  const int code = answer->rows.empty() ? static_cast<int>(ExitCode::kAnsweredNo) : 0;
  const std::string rate_note = std::string(Tr(lang, "rate_note")) + " " + rate.Describe();
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(OffersToJson(*answer), 2) << "\n";
    if (answer->mixed_currencies) *ctx.err << rate_note << "\n";
    return code;
  }
  bool any_reserved = false;
  bool any_monthly = false;
  for (const auto& r : answer->rows) {
    any_reserved |= r.reserved_hour.has_value();
    any_monthly |= r.monthly_price.has_value();
  }
  TextTable t;
  t.keys = {"vendor", "instance_type", "region"};
  if (a.all_regions || format == OutputFormat::kCsv) t.keys.push_back("zone");
  for (const char* k : {"gpu", "gpu_count", "gpu_mem_gib", "vcpus", "mem_gib", "price_hour",
                        "spot_price_hour"}) {
    t.keys.push_back(k);
  }
  if (any_reserved || format == OutputFormat::kCsv) t.keys.push_back("reserved_hour");
  if (any_monthly || format == OutputFormat::kCsv) t.keys.push_back("monthly_price");
  t.keys.push_back("currency");
  if (format == OutputFormat::kCsv) t.keys.push_back("source");
  for (const auto& k : t.keys) {
    t.headers.emplace_back(Tr(lang, k));
    t.right_align.push_back(k == "gpu_count" || k == "gpu_mem_gib" || k == "vcpus" ||
                            k == "mem_gib" || k.find("price") != std::string::npos ||
                            k == "reserved_hour");
  }
  auto opt = [](const std::optional<double>& v, int d) { return v ? Fixed(*v, d) : "-"; };
  for (const auto& r : answer->rows) {
    const Offer& o = *r.offer;
    std::vector<std::string> row;
    for (const auto& k : t.keys) {
      if (k == "vendor") row.push_back(o.vendor);
      else if (k == "instance_type") row.push_back(o.instance_type);
      else if (k == "region") row.push_back(o.region);
      else if (k == "zone") row.push_back(o.zone.empty() ? "-" : o.zone);
      else if (k == "gpu") row.push_back(o.gpu);
      else if (k == "gpu_count") row.push_back(Fixed(o.gpu_count, 3));
      else if (k == "gpu_mem_gib") row.push_back(opt(o.gpu_mem_gib, 1));
      else if (k == "vcpus") row.push_back(opt(o.vcpus, 0));
      else if (k == "mem_gib") row.push_back(opt(o.mem_gib, 0));
      else if (k == "price_hour") row.push_back(Money(r.price_hour, r.price_hour_max));
      else if (k == "spot_price_hour") row.push_back(Money(r.spot_price_hour, std::nullopt));
      else if (k == "reserved_hour") row.push_back(Money(r.reserved_hour, std::nullopt));
      else if (k == "monthly_price") row.push_back(Money(r.monthly_price, r.monthly_price_max));
      else if (k == "currency") row.emplace_back(CurrencyCode(r.currency));
      else if (k == "source") row.push_back(o.source);
    }
    t.rows.push_back(std::move(row));
  }
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    if (answer->mixed_currencies) *ctx.err << rate_note << "\n";
    return code;
  }
  if (answer->rows.empty()) {
    *ctx.out << Tr(lang, "no_offers") << "\n";
    return code;
  }
  t.PrintText(*ctx.out);
  *ctx.out << "\n";
  if (!a.all_regions) *ctx.out << Tr(lang, "cheapest_region_note") << "\n";
  *ctx.out << Tr(lang, "missing_note") << "\n";
  if (answer->mixed_currencies) *ctx.out << rate_note << "\n";
  return code;
}

}  // namespace

void AddOffersCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand("offers", "Which GPU instances exist where, at what price");
  auto a = std::make_shared<OffersArgs>();
  sub->add_option("--gpu", a->gpu,
                  "NAME[:COUNT]: a GPU, alias or family (A100 = both memory sizes); COUNT = "
                  "GPUs per instance");
  sub->add_option("--vendor", a->vendor, "Comma-separated vendors (aws,gcp,azure,alibaba,...)");
  sub->add_option("--region", a->region, "Regular expression (RE2) on the region name, case-insensitive");
  sub->add_option("--min-gpu-mem", a->min_gpu_mem, "Minimum memory per GPU, GiB")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--max-price", a->max_price,
                  "Maximum price per hour, in --currency (USD when not given)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--spot", a->spot, "Only offers with a spot price; filter and sort by it");
  sub->add_flag("--all-regions", a->all_regions,
                "Every region and zone (default: the cheapest region per instance type)");
  sub->add_option("--sort", a->sort, "price, price-per-gpu or gpu-mem")
      ->check(CLI::IsMember({"price", "price-per-gpu", "gpu-mem"}))
      ->capture_default_str();
  sub->add_option("--limit", a->limit, "Show at most N offers");
  out.emplace_back(sub, [&ctx, a] { return RunOffers(ctx, *a); });
}

}  // namespace gpuscout::cli
