// gpuscout catalog validate | import | info
#include <filesystem>
#include <map>
#include <ostream>

#include "base/message.h"
#include "base/strings.h"
#include "codec/json_text.h"
#include "base/atomic_file.h"
#include "catalog/embedded_catalog.h"
#include "catalog/user_store.h"
#include "catalog/suspect.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "catalog/query.h"
#include "codec/catalog_json.h"

namespace gpuscout::cli {
namespace {

struct FileArgs {
  std::string format;  // the source layout (--source-format)
  std::string file;
  std::string vendor;
  bool private_vendor = false;  // --private-vendor: a vendor of the user's own
  std::string old_format;       // --format, the old spelling: a layout, or table/json/csv
};

// --format on catalog validate/import named the source layout until
// 2026-11, which hid the global --format. The old spelling still works for
// one release: a layout with a note, an output format as the global option.
Result<void> ResolveFormats(Context& ctx, FileArgs& a) {
  if (!a.old_format.empty()) {
    if (a.old_format == "table" || a.old_format == "json" || a.old_format == "csv") {
      ctx.options.format = a.old_format;
    } else if (a.format.empty()) {
      a.format = a.old_format;
      *ctx.err << "note: --format " << a.old_format << " names the source layout; it is --source-format now (--format "
               << "is the output: table, json or csv)\n";
    }
  }
  if (a.format.empty()) {
    return tl::unexpected(OptionError("source-format", "missing: the file's layout (skypilot, vantage, alibaba-prices, "
                                                       "alibaba-specs, tencent or gpuscout-offers)"));
  }
  return {};
}

// A vendor the catalog does not know is refused ("did you mean"), unless
// declared with --private-vendor: `--vendor amazon` would otherwise make a
// second AWS that `offers --vendor amazon` calls unknown.
Result<void> CheckVendor(Context& ctx, const FileArgs& a) {
  if (a.vendor.empty() || a.private_vendor) return {};
  GS_TRY(catalog, ctx.GetCatalog());
  auto known = ParseVendorList(*catalog, a.vendor);
  if (known) return {};
  Error e = known.error();
  e.message += "; a vendor of your own: --private-vendor";
  return tl::unexpected(e);
}

// Rows whose prices look wrong: a warning each (file:line, what), not an
// error: the row is read, and recommend does not rely on the suspect price.
void PrintSuspects(std::ostream& out, const std::vector<Offer>& offers, Lang lang) {
  for (const Offer& o : offers) {
    for (std::string_view k : SuspectKeys(o.suspect)) {
      out << Render(Message("catalog.suspect_row").With("source", o.source).With("what", Message(std::string(k))), lang)
          << "\n";
    }
  }
}

CommandResult RunValidate(Context& ctx, FileArgs& a) {
  GS_CHECK(ResolveFormats(ctx, a));
  GS_CHECK(CheckVendor(ctx, a));
  GS_TRY(out_format, ctx.Format());
  GS_TRY(format, ParseFormatName(a.format));
  GS_TRY(text, ReadInputFile(a.file));
  GS_TRY(catalog, Catalog::FromSnapshot(EmbeddedData()));
  std::string vendor = a.vendor.empty() ? ImpliedVendor(format) : a.vendor;
  if (vendor.empty()) vendor = "unspecified";
  BuildResult build = BuildOffers({{a.file, text, format, vendor}}, catalog.Inputs());
  MarkSuspects(build.offers);
  const size_t errors = build.ErrorCount();
  if (out_format == OutputFormat::kJson) {
    nlohmann::json j;
    j["file"] = a.file;
    j["format"] = a.format;
    j["offers"] = build.offers.size();
    j["errors"] = nlohmann::json::array();
    j["suspect"] = nlohmann::json::array();
    for (const Offer& o : build.offers) {
      if (!o.suspect) continue;
      j["suspect"].push_back({{"source", o.source}, {"flags", SuspectNames(o.suspect)}});
    }
    for (const auto& f : build.files) {
      j["files"].push_back(FileStatsToJson(f));
      for (const auto& e : f.errors) {
        j["errors"].push_back({{"file", e.file}, {"line", e.line}, {"column", e.column},
                               {"field", e.field}, {"message", e.message}});
      }
    }
    *ctx.out << JsonText(j, 2) << "\n";
  } else {
    for (const auto& f : build.files) {
      for (const auto& e : f.errors) *ctx.out << e.Format() << "\n";
    }
    PrintSuspects(*ctx.out, build.offers, ctx.language());
    size_t rows = 0;
    for (const auto& f : build.files) rows += f.rows;
    *ctx.out << Render(Message("catalog.validated").With("file", a.file).With("rows", rows)
                           .With("offers", build.offers.size()).With("errors", errors)
                           .With("noun", Word(errors == 1 ? "catalog.error_one" : "catalog.error_many")),
                       ctx.language())
             << "\n";
  }
  return errors ? static_cast<int>(ExitCode::kBadInput) : 0;
}

CommandResult RunImport(Context& ctx, FileArgs& a) {
  GS_CHECK(ResolveFormats(ctx, a));
  GS_CHECK(CheckVendor(ctx, a));
  GS_TRY(format, ParseFormatName(a.format));
  GS_TRY(catalog, Catalog::FromSnapshot(EmbeddedData()));
  const std::string dir = UserCatalogDir();
  GS_TRY(plan, ImportSource(a.file, format, a.vendor, dir, catalog));
  size_t rows = 0;
  for (const auto& f : plan.build.files) rows += f.rows;
  // The imported prices join the history; a history that cannot be written
  // does not undo the import, it is said.
  auto history = OpenPriceHistory();
  auto added = history ? (*history)->Record(plan.build.offers, FormatDate(Today()), "import: " + plan.target)
                       : Result<size_t>(tl::unexpected(history.error()));
  if (!added) *ctx.err << "warning: the price history was not updated: " << added.error().Format() << "\n";
  *ctx.out << Render(Message("catalog.imported").With("file", a.file).With("target", plan.target).With("rows", rows)
                         .With("offers", plan.build.offers.size()),
                     ctx.language())
           << "\n";
  return 0;
}

// Per vendor, each origin its prices come from: date, age, kind, offers.
std::optional<int> AgeOf(const PriceOrigin& o) { return AgeDays(o, Today()); }

TextTable PricesTable(const Catalog& c, Lang lang) {
  TextTable t;
  t.keys = {"vendor", "prices_as_of", "age_days", "origin", "offers", "source"};
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(lang, k));
  t.right_align = {false, false, true, false, true, false};
  for (const VendorOrigin& v : OriginsByVendor(c.offers(), c.price_origins())) {
    const auto age = AgeOf(*v.origin);
    t.rows.push_back({v.vendor, v.origin->as_of.empty() ? "-" : v.origin->as_of, age ? std::to_string(*age) : "-",
                      std::string(Tr(lang, "origin:" + v.origin->kind)), std::to_string(v.offers), v.origin->source});
  }
  return t;
}

nlohmann::json PricesJson(const Catalog& c) {
  nlohmann::json a = nlohmann::json::array();
  for (const VendorOrigin& v : OriginsByVendor(c.offers(), c.price_origins())) {
    const auto age = AgeOf(*v.origin);
    a.push_back({{"vendor", v.vendor},
                 {"as_of", v.origin->as_of.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.origin->as_of)},
                 {"age_days", age ? nlohmann::json(*age) : nlohmann::json(nullptr)},
                 {"origin", v.origin->kind},
                 {"source", v.origin->source},
                 {"offers", v.offers}});
  }
  return a;
}

