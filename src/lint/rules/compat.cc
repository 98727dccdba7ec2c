// GS006 compat-driver, GS007 compat-cuda-cc, GS008 compat-os,
// GS009 compat-compiler: the software stack against data/cuda_compat.csv.
#include <fmt/format.h>

#include "base/strings.h"
#include "lint/rules/rules.h"

namespace gpuscout {
namespace {

using probe::CompareVersions;
using probe::CudaRelease;

// The row for "12.4" (or "12.4.1"); the N.x row when the minor is not listed.
const CudaRelease* Release(const LintContext& ctx, const std::string& cuda) {
  const auto parts = Split(cuda, '.');
  const std::string minor = parts.size() >= 2 ? parts[0] + "." + parts[1] : cuda;
  for (const auto& r : ctx.compat) {
    if (!r.family && r.version == minor) return &r;
  }
  for (const auto& r : ctx.compat) {
    if (r.family && r.version == parts[0] + ".x") return &r;
  }
  return nullptr;
}

// Host GCC bounds by CUDA release, from the notes of data/cuda_compat.csv
// (SPACK-CUDA, NV-RN-TABLES): minimum 5 (11.0-11.3), 6 (from 11.4); below
// 10 (11.0), 11.2 (11.4-11.5), 12 (11.6-11.8), 13 (12.0-12.3), 14 (12.4-12.8),
// 15 (12.9), 16 (13.x).
struct GccBounds {
  double min;
  std::optional<double> below;
};
GccBounds Gcc(const std::string& cuda) {
  const double v = ParseDouble(Split(cuda, '.')[0]).value_or(0) * 100 +
                   (Split(cuda, '.').size() > 1 ? ParseDouble(Split(cuda, '.')[1]).value_or(0) : 0);
  GccBounds b{v < 1104 ? 5.0 : 6.0, std::nullopt};
  if (v < 1101) b.below = 10;
  else if (v >= 1104 && v <= 1105) b.below = 11.2;
  else if (v >= 1106 && v <= 1108) b.below = 12;
  else if (v >= 1200 && v <= 1203) b.below = 13;
  else if (v >= 1204 && v <= 1208) b.below = 14;
  else if (v >= 1209 && v < 1300) b.below = 15;
  else if (v >= 1300) b.below = 16;
  return b;
}

double GccNumber(const std::string& gcc) {
  const auto parts = Split(gcc, '.');
  return ParseDouble(parts[0]).value_or(0) + (parts.size() > 1 ? ParseDouble(parts[1]).value_or(0) / 10 : 0);
}

bool IsEl7(const Plan& p) {
  const bool el = p.os_distribution == "centos" || p.os_distribution == "rhel" || p.os_distribution == "redhat";
  return el && (p.os_version == "7" || StartsWith(p.os_version, "7."));
}

}  // namespace

void CheckCompatDriver(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (ctx.plan.driver.empty() || ctx.plan.cuda.empty()) return;
  const CudaRelease* r = Release(ctx, ctx.plan.cuda);
  if (!r) return;
  if (CompareVersions(ctx.plan.driver, r->min_driver) < 0) {
    out.push_back({"GS006", "compat-driver", "error", ctx.plan.driver_line,
                   fmt::format("NVIDIA driver {} is older than CUDA {} requires ({} or later, NVIDIA's release-note "
                               "table): CUDA programs fail with 'driver version is insufficient'",
                               ctx.plan.driver, ctx.plan.cuda, r->min_driver),
                   fmt::format("install driver {} or later, or use a CUDA release this driver supports", r->min_driver)});
  }
}

void CheckCompatCudaCc(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (ctx.plan.cuda.empty()) return;
  const CudaRelease* r = Release(ctx, ctx.plan.cuda);
  if (!r) return;
  for (const auto& o : ctx.offers) {
    if (!o.gpu || o.gpu->compute_capability.empty()) continue;
    const double cc = ParseDouble(o.gpu->compute_capability).value_or(0);
    if (cc < r->cc_min - 1e-9 || cc > r->cc_max + 1e-9) {
      out.push_back({"GS007", "compat-cuda-cc", "error", ctx.plan.cuda_line,
                     fmt::format("CUDA {} builds for compute capability {:.1f} to {:.1f}; {} on {} is {:.1f}",
                                 ctx.plan.cuda, r->cc_min, r->cc_max, o.gpu->name, o.offer->instance_type, cc),
                     cc < r->cc_min ? "use CUDA 12.9 or older for this GPU, or a newer GPU"
                                    : "use a newer CUDA release that knows this GPU"});
    }
  }
}

void CheckCompatOs(const LintContext& ctx, std::vector<LintFinding>& out) {
  if (!IsEl7(ctx.plan) || ctx.plan.cuda.empty()) return;
  const int major = static_cast<int>(ParseDouble(Split(ctx.plan.cuda, '.')[0]).value_or(0));
  const double minor = Split(ctx.plan.cuda, '.').size() > 1 ? ParseDouble(Split(ctx.plan.cuda, '.')[1]).value_or(0) : 0;
  if (major >= 13) {
    out.push_back({"GS008", "compat-os", "error", ctx.plan.os_line,
                   "CUDA " + ctx.plan.cuda + " on " + ctx.plan.os_distribution + " 7: CUDA 13 does not support CentOS 7 "
                   "(PyTorch maintainers, PT-114287), and the CUDA install guide dropped RHEL/CentOS 7 after 12.4",
                   "move to a supported OS (RHEL/Rocky 8+, Ubuntu 22.04+), or stay on CUDA 12.4"});
  } else if (major == 12 && minor >= 6) {
    out.push_back({"GS008", "compat-os", "warning", ctx.plan.os_line,
                   "CUDA " + ctx.plan.cuda + " on " + ctx.plan.os_distribution + " 7: the CUDA " + ctx.plan.cuda +
                       " Linux install guide has no RHEL/CentOS 7 section (12.4's still has one)",
                   "stay on CUDA 12.4 on this OS, or move to a supported OS"});
  } else if (major == 12 && minor == 5) {
    out.push_back({"GS008", "compat-os", "info", ctx.plan.os_line,
                   "CUDA 12.5 on " + ctx.plan.os_distribution + " 7: whether 12.5 still supports it is not established "
                   "by the data (12.4's guide covers RHEL 7, 12.6's does not; 12.5's was not read)",
                   "check NVIDIA's 12.5 install guide"});
  }
}

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
