// gpuscout vendors [--gpu NAME]: the seed's vendor matrix as computed facts.
#include <fmt/format.h>

#include <ostream>

#include "base/message.h"
#include "codec/json_text.h"
#include "base/strings.h"
#include "catalog/vendor_summary.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/catalog_json.h"

namespace gpuscout::cli {
namespace {

// One vendor's paragraph: offers, purchase options, the largest node, RDMA.
void PrintVendor(std::ostream& out, const VendorSummary& v, Lang lang) {
  out << Render(Message("vendors.offers").With("vendor", v.vendor).With("offers", v.offers).With("regions", v.regions.size())
                    .With("zones", v.zones ? Message("vendors.zones").With("n", v.zones) : Message())
                    .With("gpus", Join(v.gpus, ", ")),
                lang)
      << "\n  ";
  Message purchase = Message("vendors.purchase").With("spot", v.with_spot).With("priced", v.priced)
                         .With("discount", v.median_spot_discount
                                               ? Message("vendors.discount").With("pct", 100 * *v.median_spot_discount)
                                               : Message())
                         .With("reserved", v.with_reserved).With("monthly", v.with_monthly);
  purchase.With("largest", v.largest ? Message("vendors.largest").With("type", v.largest->instance_type)
                                           .With("count", v.largest->gpu_count).With("gpu", v.largest->gpu)
                                           .With("gib", v.largest->gpu_mem_gib.value_or(0) * v.largest->gpu_count)
                                     : Message());
  out << Render(purchase, lang) << "\n  ";
  std::vector<std::string> parts;
  for (const auto& r : v.rdma) {
    const auto shown = std::min<std::ptrdiff_t>(3, std::ssize(r.instance_types));
    const std::string types = Join(std::vector<std::string>(r.instance_types.begin(), r.instance_types.begin() + shown), ", ") +
                              (r.instance_types.size() > 3 ? ", ..." : "");
    parts.push_back(Render(Message("vendors.rdma").With("tech", r.technology).With("n", r.instance_types.size())
                               .With("max", r.max_gbps > 0 ? Message("vendors.up_to").With("gbps", r.max_gbps) : Message())
                               .With("types", types),
                           lang));
  }
  if (v.without_rdma) parts.push_back(Render(Message("vendors.no_rdma").With("n", v.without_rdma), lang));
  if (v.rdma_unknown) parts.push_back(Render(Message("vendors.rdma_unknown").With("n", v.rdma_unknown), lang));
  out << Render(Message("vendors.between_nodes").With("parts", Join(parts, Tr(lang, "list_separator"))), lang) << "\n";
}

CommandResult RunVendors(Context& ctx, const std::string& gpu) {
  GS_TRY(pricing, ctx.GetPricing());
  const OutputFormat format = pricing.format;
  const Catalog* catalog = pricing.catalog;
  const std::optional<Currency> currency = pricing.currency;
  const ExchangeRate rate = pricing.rate;
  std::vector<const GpuSpec*> gpus;
  if (!gpu.empty()) {
    GS_TRY(g, catalog->gpus().MatchUser(gpu));
    gpus = g;
  }
  const Currency cur = currency.value_or(Currency::kUSD);
  const auto summary = SummariseVendors(*catalog, gpus, cur, rate, ctx.options.max_price_age_days);
  if (summary.empty()) {
    *ctx.out << (format == OutputFormat::kJson ? "[]\n" : "No vendor offers that GPU.\n");
    return static_cast<int>(ExitCode::kAnsweredNo);
  }
  if (format == OutputFormat::kJson) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& v : summary) a.push_back(VendorSummaryToJson(v, cur, rate));
    *ctx.out << JsonText(a, 2) << "\n";
    return 0;
  }
  TextTable t;
  t.keys = {"vendor", "gpu", "offers", "median_per_gpu_hour", "cheapest_per_gpu_hour", "cheapest_offer"};
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(ctx.language(), "vendors_h_" + k));
  t.right_align = {false, false, true, true, true, false};
  for (const auto& v : summary) {
    for (const auto& p : v.prices) {
      t.rows.push_back({v.vendor, p.gpu, std::to_string(p.offers), Fixed(p.median_per_gpu_hour, 3),
                        Fixed(p.cheapest_per_gpu_hour, 3), p.cheapest->instance_type + " @ " + p.cheapest->region});
    }
  }
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return 0;
  }
  const Lang lang = ctx.language();
  for (const auto& v : summary) PrintVendor(*ctx.out, v, lang);
  *ctx.out << "\n";
  t.PrintText(*ctx.out);
  *ctx.out << "\n" << Render(Message("vendors.legend").With("cur", CurrencyCode(cur)).With("rate", rate.Describe()), lang) << "\n";
  std::vector<PriceAge> ages;
  for (const auto& v : summary) ages.push_back(v.price_age);
  PrintPriceAges(*ctx.out, ages, ctx.options.max_price_age_days, lang);
  return 0;
}

}  // namespace

void AddVendorsCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand("vendors", "Per vendor, from the catalog: regions, GPU models, price per GPU-hour, RDMA, "
                                            "spot, commitments, the largest node");
  auto gpu = std::make_shared<std::string>();
  sub->add_option("--gpu", *gpu, "Only this GPU or family");
  out.emplace_back(sub, [&ctx, gpu] { return RunVendors(ctx, *gpu); });
}

}  // namespace gpuscout::cli
