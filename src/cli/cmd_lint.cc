// gpuscout lint PLAN: the pitfalls in a deployment plan (exit 1 on any error).
#include <fmt/format.h>

#include <ostream>

#include "base/message.h"
#include "codec/json_text.h"
#include "base/atomic_file.h"
#include "catalog/embedded.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/lint_json.h"
#include "lint/import.h"
#include "lint/lint.h"

namespace gpuscout::cli {
namespace {

struct LintArgs {
  std::string plan;
  bool sarif = false;
  bool rules = false;
};

CommandResult RunLintCommand(Context& ctx, const LintArgs& a) {
  GS_TRY(format, ctx.Format());
  if (a.rules) {
    for (const auto& r : LintRules()) *ctx.out << r.id << "  " << r.name << "\n";
    return 0;
  }
  if (a.plan.empty()) {
    Error e;
    e.field = "PLAN";
    e.message = "give a plan file (examples/plans/*.yaml, docs/plan.md)";
    return tl::unexpected(e);
  }
  GS_TRY(text, ReadInputFile(a.plan));
  GS_TRY(catalog, ctx.GetCatalog());
  GS_TRY(plan, ReadAnyPlan(text, a.plan, *catalog));
  GS_TRY(estimator, ctx.GetEstimator());
  GS_TRY(compat, ctx.GetCompat());
  GS_TRY(offers, ResolvePlan(plan, *catalog, *estimator));
  GS_TRY(trace, LoadFleetTrace(plan));
  GS_TRY(fleet, ResolveFleet(plan, *catalog, *estimator, offers));
  LintContext lctx{plan, *catalog, *estimator, *compat, std::move(offers), std::move(trace), fleet ? &*fleet : nullptr};
  const auto findings = RunLint(lctx);
  const bool errors = std::any_of(findings.begin(), findings.end(), [](const LintFinding& f) { return f.severity == "error"; });
  const int code = errors ? static_cast<int>(ExitCode::kAnsweredNo) : 0;
  if (a.sarif) {
    *ctx.out << JsonText(Sarif(a.plan, findings), 2) << "\n";
    return code;
  }
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(LintToJson(a.plan, findings, ctx.language()), 2) << "\n";
    return code;
  }
  const Lang lang = ctx.language();
  if (format == OutputFormat::kCsv) {
    TextTable t;
    t.keys = {"line", "severity", "id", "rule", "message", "fix"};
    for (const auto& f : findings) t.rows.push_back({std::to_string(f.line), f.severity, f.id, f.rule, Render(f.message, lang), Render(f.fix, lang)});
    t.PrintCsv(*ctx.out);
    return code;
  }
  for (const auto& f : findings) {
    *ctx.out << fmt::format("{}:{}: {} {} {}: {}{}\n    {}: {}\n", a.plan, f.line, f.severity, f.id, f.rule,
                            Render(f.message, lang), f.uncited ? Tr(lang, "lint.uncited") : "", Tr(lang, "lint.fix"),
                            Render(f.fix, lang));
  }
  const auto error_count =
      std::count_if(findings.begin(), findings.end(), [](const LintFinding& f) { return f.severity == "error"; });
  *ctx.out << Render(Message("lint.summary").With("findings", findings.size()).With("errors", error_count).With("plan", a.plan),
                     lang)
           << "\n";
  return code;
}

}  // namespace

void AddLintCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand("lint", "The pitfalls in a deployment plan (YAML, docs/plan.md), each with a rule id, "
                                         "severity, evidence and fix (exit 1 when any is an error)");
  auto a = std::make_shared<LintArgs>();
  sub->add_option("plan", a->plan, "The plan file");
  sub->add_flag("--sarif", a->sarif, "SARIF 2.1.0 output for CI code scanning");
  sub->add_flag("--rules", a->rules, "List the rules");
  out.emplace_back(sub, [&ctx, a] { return RunLintCommand(ctx, *a); });
}

}  // namespace gpuscout::cli
