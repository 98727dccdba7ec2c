// gpuscout cost: one instance priced under every purchase option over a usage
// profile, with the usage at which each beats on demand; --all-regions
// compares the same instance across regions.
#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "base/strings.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/recommend_json.h"
#include "cost/cost_model.h"

namespace gpuscout::cli {
namespace {

struct CostArgs {
  std::string vendor, instance, region;
  double hours_per_month = kHoursPerMonth;
  double months = 1;
  bool all_regions = false;
  std::optional<double> interruptions;
};

CommandResult RunCost(Context& ctx, const CostArgs& a) {
  auto pricing = ctx.GetPricing();
  if (!pricing) return tl::unexpected(pricing.error());
  const OutputFormat format = pricing->format;
  const Catalog* catalog = pricing->catalog;
  const std::optional<Currency> currency_opt = pricing->currency;
  const ExchangeRate rate = pricing->rate;
  auto fail = [](const char* field, std::string message) {
    Error e;
    e.field = field;
    e.message = std::move(message);
    return tl::unexpected(e);
  };
  if (!(a.hours_per_month > 0 && a.hours_per_month <= kHoursPerMonth + 1e-9)) {
    return fail("--hours-per-month", fmt::format("{} is out of range: expected above 0 and at most {}", a.hours_per_month, kHoursPerMonth));
  }
  if (!(a.months > 0 && a.months <= 120)) return fail("--months", "expected above 0 and at most 120");
  std::vector<const Offer*> matches;
  for (const auto& o : catalog->offers()) {
    if (o.vendor == ToLower(a.vendor) && ToLower(o.instance_type) == ToLower(a.instance)) matches.push_back(&o);
  }
  if (matches.empty()) {
    std::vector<std::string> names;
    for (const auto& o : catalog->offers()) {
      if (o.vendor == ToLower(a.vendor)) names.push_back(o.instance_type);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    auto near = Closest(a.instance, names);
    return fail("--instance", "no offer " + a.instance + " from '" + a.vendor + "' in the catalog" +
                                  (near.empty() ? "" : "; did you mean " + Join(near, ", ") + "?"));
  }
  SpotParams spot;
  if (a.interruptions) {
    if (!(*a.interruptions > 0)) return fail("--interruptions-per-day", "must be above 0");
    spot.interruptions_per_day = *a.interruptions;
  }
  // Spot for a service: capacity is replaced, nothing is re-run; use a checkpointed job model's
  // overhead only for jobs. Here the usage is a service: no re-run cost beyond restarts.
  spot.checkpoint_minutes = 0;
  const Usage usage{a.hours_per_month, a.months};
  const Currency out_currency = currency_opt.value_or(matches.front()->currency);
  auto conv = [&](double v, const Offer& o) { return rate.Convert(v, o.currency, out_currency); };
  const Lang lang = ctx.language();

  if (a.all_regions) {
    // One row per region: the zone with the lowest on-demand price.
    std::map<std::string, const Offer*> per_region;
    for (const Offer* o : matches) {
      auto& slot = per_region[o->region];
      if (!slot || (o->price_hour && (!slot->price_hour || *o->price_hour < *slot->price_hour))) slot = o;
    }
    std::vector<const Offer*> rows;
    for (auto& [r, o] : per_region) rows.push_back(o);
    std::sort(rows.begin(), rows.end(), [&](const Offer* x, const Offer* y) {
      const double px = x->price_hour ? conv(*x->price_hour, *x) : 1e300;
      const double py = y->price_hour ? conv(*y->price_hour, *y) : 1e300;
      return px != py ? px < py : x->region < y->region;
    });
    const double cheapest = rows.front()->price_hour ? conv(*rows.front()->price_hour, *rows.front()) : 0;
    nlohmann::json j = nlohmann::json::array();
    TextTable t;
    t.keys = {"region", "price_hour", "vs_cheapest_pct", "spot_price_hour", "reserved_hour", "currency"};
    t.headers = {std::string(Tr(lang, "region")), std::string(Tr(lang, "price_hour")), "+%", std::string(Tr(lang, "spot_price_hour")),
                 std::string(Tr(lang, "reserved_hour")), std::string(Tr(lang, "currency"))};
    t.right_align = {false, true, true, true, true, false};
    for (const Offer* o : rows) {
      auto shown = [&](const std::optional<double>& v) { return v ? Fixed(conv(*v, *o), 4) : std::string("-"); };
      double pct = 0;
      const bool has_pct = o->price_hour && cheapest > 0;
      if (has_pct) pct = 100 * (conv(*o->price_hour, *o) / cheapest - 1);
      nlohmann::json pct_json = nullptr;
      if (has_pct) pct_json = pct;
      t.rows.push_back({o->region, shown(o->price_hour), has_pct ? Fixed(pct, 1) : "-", shown(o->spot_price_hour),
                        shown(o->reserved_hour), std::string(CurrencyCode(out_currency))});
      j.push_back({{"region", o->region},
                   {"price_hour", o->price_hour ? nlohmann::json(conv(*o->price_hour, *o)) : nlohmann::json(nullptr)},
                   {"vs_cheapest_pct", pct_json},
                   {"spot_price_hour", o->spot_price_hour ? nlohmann::json(conv(*o->spot_price_hour, *o)) : nlohmann::json(nullptr)},
                   {"currency", std::string(CurrencyCode(out_currency))},
                   {"source", o->source}});
    }
    if (format == OutputFormat::kJson) {
      *ctx.out << j.dump(2) << "\n";
    } else if (format == OutputFormat::kCsv) {
      t.PrintCsv(*ctx.out);
    } else {
      *ctx.out << a.vendor << " " << matches.front()->instance_type << " in " << rows.size() << " regions\n\n";
      t.PrintText(*ctx.out);
    }
    return 0;
  }

  const Offer* offer = nullptr;
  for (const Offer* o : matches) {
    if (!a.region.empty() && o->region != a.region) continue;
    if (!offer || (o->price_hour && (!offer->price_hour || *o->price_hour < *offer->price_hour))) offer = o;
  }
  if (!offer) {
    std::vector<std::string> regions;
    for (const Offer* o : matches) regions.push_back(o->region);
    std::sort(regions.begin(), regions.end());
    regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
    return fail("--region", a.instance + " is not offered in '" + a.region + "'; regions: " + Join(regions, ", "));
  }
  auto options = PriceOptions(*offer, usage, spot);
  for (auto& c : options) {
    c.rate = conv(c.rate, *offer);
    c.total = conv(c.total, *offer);
    c.effective_hourly = conv(c.effective_hourly, *offer);
  }
  if (format == OutputFormat::kJson) {
    nlohmann::json j;
    j["vendor"] = offer->vendor;
    j["instance_type"] = offer->instance_type;
    j["region"] = offer->region;
    j["zone"] = offer->zone;
    j["hours_per_month"] = a.hours_per_month;
    j["months"] = a.months;
    j["source"] = offer->source;
    for (const auto& c : options) j["options"].push_back(OptionCostToJson(c, out_currency));
    *ctx.out << j.dump(2) << "\n";
    return 0;
  }
  TextTable t;
  t.keys = {"purchase", "rate", "total", "effective_hourly", "break_even_hours_per_month", "note"};
  t.headers = {"OPTION", "RATE", "TOTAL", "EFFECTIVE/h", "BREAK-EVEN h/month", "NOTE"};
  t.right_align = {false, true, true, true, true, false};
  for (const auto& c : options) {
    if (!c.available) {
      t.rows.push_back({std::string(PurchaseName(c.purchase)), "-", "-", "-", "-", std::string(c.why_not)});
      continue;
    }
    t.rows.push_back({std::string(PurchaseName(c.purchase)),
                      Fixed(c.rate, 4) + (c.purchase == Purchase::kMonthly ? "/mo" : "/h") + (c.rate_assumed ? "*" : ""),
                      Fixed(c.total, 2), Fixed(c.effective_hourly, 4),
                      c.break_even_hours_per_month ? Fixed(*c.break_even_hours_per_month, 0) : "-", c.note});
  }
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return 0;
  }
  *ctx.out << fmt::format("{} {} in {}{}: {} h/month for {} months = {} h, prices in {}\n\n", offer->vendor,
                          offer->instance_type, offer->region, offer->zone.empty() ? "" : " (" + offer->zone + ")",
                          a.hours_per_month, a.months, a.hours_per_month * a.months, CurrencyCode(out_currency));
  t.PrintText(*ctx.out);
  *ctx.out << "\nBREAK-EVEN: the usage per month above which the option costs less than on demand; a commitment is "
              "paid for its whole term (1 or 3 years), used or not.\n* a default discount (src/cost/purchase.h, "
              "data/SOURCES.md), not a published price.\n";
  if (offer->currency != out_currency) *ctx.out << "Converted at " << rate.Describe() << "\n";
  return 0;
}

}  // namespace

void AddCostCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand("cost", "One instance priced under every purchase option over a usage profile, with "
                                         "break-even points; --all-regions compares regions");
  auto a = std::make_shared<CostArgs>();
  sub->add_option("--vendor", a->vendor, "Vendor")->required();
  sub->add_option("--instance", a->instance, "Instance type")->required();
  sub->add_option("--region", a->region, "Region (default: the cheapest that offers it)");
  sub->add_option("--hours-per-month", a->hours_per_month, "Hours used per month (default 730: always on)");
  sub->add_option("--months", a->months, "Months of use (default 1)");
  sub->add_flag("--all-regions", a->all_regions, "The same instance in every region, against the cheapest");
  sub->add_option("--interruptions-per-day", a->interruptions, "Spot interruption rate (default: 20% a month)");
  out.emplace_back(sub, [&ctx, a] { return RunCost(ctx, *a); });
}

}  // namespace gpuscout::cli
