// gpuscout prices history: how an offer's prices moved, from the snapshot's
// first point through every import and refresh since.
#include <fmt/format.h>

#include <map>
#include <ostream>

#include "base/message.h"
#include "base/strings.h"
#include "catalog/embedded_catalog.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/json_text.h"

namespace gpuscout::cli {
namespace {

struct HistoryArgs {
  std::string vendor;
  std::string instance;
  std::string region;
  std::string since;
};

// One series as shown: the zones whose points are the same are one series.
struct Series {
  std::string region;
  std::vector<std::string> zones;
  std::string purchase;
  std::vector<PricePoint> points;
  SeriesSummary summary;
};

std::vector<Series> GroupSeries(const std::vector<PricePoint>& points) {
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<PricePoint>> by_zone;
  for (const PricePoint& p : points) by_zone[{p.region, p.purchase, p.zone}].push_back(p);
  std::map<std::string, Series> merged;  // region, purchase and the points' values
  for (auto& [key, pts] : by_zone) {
    std::string id = std::get<0>(key) + '\x1f' + std::get<1>(key);
    for (const PricePoint& p : pts) id += fmt::format("\x1f{}={}{}", p.as_of, p.price, p.currency);
    Series& s = merged[id];
    if (s.points.empty()) {
      s.region = std::get<0>(key);
      s.purchase = std::get<1>(key);
      s.points = pts;
    }
    if (!std::get<2>(key).empty()) s.zones.push_back(std::get<2>(key));
  }
  std::vector<Series> out;
  for (auto& [id, s] : merged) {
    std::vector<double> prices;
    for (const PricePoint& p : s.points) prices.push_back(p.price);
    s.summary = Summarise(prices);
    out.push_back(std::move(s));
  }
  return out;
}

std::string Num(double v) { return fmt::format("{:.6g}", v); }

std::string AsOf(const std::string& as_of) { return as_of.empty() ? "undated" : as_of; }

nlohmann::json SeriesJson(const Series& s) {
  nlohmann::json points = nlohmann::json::array();
  for (const PricePoint& p : s.points) {
    points.push_back({{"as_of", p.as_of.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.as_of)},
                      {"price", p.price}, {"origin", p.origin}});
  }
  const SeriesSummary& m = s.summary;
  return {{"region", s.region},  {"zones", s.zones},   {"purchase", s.purchase},
          {"currency", s.points.front().currency},   {"points", points},
          {"min", m.min},        {"median", m.median}, {"max", m.max},
          {"change", m.change},
          {"change_pct", m.change_pct ? nlohmann::json(*m.change_pct) : nlohmann::json(nullptr)}};
}

TextTable PointsTable(const std::vector<Series>& series, const std::string& vendor, const std::string& type, Lang lang) {
  TextTable t;
  t.keys = {"vendor", "instance_type", "region", "zones", "purchase", "as_of", "price", "currency", "origin"};
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(lang, k));
  t.right_align = {false, false, false, false, false, false, true, false, false};
  for (const Series& s : series) {
    for (const PricePoint& p : s.points) {
      t.rows.push_back({vendor, type, s.region, Join(s.zones, " "), s.purchase, AsOf(p.as_of), Num(p.price),
                        p.currency, p.origin});
    }
  }
  return t;
}

void PrintSummaries(std::ostream& out, const std::vector<Series>& series, Lang lang) {
  for (const Series& s : series) {
    const SeriesSummary& m = s.summary;
    out << Render(Message("history.series")
                      .With("region", s.zones.empty() ? s.region : s.region + " (" + Join(s.zones, " ") + ")")
                      .With("purchase", s.purchase)
                      .With("points", s.points.size()).With("min", Num(m.min))
                      .With("median", Num(m.median)).With("max", Num(m.max))
                      .With("change", fmt::format("{:+.6g}", m.change))
                      .With("pct", m.change_pct ? fmt::format("{:+.1f}%", *m.change_pct) : "-")
                      .With("cur", s.points.front().currency).With("since", AsOf(s.points.front().as_of)),
                  lang)
        << "\n";
  }
}

CommandResult RunHistory(Context& ctx, const HistoryArgs& a) {
  GS_TRY(format, ctx.Format());
  if (!a.since.empty() && !ParseDate(a.since)) return tl::unexpected(OptionError("since", "expected YYYY-MM-DD"));
  GS_TRY(history, OpenPriceHistory());
  GS_TRY(points, history->Points({ToLower(a.vendor), a.instance, a.region, a.since}));
  if (points.empty()) {
    *ctx.err << Render(Message("history.none").With("vendor", a.vendor).With("type", a.instance), ctx.language()) << "\n";
    return static_cast<int>(ExitCode::kAnsweredNo);
  }
  const std::vector<Series> series = GroupSeries(points);
  const std::string type = points.front().instance_type, vendor = points.front().vendor;
  if (format == OutputFormat::kJson) {
    nlohmann::json j = {{"vendor", vendor}, {"instance_type", type}, {"series", nlohmann::json::array()}};
    for (const Series& s : series) j["series"].push_back(SeriesJson(s));
    *ctx.out << JsonText(j, 2) << "\n";
    return 0;
  }
  const TextTable t = PointsTable(series, vendor, type, ctx.language());
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return 0;
  }
  t.PrintText(*ctx.out);
  *ctx.out << "\n";
  PrintSummaries(*ctx.out, series, ctx.language());
  return 0;
}

}  // namespace

Result<std::unique_ptr<PriceHistory>> OpenPriceHistory() {
  GS_TRY(snapshot, Catalog::FromSnapshot(EmbeddedData()));
  return PriceHistory::Open(DefaultPriceHistoryPath(), snapshot.offers(), snapshot.price_origins());
}

void AddPricesCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* prices = app.add_subcommand("prices", "How prices moved: the history every refresh and import keeps");
  prices->require_subcommand(1);
  auto a = std::make_shared<HistoryArgs>();
  auto* sub = prices->add_subcommand("history", "One instance type's price series, with min, median, max and change");
  sub->add_option("--vendor", a->vendor, "The vendor (aws, azure, ...)")->required();
  sub->add_option("--instance", a->instance, "The instance type (p5.48xlarge)")->required();
  sub->add_option("--region", a->region, "Only this region");
  sub->add_option("--since", a->since, "Only points from this day on (YYYY-MM-DD)");
  out.emplace_back(sub, [&ctx, a] { return RunHistory(ctx, *a); });
}

}  // namespace gpuscout::cli
