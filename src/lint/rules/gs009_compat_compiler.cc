// GS009 compat-compiler
#include <fmt/format.h>

#include "base/message.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace gpuscout {

void CheckCompatCompiler(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (ctx.plan.cuda.empty()) return;
  std::string gcc = ctx.plan.gcc;
  bool assumed = false;
  if (gcc.empty() && IsEl7(ctx.plan)) {
    gcc = "4.8.5";  // CentOS 7's system compiler: not in the project's cited data
    assumed = true;
  }
  if (gcc.empty()) return;
  const GccBounds b = Gcc(ctx.plan.cuda);
  const double v = GccNumber(gcc);
  Message why;
  if (v < b.min) why = Message("lint.gs009_min").With("gcc", b.min);
  else if (b.below && v >= *b.below) why = Message("lint.gs009_below").With("gcc", *b.below);
  if (why.empty()) return;
  out.push_back({"GS009", "compat-compiler", assumed ? "warning" : "error",
                 ctx.plan.compiler_line ? ctx.plan.compiler_line : ctx.plan.os_line,
                 Message("lint.gs009").With("cuda", ctx.plan.cuda).With("why", why).With("gcc", gcc)
                     .With("assumed", assumed ? Message("lint.gs009_assumed") : Message()),
                 Message("lint.gs009_fix"), assumed});
}

}  // namespace gpuscout
