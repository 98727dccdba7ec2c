// One function per command: it adds its subcommand to the app and returns the
// code to run when that subcommand is chosen.
#pragma once

#include <functional>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "history/sqlite_history.h"
#include "server/store.h"

namespace gpuscout::cli {

using Action = std::function<CommandResult()>;
using Registered = std::vector<std::pair<CLI::App*, Action>>;

void AddGpusCommand(CLI::App& app, Context& ctx, Registered& out);
void AddOffersCommand(CLI::App& app, Context& ctx, Registered& out);
void AddCatalogCommand(CLI::App& app, Context& ctx, Registered& out);
void AddPricesCommand(CLI::App& app, Context& ctx, Registered& out);
// The user's price history, seeded from the embedded snapshot when new.
Result<std::unique_ptr<PriceHistory>> OpenPriceHistory();
// `store`'s history when it keeps one (PostgreSQL: the team's), else the user's.
Result<std::unique_ptr<PriceHistory>> OpenPriceHistory(Store& store);
void AddRefreshCommand(CLI::App& catalog, Context& ctx, Registered& out);
void AddProbeCommand(CLI::App& app, Context& ctx, Registered& out);
void AddEstimateCommand(CLI::App& app, Context& ctx, Registered& out);
void AddRecommendCommand(CLI::App& app, Context& ctx, Registered& out);
void AddCostCommand(CLI::App& app, Context& ctx, Registered& out);
void AddLintCommand(CLI::App& app, Context& ctx, Registered& out);
void AddAlternativesCommand(CLI::App& app, Context& ctx, Registered& out);
void AddVendorsCommand(CLI::App& app, Context& ctx, Registered& out);
void AddScaleCommand(CLI::App& app, Context& ctx, Registered& out);
void AddServeCommand(CLI::App& app, Context& ctx, Registered& out);
// `gpuscout completion bash|zsh`: walks `app` when run, so add it last.
void AddCompletionCommand(CLI::App& app, Context& ctx, Registered& out);

}  // namespace gpuscout::cli
