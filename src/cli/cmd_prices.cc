// gpuscout prices history: how an offer's prices moved, from the snapshot's
// first point through every import and refresh since.
#include <fmt/format.h>

#include <map>
#include <ostream>

#include "base/message.h"
#include "base/strings.h"
#include "catalog/embedded_catalog.h"
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include "cli/commands.h"
#pragma GCC diagnostic pop
#include "cli/output.h"
#include "codec/history_json.h"
#include "codec/json_text.h"

namespace gpuscout::cli {
namespace {

struct HistoryArgs {
  std::string vendor;
  std::string instance;
  std::string region;
  std::string since;
  std::string db;  // a team server's PostgreSQL store
};

std::string Num(double v) { return fmt::format("{:.6g}", v); }

std::string AsOf(const std::string& as_of) { return as_of.empty() ? "undated" : as_of; }

TextTable PointsTable(const std::vector<PriceSeries>& series, const std::string& vendor, const std::string& type, Lang lang) {
  TextTable t;
  t.keys = {"vendor", "instance_type", "region", "zones", "purchase", "as_of", "price", "currency", "origin"};
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(lang, k));
  t.right_align = {false, false, false, false, false, false, true, false, false};
  for (const PriceSeries& s : series) {
    for (const PricePoint& p : s.points) {
      t.rows.push_back({vendor, type, s.region, Join(s.zones, " "), s.purchase, AsOf(p.as_of), Num(p.price),
                        p.currency, p.origin});
    }
  }
  return t;
}

void PrintSummaries(std::ostream& out, const std::vector<PriceSeries>& series, Lang lang) {
  for (const PriceSeries& s : series) {
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
  std::unique_ptr<Store> store;
  if (!a.db.empty()) {
    if (!Store::IsPostgresUrl(a.db)) {
      return tl::unexpected(
          OptionError("db", Render(Message("history.db_url").With("path", DefaultPriceHistoryPath()), ctx.language())));
    }
    GS_TRY(opened, Store::Open(a.db));
    store = std::move(opened);
  }
  GS_TRY(history, store ? OpenPriceHistory(*store) : OpenPriceHistory());
  GS_TRY(points, history->Points({ToLower(a.vendor), a.instance, a.region, a.since}));
  if (points.empty()) {
    *ctx.err << Render(Message("history.none").With("vendor", a.vendor).With("type", a.instance), ctx.language()) << "\n";
    return static_cast<int>(ExitCode::kAnsweredNo);
  }
  const std::vector<PriceSeries> series = GroupSeries(points);
  const std::string type = points.front().instance_type, vendor = points.front().vendor;
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(PriceHistoryToJson(vendor, type, series), 2) << "\n";
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
  return SqlitePriceHistory::Open(DefaultPriceHistoryPath(), snapshot.offers(), snapshot.price_origins());
}

Result<std::unique_ptr<PriceHistory>> OpenPriceHistory(Store& store) {
  GS_TRY(snapshot, Catalog::FromSnapshot(EmbeddedData()));
  GS_TRY(stored, store.StoredPriceHistory([&] { return SnapshotPoints(snapshot.offers(), snapshot.price_origins()); }));
  if (stored) return stored;
  return OpenPriceHistory();
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
  sub->add_option("--db", a->db, "A team server's store (postgresql://USER@HOST:PORT/DB) instead of your own history");
  out.emplace_back(sub, [&ctx, a] { return RunHistory(ctx, *a); });
}

}  // namespace gpuscout::cli
