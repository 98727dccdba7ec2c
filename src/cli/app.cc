#include "cli/app.h"

#include <algorithm>
#include <functional>
#include <map>
#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "base/strings.h"
#include "catalog/embedded.h"
#include "catalog/embedded_catalog.h"
#include "cli/commands.h"

#ifndef GPUSCOUT_VERSION
#define GPUSCOUT_VERSION "dev"
#endif

namespace gpuscout::cli {

Result<OutputFormat> Context::Format() const {
  if (options.format == "table") return OutputFormat::kTable;
  if (options.format == "json") return OutputFormat::kJson;
  if (options.format == "csv") return OutputFormat::kCsv;
  Error e;
  SetOption(e, "format");
  e.message = "expected table, json or csv, got '" + options.format + "'";
  return tl::unexpected(e);
}

Result<std::optional<Currency>> Context::OutputCurrency() const {
  if (options.currency.empty()) return std::optional<Currency>{};
  auto c = ParseCurrency(options.currency);
  if (!c || (options.currency != "USD" && options.currency != "CNY" &&
             options.currency != "usd" && options.currency != "cny")) {
    Error e;
    SetOption(e, "currency");
    e.message = "expected USD or CNY, got '" + options.currency + "'";
    return tl::unexpected(e);
  }
  return std::optional<Currency>{*c};
}

Result<ExchangeRate> Context::Rate() const {
  ExchangeRate r;
  if (options.cny_per_usd) {
    if (!(*options.cny_per_usd > 0)) {
      Error e;
      SetOption(e, "cny_per_usd");
      e.message = "must be above 0";
      return tl::unexpected(e);
    }
    r.cny_per_usd = *options.cny_per_usd;
    r.user_given = true;
  }
  return r;
}

Result<Context::MoneyOptions> Context::Money() const {
  GS_TRY(currency, OutputCurrency());
  GS_TRY(rate, Rate());
  return MoneyOptions{currency, rate};
}

Lang Context::language() const { return ParseLang(options.lang).value_or(Lang::kEn); }

Result<const Catalog*> Context::GetCatalog() {
  if (!catalog_) {
    GS_TRY(c, LoadCatalog(options.catalog_dir));
    catalog_ = std::move(c);
  }
  return &*catalog_;
}

Result<Context::Pricing> Context::GetPricing() {
  GS_TRY(format, Format());
  GS_TRY(money, Money());
  GS_TRY(catalog, GetCatalog());
  return Pricing{format, catalog, money.currency, money.rate};
}

Result<Estimator> MakeEstimator(const Catalog& catalog) {
  return Estimator::Create(catalog, embedded::Models(), embedded::Benchmarks(), embedded::MfuPublished(),
                           embedded::Fp64(), embedded::Nvenc(), embedded::ServingEngines(),
                           embedded::ServingPublished(), embedded::MlperfInference(), embedded::StockBenchmarks());
}

Result<const Estimator*> Context::GetEstimator() {
  if (!estimator_) {
    GS_TRY(catalog, GetCatalog());
    GS_TRY(e, MakeEstimator(*catalog));
    estimator_ = std::move(e);
  }
  return &*estimator_;
}

Result<const std::vector<CudaRelease>*> Context::GetCompat() {
  if (!compat_) {
    GS_TRY(c, ParseCudaCompat(embedded::CudaCompat(), "data/cuda_compat.csv"));
    compat_ = std::move(c);
  }
  return &*compat_;
}

namespace {

// The deepest subcommand the parse reached ("recommend", "catalog import"),
// empty when none was.
std::string ParsedPath(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) {
    if (!sub->parsed()) continue;
    const std::string rest = ParsedPath(*sub);
    return sub->get_name() + (rest.empty() ? "" : " " + rest);
  }
  return "";
}

// For an option no command knows ("--hours"): the nearest names among the
// options of the command parsed and the global ones.
std::string OptionHint(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* cmd = &app;
  for (bool deeper = true; deeper;) {
    deeper = false;
    for (const CLI::App* sub : cmd->get_subcommands()) {
      if (sub->parsed()) {
        cmd = sub;
        deeper = true;
      }
    }
  }
  std::vector<std::string> names;
  for (const CLI::App* from : {cmd, &app}) {
    for (const CLI::Option* o : from->get_options()) {
      for (const std::string& n : o->get_lnames()) names.push_back("--" + n);
    }
  }
  for (const std::string& a : args) {
    if (a.rfind("--", 0) != 0) continue;
    const std::string name = a.substr(0, a.find('='));
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    const auto near = Closest(name, names);
    if (!near.empty()) return "; " + name + ": did you mean " + Join(near, ", ") + "?";
  }
  return "";
}

// The first word where a command is expected that names none: "offer" in
// `gpuscout offer`, "improt" in `gpuscout catalog improt`; empty when every
// such word is a command (a leaf command's own arguments are not looked at).
std::string UnknownCommand(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* cur = &app;
  std::string path;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!a.empty() && a[0] == '-') {
      // An option's value is not a command: --format json offer.
      const CLI::Option* o = nullptr;
      if (a.find('=') == std::string::npos) {
        o = cur->get_option_no_throw(a);
        if (!o) o = app.get_option_no_throw(a);
      }
      if (o && o->get_items_expected_min() > 0) ++i;
      continue;
    }
    std::vector<std::string> names;
    for (const CLI::App* sub : cur->get_subcommands({})) names.push_back(sub->get_name());
    if (names.empty()) return "";
    if (std::find(names.begin(), names.end(), a) != names.end()) {
      cur = cur->get_subcommand(a);
      path += a + " ";
      continue;
    }
    std::vector<std::string> near = Closest(a, names);
    for (auto& n : near) n = path + n;
    return "unknown command '" + path + a + "'" + (near.empty() ? "" : "; did you mean " + Join(near, ", ") + "?") +
           "\nRun 'gpuscout " + path + "--help' for the commands.";
  }
  return "";
}

