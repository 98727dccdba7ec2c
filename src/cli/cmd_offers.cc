// gpuscout offers: which instances exist where, at what price.
#include <cmath>
#include <ostream>

#include "codec/json_text.h"
#include "base/strings.h"
#include "catalog/query.h"
#include "catalog/suspect.h"
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

// The columns shown: zone, reserved and monthly only where they say something.
std::vector<std::string> OfferColumns(const OfferAnswer& answer, bool all_regions, OutputFormat format) {
  const bool csv = format == OutputFormat::kCsv;
  bool any_reserved = false, any_monthly = false, any_flag = false;
  for (const auto& r : answer.rows) {
    any_reserved |= r.reserved_hour.has_value();
    any_monthly |= r.monthly_price.has_value();
    any_flag |= r.offer->suspect != 0;
  }
  std::vector<std::string> keys = {"vendor", "instance_type", "region"};
  if (all_regions || csv) keys.push_back("zone");
  for (const char* k : {"gpu", "gpu_count", "gpu_mem_gib", "vcpus", "mem_gib", "price_hour", "spot_price_hour"}) keys.push_back(k);
  if (any_reserved || csv) keys.push_back("reserved_hour");
  if (any_monthly || csv) keys.push_back("monthly_price");
  keys.push_back("currency");
  if (any_flag || csv) keys.push_back("flags");
  if (csv) keys.push_back("source");
  return keys;
}

std::string Cell(const OfferRow& r, const std::string& k, bool csv, Lang lang) {
  const Offer& o = *r.offer;
  auto opt = [](const std::optional<double>& v, int d) { return v ? Fixed(*v, d) : "-"; };
  if (k == "vendor") return o.vendor;
  if (k == "instance_type") return o.instance_type;
  if (k == "region") return csv ? o.region : RegionCell(o.vendor, o.region, lang);
  if (k == "zone") return o.zone.empty() ? "-" : o.zone;
  if (k == "gpu") return o.gpu;
  if (k == "gpu_count") return Fixed(o.gpu_count, 3);
  if (k == "gpu_mem_gib") return opt(o.gpu_mem_gib, 1);
  if (k == "vcpus") return opt(o.vcpus, 0);
  if (k == "mem_gib") return opt(o.mem_gib, 0);
  if (k == "price_hour") return Money(r.price_hour, r.price_hour_max);
  if (k == "spot_price_hour") return Money(r.spot_price_hour, std::nullopt);
  if (k == "reserved_hour") return Money(r.reserved_hour, std::nullopt);
  if (k == "monthly_price") return Money(r.monthly_price, r.monthly_price_max);
  if (k == "currency") return std::string(CurrencyCode(r.currency));
  if (k == "flags") {
    const std::vector<std::string> marks = SuspectNames(o.suspect);
    return marks.empty() ? (csv ? "" : "-") : Join(marks, csv ? ";" : ",");
  }
  return o.source;
}

// What each flag in the table means, once, for the flags shown.
void PrintFlagLegend(std::ostream& out, const OfferAnswer& answer, Lang lang) {
  uint8_t seen = 0;
  for (const auto& r : answer.rows) seen |= r.offer->suspect;
  for (std::string_view key : SuspectKeys(seen)) out << Render(Message(std::string(key), "data/SOURCES.md#suspect-rows"), lang) << "\n";
}

TextTable OfferTable(const OfferAnswer& answer, bool all_regions, OutputFormat format, Lang lang) {
  TextTable t;
  t.keys = OfferColumns(answer, all_regions, format);
  for (const auto& k : t.keys) {
    t.headers.emplace_back(Tr(lang, k));
    t.right_align.push_back(k == "gpu_count" || k == "gpu_mem_gib" || k == "vcpus" || k == "mem_gib" ||
                            k.find("price") != std::string::npos || k == "reserved_hour");
  }
  for (const auto& r : answer.rows) {
    std::vector<std::string> row;
    for (const auto& k : t.keys) row.push_back(Cell(r, k, format == OutputFormat::kCsv, lang));
    t.rows.push_back(std::move(row));
  }
  return t;
}

CommandResult RunOffers(Context& ctx, const OffersArgs& a) {
  GS_TRY(pricing, ctx.GetPricing());
  const OutputFormat format = pricing.format;
  OffersArgs args = a;
  args.max_price_age_days = ctx.options.max_price_age_days;
  GS_TRY(answer, FindOffers(*pricing.catalog, args, pricing.currency, pricing.rate));
  const Lang lang = ctx.language();
  const int code = answer.rows.empty() ? static_cast<int>(ExitCode::kAnsweredNo) : 0;
  const std::string rate_note = std::string(Tr(lang, "rate_note")) + " " + Render(pricing.rate.Describe(), lang);
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(OffersToJson(answer), 2) << "\n";
    if (answer.mixed_currencies) *ctx.err << rate_note << "\n";
    return code;
  }
  const TextTable t = OfferTable(answer, a.all_regions, format, lang);
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    if (answer.mixed_currencies) *ctx.err << rate_note << "\n";
    return code;
  }
  if (answer.rows.empty()) {
    *ctx.out << Tr(lang, "no_offers") << "\n";
    return code;
  }
  t.PrintText(*ctx.out);
  *ctx.out << "\n";
  PrintFlagLegend(*ctx.out, answer, lang);
  if (!a.all_regions) *ctx.out << Tr(lang, "cheapest_region_note") << "\n";
  *ctx.out << Tr(lang, "missing_note") << "\n";
  if (answer.mixed_currencies) *ctx.out << rate_note << "\n";
  PrintPriceAges(*ctx.out, answer.price_ages, answer.max_price_age_days, lang);
  return code;
}

// A number of 0 or more, said so when it is not (CLI11's range check prints
// its bounds to six decimals).
CLI::Validator NonNegative() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double v = 0;
        if (!CLI::detail::lexical_cast(text, v) || !(v >= 0) || !std::isfinite(v)) return "expected a number, 0 or more, got " + text;
        return "";
      },
      "NUMBER >= 0");
}

}  // namespace

void AddOffersCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand("offers", "Which GPU instances exist where, at what price");
  auto a = std::make_shared<OffersArgs>();
  sub->add_option("--gpu", a->gpu,
                  "NAME[:COUNT][,NAME...]: GPUs, aliases or families (A100 = both memory sizes), comma-separated "
                  "as everywhere; COUNT = GPUs per instance, one for the list");
  sub->add_option("--vendor", a->vendor, "Comma-separated vendors (aws,gcp,azure,alibaba,...)");
  sub->add_option("--region", a->region, "Regular expression (RE2) on the region name, case-insensitive");
  sub->add_option("--min-gpu-mem", a->min_gpu_mem, "Minimum memory per GPU, GiB")
      ->check(NonNegative());
  sub->add_option("--max-price", a->max_price,
                  "Maximum price per hour, in --currency (USD when not given)")
      ->check(NonNegative());
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
