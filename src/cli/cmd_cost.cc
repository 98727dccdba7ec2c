// gpuscout cost: one instance priced under every purchase option over a usage
// profile, with the usage at which each beats on demand; --all-regions
// compares the same instance across regions.
#include <fmt/format.h>

#include <ostream>

#include "base/message.h"
#include "codec/json_text.h"
#include "base/strings.h"
// CLI11's header inlines a string move that g++ 12 reports as a null
// dereference (a false positive, as in cmd_completion.cc): silenced for the
// library's headers only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include "cli/commands.h"
#include "cli/workload_options.h"
#pragma GCC diagnostic pop
#include "cli/output.h"
#include "codec/cost_json.h"
#include "service/cost.h"

namespace gpuscout::cli {
namespace {

// The purchase options as CSV: numbers only, the rate's unit in its own
// column, an assumed rate flagged (the table's "55.04/h*").
TextTable CostCsv(const CostAnswer& answer, Lang lang) {
  TextTable t;
  t.keys = {"purchase", "available", "rate", "rate_unit", "rate_assumed", "total", "compute", "interruption", "storage",
            "egress", "discount", "effective_hourly", "break_even_hours_per_month", "note"};
  for (size_t i = 0; i < answer.options.size(); ++i) {
    const OptionCost& c = answer.options[i];
    if (!c.available) {
      std::vector<std::string> row = {std::string(PurchaseName(c.purchase)), "false"};
      row.resize(t.keys.size() - 1);
      row.emplace_back(Tr(lang, c.why_not));
      t.rows.push_back(std::move(row));
      continue;
    }
    const CostParts p = i < answer.parts.size() ? answer.parts[i] : CostParts{c.total, 0, 0, 0, 0};
    t.rows.push_back({std::string(PurchaseName(c.purchase)), "true", fmt::format("{}", c.rate),
                      c.purchase == Purchase::kMonthly ? "month" : "hour", c.rate_assumed ? "true" : "false",
                      fmt::format("{}", c.total), fmt::format("{}", p.compute), fmt::format("{}", p.interruption),
                      fmt::format("{}", p.storage), fmt::format("{}", p.egress), fmt::format("{}", p.discount),
                      fmt::format("{}", c.effective_hourly),
                      c.break_even_hours_per_month ? fmt::format("{}", *c.break_even_hours_per_month) : "", Render(c.note, lang)});
  }
  return t;
}

// Whether any option's total has more than its compute: the table then
// shows the parts.
bool HasParts(const CostAnswer& answer) {
  for (const auto& p : answer.parts) {
    if (p.interruption > 0 || p.storage > 0 || p.egress > 0 || p.discount > 0) return true;
  }
  return false;
}

TextTable OptionsTable(const CostAnswer& answer, Lang lang) {
  TextTable t;
  const bool parts = HasParts(answer);
  t.keys = {"purchase", "rate", "total", "effective_hourly", "break_even_hours_per_month", "note"};
  if (parts) t.keys.insert(t.keys.begin() + 3, {"compute", "interruption", "storage", "egress", "discount"});
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(lang, "cost_h_" + k));
  t.right_align.assign(t.keys.size(), true);
  t.right_align.front() = t.right_align.back() = false;
  for (size_t i = 0; i < answer.options.size(); ++i) {
    const OptionCost& c = answer.options[i];
    std::vector<std::string> row = {std::string(PurchaseName(c.purchase))};
    if (!c.available) {
      row.resize(t.keys.size() - 1, "-");
      row.emplace_back(Tr(lang, c.why_not));
      t.rows.push_back(std::move(row));
      continue;
    }
    row.push_back(Fixed(c.rate, 4) + (c.purchase == Purchase::kMonthly ? "/mo" : "/h") + (c.rate_assumed ? "*" : ""));
    row.push_back(Fixed(c.total, 2));
    if (parts) {
      const CostParts& p = answer.parts[i];
      for (double v : {p.compute, p.interruption, p.storage, p.egress, p.discount > 0 ? -p.discount : 0.0}) row.push_back(Fixed(v, 2));
    }
    row.push_back(Fixed(c.effective_hourly, 4));
    row.push_back(c.break_even_hours_per_month ? Fixed(*c.break_even_hours_per_month, 0) : "-");
    row.push_back(Render(c.note, lang));
    t.rows.push_back(std::move(row));
  }
  return t;
}

int PrintRegions(Context& ctx, const CostAnswer& answer, const CostArgs& a, OutputFormat format) {
  const Lang lang = ctx.language();
  const std::string cur(CurrencyCode(answer.currency));
  TextTable t;
  t.keys = {"region", "price_hour", "vs_cheapest_pct", "spot_price_hour", "reserved_hour", "currency"};
  t.headers = {std::string(Tr(lang, "region")), std::string(Tr(lang, "price_hour")), "+%", std::string(Tr(lang, "spot_price_hour")),
               std::string(Tr(lang, "reserved_hour")), std::string(Tr(lang, "currency"))};
  t.right_align = {false, true, true, true, true, false};
  auto shown = [](const std::optional<double>& v, int digits) { return v ? Fixed(*v, digits) : std::string("-"); };
  for (const auto& r : answer.regions) {
    t.rows.push_back({r.offer->region, shown(r.price_hour, 4), shown(r.vs_cheapest_pct, 1), shown(r.spot_price_hour, 4),
                      shown(r.reserved_hour, 4), cur});
  }
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return 0;
  }
  *ctx.out << Render(Message("cost.regions_title").With("vendor", a.vendor)
                         .With("type", answer.regions.front().offer->instance_type).With("regions", answer.regions.size()),
                     lang)
           << "\n\n";
  t.PrintText(*ctx.out);
  *ctx.out << "\n";
  PrintPriceAges(*ctx.out, answer.price_ages, a.max_price_age_days, lang);
  return 0;
}

