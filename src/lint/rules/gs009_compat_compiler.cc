// GS009 compat-compiler
#include <fmt/format.h>

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
  std::string why;
  if (v < b.min) why = fmt::format("needs host GCC {} or later", b.min);
  else if (b.below && v >= *b.below) why = fmt::format("needs host GCC below {}", *b.below);
  if (why.empty()) return;
  out.push_back({"GS009", "compat-compiler", assumed ? "warning" : "error",
                 ctx.plan.compiler_line ? ctx.plan.compiler_line : ctx.plan.os_line,
                 fmt::format("CUDA {} {} (release notes via Spack's CUDA package), and the host compiler is GCC {}{}: "
                             "nvcc refuses to compile",
                             ctx.plan.cuda, why, gcc,
                             assumed ? " (assumed: CentOS 7's system GCC 4.8.5 is an uncited fact, not in the data; "
                                       "state compiler.gcc)"
                                     : ""),
                 "install a supported GCC (devtoolset/gcc-toolset on RHEL) or pick a CUDA release that supports yours",
                 assumed});
}

}  // namespace gpuscout