// A usage error as a user can act on it: an unknown command gets "did you
// mean", and the help pointed at is the subcommand's own.
std::string UsageError(const CLI::App& app, const std::vector<std::string>& args, const CLI::ParseError& e) {
  if (std::string unknown = UnknownCommand(app, args); !unknown.empty()) return unknown;
  const std::string path = ParsedPath(app);
  std::string what = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) what += OptionHint(app, args);
  return what + "\nRun 'gpuscout " + (path.empty() ? "" : path + " ") + "--help' for usage.";
}

// Each command's --help ends with the global options it honours, defaults
// stated: CLI11 shows a subcommand's own options only.
void AddGlobalFooters(CLI::App& app) {
  const std::string output = "--format table|json|csv (default table), --lang en|zh (default en)";
  const std::string catalog = ", --catalog DIR (default: the embedded snapshot and your imports)";
  const std::string prices =
      ", --currency USD|CNY (default: each price in its own), --cny-per-usd RATE (default 7.20, stated when used), "
      "--max-price-age DAYS (default 30)";
  const std::map<std::string, std::string> honoured = {
      {"gpus", output + catalog},          {"offers", output + catalog + prices},     {"vendors", output + catalog + prices},
      {"catalog", output + catalog},       {"prices", output},                        {"estimate", output + catalog},
      {"recommend", output + catalog + prices}, {"cost", output + catalog + prices}, {"lint", output + catalog + prices},
      {"alternatives", output + catalog + prices}, {"scale", output + catalog + prices}, {"serve", "--lang en|zh (default en)" + catalog},
      {"probe", output + catalog},         {"completion", ""}};
  std::function<void(CLI::App*, const std::string&)> set = [&](CLI::App* sub, const std::string& text) {
    if (!text.empty()) sub->footer("Global options it honours (before or after the command): " + text + ".");
    for (CLI::App* child : sub->get_subcommands({})) set(child, text);
  };
  for (CLI::App* sub : app.get_subcommands({})) {
    auto it = honoured.find(sub->get_name());
    set(sub, it == honoured.end() ? output + catalog + prices : it->second);
  }
}

void AddGlobalOptions(CLI::App& app, GlobalOptions& o) {
  app.add_option("--format", o.format, "Output: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->capture_default_str();
  app.add_option("--catalog", o.catalog_dir,
                 "Read catalog source files from DIR (<vendor>/<file>.csv) instead of the "
                 "embedded snapshot");
  app.add_option("--currency", o.currency,
                 "Show every price in USD or CNY (default: each in its own currency)")
      ->check(CLI::IsMember({"USD", "CNY", "usd", "cny"}));
  app.add_option("--cny-per-usd", o.cny_per_usd,
                 "Exchange rate for conversions (default 7.20, stated in the output)");
  app.add_option("--lang", o.lang, "Language of headers and messages: en or zh")
      ->check(CLI::IsMember({"en", "zh"}))
      ->capture_default_str();
  app.add_option("--max-price-age", o.max_price_age_days,
                 "Warn when the prices an answer uses are older than DAYS (or of no recorded date)")
      ->check(CLI::Range(0, 36500))
      ->capture_default_str();
}

}  // namespace

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Context ctx;
  ctx.out = &out;
  ctx.err = &err;
  CLI::App app{
      "gpuscout: which GPU cloud server to rent, what it really costs, and whether it "
      "performs as promised.\nExit codes: 0 answered, 1 answered no, 2 bad usage or input, "
      "3 environment failure.",
      "gpuscout"};
  app.set_version_flag("--version", std::string("gpuscout ") + GPUSCOUT_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  AddGlobalOptions(app, ctx.options);

  Registered commands;
  AddGpusCommand(app, ctx, commands);
  AddOffersCommand(app, ctx, commands);
  AddVendorsCommand(app, ctx, commands);
  AddCatalogCommand(app, ctx, commands);
  AddPricesCommand(app, ctx, commands);
  AddEstimateCommand(app, ctx, commands);
  AddRecommendCommand(app, ctx, commands);
  AddCostCommand(app, ctx, commands);
  AddLintCommand(app, ctx, commands);
  AddAlternativesCommand(app, ctx, commands);
  AddScaleCommand(app, ctx, commands);
  AddServeCommand(app, ctx, commands);
  AddProbeCommand(app, ctx, commands);
  AddCompletionCommand(app, ctx, commands);
  AddGlobalFooters(app);

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << "gpuscout " << GPUSCOUT_VERSION << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    // --help on a subcommand arrives here as CallForHelp too; other parse errors are usage errors.
    if (e.get_exit_code() == 0) {
      std::ostringstream help;
      app.exit(e, help, help);
      out << help.str();
      return 0;
    }
    err << "gpuscout: " << UsageError(app, args, e) << "\n";
    return static_cast<int>(ExitCode::kBadInput);
  }
  for (auto& [sub, action] : commands) {
    if (!sub->parsed()) continue;
    CommandResult r = action();
    if (!r) {
      err << "gpuscout: " << Tr(ctx.language(), "error") << ": " << r.error().Format() << "\n";
      return static_cast<int>(r.error().code);
    }
    return *r;
  }
  err << "gpuscout: no command given\n";
  return static_cast<int>(ExitCode::kBadInput);
}

int Main(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  std::ios::sync_with_stdio(false);
  return Run(args, std::cout, std::cerr);
}

}  // namespace gpuscout::cli
