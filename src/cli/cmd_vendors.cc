// gpuscout vendors [--gpu NAME]: the seed's vendor matrix as computed facts.
#include <fmt/format.h>

#include <ostream>

#include "codec/json_text.h"
#include "base/strings.h"
#include "catalog/vendor_summary.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/catalog_json.h"

namespace gpuscout::cli {
namespace {

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
  const auto summary = SummariseVendors(*catalog, gpus, cur, rate);
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
  t.headers = {"VENDOR", "GPU", "OFFERS", "MEDIAN/GPU-h", "CHEAPEST/GPU-h", "CHEAPEST OFFER"};
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
  for (const auto& v : summary) {
    *ctx.out << fmt::format("{}: {} offers in {} regions{}; GPUs: {}\n", v.vendor, v.offers, v.regions.size(),
                            v.zones ? fmt::format(" ({} zones)", v.zones) : "", Join(v.gpus, ", "));
    *ctx.out << fmt::format("  spot on {} of {} priced offers{}; reserved prices on {}, monthly on {}", v.with_spot,
                            v.priced,
                            v.median_spot_discount ? fmt::format(" (median discount {:.0f}%)", 100 * *v.median_spot_discount) : "",
                            v.with_reserved, v.with_monthly);
    if (v.largest) {
      *ctx.out << fmt::format("; largest node {} with {:g} x {} ({:.0f} GiB of GPU memory)", v.largest->instance_type,
                              v.largest->gpu_count, v.largest->gpu, v.largest->gpu_mem_gib.value_or(0) * v.largest->gpu_count);
    }
    *ctx.out << "\n  between nodes: ";
    std::vector<std::string> parts;
    for (const auto& r : v.rdma) {
      parts.push_back(fmt::format("{} on {} instance type(s){} ({})", r.technology, r.instance_types.size(),
                                  r.max_gbps > 0 ? fmt::format(", up to {:g} Gbit/s", r.max_gbps) : "",
                                  Join(std::vector<std::string>(r.instance_types.begin(),
                                                                r.instance_types.begin() + std::min<std::ptrdiff_t>(3, std::ssize(r.instance_types))),
                                       ", ") + (r.instance_types.size() > 3 ? ", ..." : "")));
    }
    if (v.without_rdma) parts.push_back(fmt::format("no RDMA on {} instance type(s)", v.without_rdma));
    if (v.rdma_unknown) parts.push_back(fmt::format("not known for {} instance type(s)", v.rdma_unknown));
    *ctx.out << Join(parts, "; ") << "\n";
  }
  *ctx.out << "\n";
  t.PrintText(*ctx.out);
  *ctx.out << fmt::format("\nPrices per GPU-hour in {} (offers with at least one whole GPU and an on-demand price){}.\n"
                          "RDMA per instance family from data/network_facts.csv (sources in data/SOURCES.md); stock and "
                          "capacity are not published, so nothing is said of them.\n",
                          CurrencyCode(cur), " at " + rate.Describe());
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
