// gpuscout catalog refresh: current prices from the vendors' public APIs.
#include <unistd.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <ostream>

#include "base/message.h"
#include "base/strings.h"
#include "catalog/embedded_catalog.h"
#include "catalog/user_store.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/json_text.h"
#include "base/atomic_file.h"
#include "refresh/credentials.h"
#include "refresh/refresh.h"

namespace gpuscout::cli {
namespace {

struct RefreshArgs {
  std::string vendors;
  std::string regions;
  std::string endpoint;
  bool dry_run = false;
  double timeout_s = 1800;
  std::string credentials;  // a NAME=value file (refresh/credentials.h)
};

std::string NowIso() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::vector<std::string> List(const std::string& text) {
  std::vector<std::string> out;
  for (std::string& item : Split(text, ',')) {
    item = std::string(Trim(item));
    if (!item.empty()) out.push_back(std::move(item));
  }
  return out;
}

std::string Megabytes(size_t bytes) { return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6); }

nlohmann::json OutcomeJson(const VendorRefresh& r) {
  nlohmann::json j = {{"vendor", r.vendor},       {"ok", !r.error}, {"skipped", r.skipped},
                      {"api", r.api},             {"file", r.target},
                      {"prices_fetched", r.prices}, {"offers_stored", r.offers},
                      {"requests", r.requests},   {"bytes", r.bytes},
                      {"spot_kept_from_catalog", r.spot_kept},
                      {"history_points", r.history_points},
                      {"unknown_instance_types", r.unknown_types},
                      {"notes", nlohmann::json::array()}};
  for (const Message& n : r.notes) j["notes"].push_back(Render(n, Lang::kEn));
  j["error"] = r.error ? nlohmann::json(r.error->Format()) : nlohmann::json(nullptr);
  return j;
}

void PrintOutcome(std::ostream& out, const VendorRefresh& r, bool dry_run, Lang lang) {
  if (r.skipped) {
    out << Render(Message(r.skip_key).With("vendor", r.vendor).With("vars", Join(KeyVariables(r.vendor), " and ")), lang)
        << "\n";
    return;
  }
  if (r.error) {
    out << Render(Message("refresh.failed").With("vendor", r.vendor).With("error", Verbatim(r.error->Format())), lang)
        << "\n";
    return;
  }
  out << Render(Message(dry_run ? "refresh.checked" : "refresh.stored")
                    .With("vendor", r.vendor).With("offers", r.offers).With("prices", r.prices)
                    .With("requests", r.requests).With("size", Megabytes(r.bytes)).With("file", r.target),
                lang)
      << "\n";
  if (!r.unknown_types.empty()) {
    out << "  " << Render(Message("refresh.unknown").With("types", Join(r.unknown_types, ", ")), lang) << "\n";
  }
  if (r.spot_kept) out << "  " << Render(Message("refresh.spot_kept").With("offers", r.spot_kept), lang) << "\n";
  for (const Message& n : r.notes) out << "  - " << Render(n, lang) << "\n";
}

CommandResult RunRefreshCommand(Context& ctx, const RefreshArgs& a) {
  GS_TRY(format, ctx.Format());
  GS_TRY(base, LoadCatalog(""));
  if (!(a.timeout_s >= 1 && a.timeout_s <= 86400)) return tl::unexpected(OptionError("timeout", "expected 1 to 86400 seconds"));
  if (!a.credentials.empty()) {
    // Into this process's environment only, where the vendors' clients read them.
    GS_TRY(text, ReadInputFile(a.credentials));
    GS_TRY(pairs, ReadCredentials(text, a.credentials));
    for (const auto& [name, value] : pairs) ::setenv(name.c_str(), value.c_str(), 1);
  }
  RefreshOptions options{List(a.vendors), a.endpoint, List(a.regions), a.dry_run, UserCatalogDir(), NowIso(), nullptr,
                         a.timeout_s};
  std::unique_ptr<PriceHistory> history;
  if (!a.dry_run) {
    GS_TRY(opened, OpenPriceHistory());
    history = std::move(opened);
    options.history = history.get();
  }
  const bool bar = format == OutputFormat::kTable && ::isatty(STDERR_FILENO);
  std::function<void(const FetchProgress&)> progress;
  if (bar) {
    progress = [&](const FetchProgress& p) {
      const double done = p.regions ? static_cast<double>(p.regions_done) / static_cast<double>(p.regions) : 0.0;
      *ctx.err << ProgressLine(done, fmt::format("{}: {}/{} regions, {} requests, {}, {} prices", p.vendor,
                                                 p.regions_done, p.regions, p.requests, Megabytes(p.bytes), p.rows))
               << std::flush;
    };
  }
  const HttpClient http;
  auto outcomes = RunRefresh(options, base, http, progress);
  if (bar) *ctx.err << ClearProgressLine() << std::flush;
  if (!outcomes) return tl::unexpected(outcomes.error());
  if (format == OutputFormat::kJson) {
    nlohmann::json j = {{"fetched_at", options.fetched_at}, {"dry_run", a.dry_run}, {"vendors", nlohmann::json::array()}};
    for (const VendorRefresh& r : *outcomes) j["vendors"].push_back(OutcomeJson(r));
    *ctx.out << JsonText(j, 2) << "\n";
  } else {
    for (const VendorRefresh& r : *outcomes) PrintOutcome(*ctx.out, r, a.dry_run, ctx.language());
  }
  return RefreshExitCode(*outcomes);
}

}  // namespace

void AddRefreshCommand(CLI::App& catalog, Context& ctx, Registered& out) {
  auto a = std::make_shared<RefreshArgs>();
  auto* sub = catalog.add_subcommand(
      "refresh", "Fetch current prices from the vendors' public price APIs into the user's catalog folder "
                 "(all or nothing per vendor)");
  sub->add_option("--vendor", a->vendors, "Vendors to refresh, comma-separated (default: all of " +
                                              Join(RefreshableVendors(), ", ") + ")");
  sub->add_option("--region", a->regions, "Regions to fetch, comma-separated (default: every region the catalog lists)");
  sub->add_option("--endpoint", a->endpoint, "Base URL replacing the vendor API's (a mirror, or a test server)");
  sub->add_flag("--dry-run", a->dry_run, "Fetch and check, store nothing");
  sub->add_option("--credentials", a->credentials,
                  "A file of NAME=value lines with the vendors' keys (TENCENTCLOUD_SECRET_ID, ALIBABA_CLOUD_ACCESS_KEY_ID, "
                  "LAMBDA_API_KEY ...), read instead of the environment; never printed");
  sub->add_option("--timeout", a->timeout_s, "Seconds the whole refresh may take; no request starts after it")
      ->capture_default_str();
  out.emplace_back(sub, [&ctx, a] { return RunRefreshCommand(ctx, *a); });
}

}  // namespace gpuscout::cli