CommandResult RunInfo(Context& ctx) {
  GS_TRY(format, ctx.Format());
  GS_TRY(catalog, ctx.GetCatalog());
  const Catalog& c = *catalog;
  std::map<std::string, const ManifestEntry*> manifest;
  for (const auto& m : c.manifest()) manifest[m.file] = &m;
  std::map<std::string, size_t> per_vendor;
  for (const auto& o : c.offers()) ++per_vendor[o.vendor];

  if (format == OutputFormat::kJson) {
    nlohmann::json j;
    j["origins"] = Render(c.origins(), Lang::kEn);
    j["user_catalog_dir"] = UserCatalogDir();
    j["offers"] = c.offers().size();
    j["gpus"] = c.gpus().specs().size();
    j["offers_per_vendor"] = per_vendor;
    for (const auto& f : c.files()) {
      auto fj = FileStatsToJson(f);
      auto m = manifest.find(f.file);
      if (m != manifest.end()) {
        fj["upstream"] = m->second->upstream;
        fj["commit"] = m->second->commit;
        fj["date"] = m->second->date;
        fj["license"] = m->second->license;
        fj["note"] = m->second->note;
      }
      j["files"].push_back(fj);
    }
    j["prices"] = PricesJson(c);
    *ctx.out << JsonText(j, 2) << "\n";
    return 0;
  }
  const Lang lang = ctx.language();
  TextTable t;
  t.keys = {"file", "format", "rows", "kept", "skipped", "date", "source"};
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(lang, k));
  t.right_align = {false, false, true, true, true, false, false};
  for (const auto& f : c.files()) {
    auto m = manifest.find(f.file);
    t.rows.push_back({f.file, std::string(FormatName(f.format)), std::to_string(f.rows),
                      std::to_string(f.kept),
                      std::to_string(f.cpu_only + f.not_gpu + f.unmatched),
                      m != manifest.end() ? m->second->date : "-",
                      m != manifest.end() ? m->second->upstream : "-"});
  }
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return 0;
  }
  std::string vendors;
  for (const auto& [v, n] : per_vendor) vendors += " " + v + " " + std::to_string(n);
  *ctx.out << Render(Message("catalog.info").With("origins", Join(Render(c.origins(), lang), " + "))
                         .With("offers", c.offers().size()).With("gpus", c.gpus().specs().size())
                         .With("vendors", vendors).With("folder", UserCatalogDir()),
                     lang)
           << "\n\n";
  t.PrintText(*ctx.out);
  *ctx.out << "\n" << Render(Message("catalog.legend"), lang) << "\n\n";
  PricesTable(c, lang).PrintText(*ctx.out);
  return 0;
}

}  // namespace

void AddCatalogCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* cat = app.add_subcommand("catalog", "Check, import, refresh and describe catalog source files");
  cat->require_subcommand(1);
  const std::string formats = "skypilot, vantage, alibaba-prices, alibaba-specs, tencent or gpuscout-offers";

  auto add_file_command = [&](const char* name, const char* help, bool import) {
    auto a = std::make_shared<FileArgs>();
    auto* sub = cat->add_subcommand(name, help);
    sub->add_option("--source-format", a->format, "The file's layout: " + formats);
    sub->add_option("--format", a->old_format, "Deprecated spelling of --source-format (kept for one release)")->group("");
    sub->add_option("file", a->file, "The file")->required();
    sub->add_option("--vendor", a->vendor,
                    "The cloud a SkyPilot file is for (aws, gcp, azure, lambda...); a name the catalog does not know "
                    "needs --private-vendor");
    sub->add_flag("--private-vendor", a->private_vendor,
                  "--vendor names a vendor of your own (a private cloud, a reseller), not a typo of a known one");
    if (import) {
      out.emplace_back(sub, [&ctx, a] { return RunImport(ctx, *a); });
    } else {
      out.emplace_back(sub, [&ctx, a] { return RunValidate(ctx, *a); });
    }
  };
  add_file_command("validate", "Report every bad row as file:line:column (exit 2 if any)", false);
  add_file_command("import",
                   "Validate, then add to the user's catalog folder atomically (a bad file "
                   "changes nothing)",
                   true);
  auto* info = cat->add_subcommand("info", "Each source: rows, offers kept, provenance, date");
  out.emplace_back(info, [&ctx] { return RunInfo(ctx); });
  AddRefreshCommand(*cat, ctx, out);
}

}  // namespace gpuscout::cli