Message Title(const CostAnswer& answer, const CostArgs& a) {
  const Offer* offer = answer.offer;
  const std::string zone = offer->zone.empty() ? "" : " (" + offer->zone + ")";
  if (a.job_hours) {
    return Message("cost.title_job").With("vendor", offer->vendor).With("type", offer->instance_type)
        .With("region", offer->region).With("zone", zone).With("hours", *a.job_hours)
        .With("currency", CurrencyCode(answer.currency));
  }
  return Message("cost.title").With("vendor", offer->vendor).With("type", offer->instance_type).With("region", offer->region)
      .With("zone", zone).With("hours", a.hours_per_month).With("months", a.months)
      .With("total", a.hours_per_month * a.months).With("currency", CurrencyCode(answer.currency));
}

CommandResult RunCost(Context& ctx, const CostArgs& a) {
  GS_TRY(pricing, ctx.GetPricing());
  const OutputFormat format = pricing.format;
  CostArgs args = a;
  args.max_price_age_days = ctx.options.max_price_age_days;
  GS_TRY(answer, PriceInstance(*pricing.catalog, args, pricing.currency, pricing.rate));
  const Lang lang = ctx.language();
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(CostToJson(answer, lang), 2) << "\n";
    return 0;
  }
  if (!answer.regions.empty()) return PrintRegions(ctx, answer, args, format);
  if (format == OutputFormat::kCsv) {
    CostCsv(answer, lang).PrintCsv(*ctx.out);
    return 0;
  }
  *ctx.out << Render(Title(answer, args), lang) << "\n\n";
  OptionsTable(answer, lang).PrintText(*ctx.out);
  bool assumed = false, break_even = false;
  for (const auto& c : answer.options) {
    assumed = assumed || (c.available && c.rate_assumed);
    break_even = break_even || (c.available && c.break_even_hours_per_month);
  }
  if (break_even) *ctx.out << "\n" << Render(Message("cost.legend"), lang) << "\n";
  if (assumed) *ctx.out << Render(Message("cost.legend_assumed"), lang) << "\n";
  if (answer.converted) *ctx.out << Render(Message("cost.converted").With("rate", pricing.rate.Describe()), lang) << "\n";
  for (const auto& m : answer.terms) *ctx.out << "- " << Render(m, lang) << "\n";
  PrintPriceAges(*ctx.out, answer.price_ages, args.max_price_age_days, lang);
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
  sub->add_option("--job-hours", a->job_hours, "One job of this many hours, billed in the vendor's unit (instead of --hours-per-month x --months)");
  AddJobTermOptions(sub, a->job);
  out.emplace_back(sub, [&ctx, a] { return RunCost(ctx, *a); });
}

}  // namespace gpuscout::cli
