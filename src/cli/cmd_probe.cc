// gpuscout probe: what this machine is, measured against what was promised.
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <fmt/format.h>
#include <iostream>
#include <ostream>

#include "base/message.h"
#include "codec/json_text.h"
#include "base/strings.h"
#include "catalog/embedded.h"
#include "catalog/query.h"
#include "base/atomic_file.h"
#include "cli/commands.h"
#include "server/upload.h"
#include "cli/output.h"
#include "codec/probe_json.h"
#include "probe/probe.h"

#ifndef GPUSCOUT_VERSION
#define GPUSCOUT_VERSION "dev"
#endif

namespace gpuscout::cli {
namespace {

using namespace probe;

struct ProbeArgs {
  std::vector<std::string> net;
  std::optional<int> serve_echo;
  std::string bind = "0.0.0.0";
  double seconds = 0;
  std::string instance;
  std::string vendor;
  bool quick = false;
  bool no_gpu = false;
  bool no_host = false;
  std::string upload;      // a gpuscout server's URL
  std::string token_file;  // its bearer token
};

std::atomic<bool> g_stop{false};
extern "C" void OnSignal(int) { g_stop = true; }

std::string Opt(const std::optional<int>& v) { return v ? std::to_string(*v) : "?"; }

// A labelled line: "caches     L1 D ...", the label in the reader's language.
void Line(std::ostream& out, Lang lang, const char* key, const std::string& text) {
  out << fmt::format("{:<10} {}\n", Tr(lang, key), text);
}

void PrintMachine(std::ostream& out, const MachineInfo& m, Lang lang) {
  out << Tr(lang, "probe_machine") << "\n";
  Line(out, lang, "probe_l_cpu",
       Render(Message("probe.cpu").With("model", m.cpu_model).With("logical", m.logical_cpus).With("cores", m.physical_cores),
              lang));
  std::string caches;
  for (const auto& c : m.caches) {
    caches += fmt::format("{}L{} {} {} KiB x{}", caches.empty() ? "" : ", ", c.level, c.type.substr(0, 1), c.size_bytes / 1024,
                          c.instances);
  }
  Line(out, lang, "probe_l_caches", caches.empty() ? "-" : caches);
  Line(out, lang, "probe_l_memory", Fixed(m.memory_gib, 1) + " GiB");
  Line(out, lang, "probe_l_os", Render(Message("probe.os").With("os", m.os).With("kernel", m.kernel), lang));
  Line(out, lang, "probe_l_hypervisor",
       m.hypervisor.name + (m.hypervisor.cloud.empty() ? "" : " (" + m.hypervisor.cloud + ")") +
           (m.hypervisor.dmi_product_name.empty() ? "" : ", " + m.hypervisor.dmi_product_name));
  Line(out, lang, "probe_l_container",
       m.container ? std::string(Tr(lang, "yes")) + " (" + m.container_evidence + ")" : std::string(Tr(lang, "no")));
}

Message PcieText(const GpuReport& g) {
  return Message("probe.gpu_line").With("gen", Opt(g.pcie_gen_current)).With("width", Opt(g.pcie_width_current))
      .With("max_gen", Opt(g.pcie_gen_max)).With("max_width", Opt(g.pcie_width_max))
      .With("load", g.pcie_read_under_load ? Message("probe.gpu_under_load") : Message())
      .With("active", g.nvlinks_active).With("links", g.nvlinks_supported);
}

void PrintGpu(std::ostream& out, const GpuReport& g, Lang lang) {
  out << g.pci_address << "  " << g.name;
  if (!g.catalog_gpu.empty()) out << "  [catalog: " << g.catalog_gpu << "]";
  out << "\n  " << Render(Message("probe.gpu_memory").With("gib", g.memory_gib)
                              .With("cc", g.compute_capability ? Message("probe.gpu_cc").With("cc", *g.compute_capability)
                                                               : Message())
                              .With("pcie", PcieText(g)),
                          lang)
      << "\n";
  if (g.bandwidth) {
    const auto& b = *g.bandwidth;
    const Message spec = g.spec_bandwidth_gbps ? Message("probe.gpu_spec")
                                                     .With("pct", 100 * b.device_to_device.gbps / *g.spec_bandwidth_gbps)
                                                     .With("spec", *g.spec_bandwidth_gbps)
                                               : Message();
    const Message link = g.pcie_link_gbps ? Message("probe.gpu_link").With("gbps", *g.pcie_link_gbps) : Message();
    out << "  " << Render(Message("probe.gpu_d2d").With("gbps", b.device_to_device.gbps).With("spec", spec), lang) << "\n  "
        << Render(Message("probe.gpu_h2d").With("h2d", b.host_to_device.gbps).With("d2h", b.device_to_host.gbps)
                      .With("link", link),
                  lang)
        << "\n";
  } else if (!g.bandwidth_error.empty()) {
    out << "  " << Render(Message("probe.gpu_no_bandwidth").With("error", g.bandwidth_error), lang) << "\n";
  }
}

void PrintMeasurements(std::ostream& out, const ProbeReport& r, Lang lang) {
  if (r.host_bandwidth) {
    const auto& h = *r.host_bandwidth;
    out << "\n" << Tr(lang, "probe_host_bandwidth") << "\n";
    out << Render(Message("probe.host").With("copy", h.copy_gbps).With("triad", h.triad_gbps).With("threads", h.threads)
                      .With("mib", h.array_bytes >> 20).With("repeats", h.repeats).With("memcpy", h.memcpy_1thread_gbps),
                  lang)
        << "\n";
  }
  if (r.network.empty() && r.network_errors.empty()) return;
  out << "\n" << Tr(lang, "probe_network") << "\n";
  for (const auto& n : r.network) {
    out << Render(Message("probe.net").With("target", n.target).With("median", n.rtt_median_us).With("p99", n.rtt_p99_us)
                      .With("pings", n.pings).With("bytes", n.message_bytes).With("gbps", n.throughput_gbps),
                  lang)
        << "\n";
  }
  for (const auto& e : r.network_errors) out << e << "\n";
}

void PrintCompatibility(std::ostream& out, const CompatVerdict& c, Lang lang) {
  auto range = [](const std::vector<std::string>& v) { return v.empty() ? std::string("-") : v.front() + " .. " + v.back(); };
  out << "\n" << Tr(lang, "probe_compatibility") << "\n";
  out << Render(Message("probe.compat_runs").With("range", range(c.driver_runs)), lang) << "\n";
  out << Render(Message("probe.compat_targets").With("range", range(c.can_target)), lang) << "\n";
  out << Render(Message("probe.compat_usable").With("list", c.usable.empty() ? std::string(Tr(lang, "none")) : Join(c.usable, ", ")),
                lang)
      << "\n";
}

void PrintVerdicts(std::ostream& out, const ProbeReport& r, Lang lang) {
  const auto& c = r.compatibility;
  if (c.compute_capability || !c.driver_version.empty()) PrintCompatibility(out, c, lang);
  if (r.comparison) {
    out << "\n== " << r.comparison->vendor << " " << r.comparison->instance_type
        << Tr(lang, "colon") << Tr(lang, "probe_promised") << " ==\n";
    TextTable t;
    for (const char* k : {"probe_h_check", "probe_h_promised", "probe_h_measured", "probe_h_ok"}) t.headers.emplace_back(Tr(lang, k));
    for (const auto& p : r.comparison->checks) {
      t.rows.push_back({Render(p.label, lang), p.promised, p.measured, std::string(Tr(lang, p.ok ? "yes" : "NO"))});
    }
    t.PrintText(out);
  }
  if (!r.findings.empty()) {
    out << "\n" << Tr(lang, "probe_findings") << "\n";
    for (const auto& f : r.findings) {
      out << f.severity << " " << f.id << ": " << Render(f.message, lang) << "\n  " << Tr(lang, "lint.fix") << ": "
          << Render(f.fix, lang) << "\n";
    }
  }
}

void PrintTable(std::ostream& out, const ProbeReport& r, Lang lang) {
  PrintMachine(out, r.machine, lang);
  out << "\n" << Tr(lang, "probe_gpus") << "\n";
  if (r.gpus.empty()) out << Tr(lang, "none") << "\n";
  for (const auto& g : r.gpus) PrintGpu(out, g, lang);
  const std::string cuda = r.cuda.initialised ? "driver API " + CudaVersionText(r.cuda.driver_version)
                                              : std::string(Tr(lang, r.cuda.error));
  Line(out, lang, "probe_l_driver",
       Render(Message("probe.driver").With("version", r.driver_files.version.empty() ? std::string(Tr(lang, "none"))
                                                                                     : r.driver_files.version)
                  .With("cuda", cuda),
              lang));
  PrintMeasurements(out, r, lang);
  PrintVerdicts(out, r, lang);
  out << "\n" << Render(r.summary, lang) << "\n";
}

CommandResult RunServeEcho(Context& ctx, const ProbeArgs& a) {
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  auto r = ServeEcho(a.bind, *a.serve_echo, a.seconds, g_stop, [&](int port) {
    *ctx.err << "echo server listening on " << a.bind << ":" << port
             << " (Ctrl-C to stop); measure with: gpuscout probe --net THIS_HOST:" << port << "\n";
  });
  if (!r) return tl::unexpected(r.error());
  return 0;
}

// --vendor and --instance name an offer of the catalog, checked before the
// minutes of measuring: a typo gets "did you mean" and exit 2.
Result<void> CheckInstance(const Catalog& catalog, const ProbeArgs& a) {
  if (a.instance.empty()) return {};
  GS_TRY(vendors, ParseVendorList(catalog, a.vendor));
  if (vendors.size() != 1) return tl::unexpected(OptionError("vendor", "one vendor goes with --instance"));
  if (catalog.Instance(vendors.front(), a.instance)) return {};
  std::vector<std::string> types;
  for (const auto& o : catalog.offers()) {
    if (o.vendor == vendors.front() && (types.empty() || types.back() != o.instance_type)) types.push_back(o.instance_type);
  }
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  const auto near = Closest(a.instance, types);
  return tl::unexpected(OptionError("instance", "no instance type '" + a.instance + "' from " + vendors.front() + " in the catalog" +
                                                    (near.empty() ? "" : "; did you mean " + Join(near, ", ") + "?")));
}

CommandResult RunProbeCommand(Context& ctx, const ProbeArgs& a) {
  if (a.serve_echo) return RunServeEcho(ctx, a);
  GS_TRY(format, ctx.Format());
  if (a.instance.empty() != a.vendor.empty()) {
    Error e;
    e.field = a.instance.empty() ? "--instance" : "--vendor";
    e.message = "--instance and --vendor go together";
    return tl::unexpected(e);
  }
  GS_TRY(catalog, ctx.GetCatalog());
  GS_CHECK(CheckInstance(*catalog, a));
  GS_TRY(estimator, ctx.GetEstimator());
  GS_TRY(compat, ctx.GetCompat());
  for (const auto& t : a.net) {
    if (t.rfind(':') == std::string::npos) {
      Error e;
      SetOption(e, "net");
      e.message = "expected HOST:PORT, got '" + t + "'";
      return tl::unexpected(e);
    }
  }
  ProbeOptions o;
  o.measure_gpu = !a.no_gpu;
  o.measure_host = !a.no_host;
  o.net_targets = a.net;
  o.instance_type = a.instance;
  o.vendor = a.vendor;
  if (a.quick) {
    o.gpu.repeats = 5;
    o.gpu.device_bytes = 64ull << 20;
    o.gpu.host_bytes = 32ull << 20;
    o.host.repeats = 3;
    o.net.pings = 500;
    o.net.warmup = 50;
    o.net.stream_bytes = 16ull << 20;
  }
  const bool bar = format == OutputFormat::kTable && ::isatty(STDERR_FILENO);
  if (bar) {
    o.progress = [&](const std::string& stage, double f) {
      *ctx.err << ProgressLine(f, stage) << std::flush;
    };
  }
  auto sys = LinuxSystem();
  ProbeReport r = RunProbe(*sys, *catalog, *estimator, *compat, o);
  r.gpuscout_version = GPUSCOUT_VERSION;
  if (bar) *ctx.err << ClearProgressLine() << std::flush;
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(ProbeReportToJson(r), 2) << "\n";
  } else {
    PrintTable(*ctx.out, r, ctx.language());
  }
  const bool failed = std::any_of(r.findings.begin(), r.findings.end(),
                                  [](const Finding& f) { return f.severity == "error"; });
  if (!a.upload.empty()) {
    std::string token;
    if (!a.token_file.empty()) {
      GS_TRY(t, ReadFile(a.token_file));
      token = Trim(t);
    }
    GS_TRY(id, UploadProbeReport(a.upload, token, ProbeReportToJson(r)));
    *ctx.err << "uploaded to " << a.upload << " as report " << id << "\n";
  }
  return failed ? static_cast<int>(ExitCode::kAnsweredNo) : 0;
}

}  // namespace

void AddProbeCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand(
      "probe", "POC check of this machine: CPU, GPUs, driver/CUDA, bandwidths, network latency, "
               "against the catalog's promise (exit 1 when a check fails)");
  auto a = std::make_shared<ProbeArgs>();
  sub->add_option("--net", a->net, "HOST:PORT of a `probe --serve-echo` to measure TCP latency "
                                   "and throughput to (repeatable)");
  sub->add_option("--serve-echo", a->serve_echo, "Run the echo server on PORT instead of probing")
      ->check(CLI::Range(0, 65535));
  sub->add_option("--bind", a->bind, "Address the echo server listens on")->capture_default_str();
  sub->add_option("--seconds", a->seconds, "Stop the echo server after this long (0: never)");
  sub->add_option("--instance", a->instance, "Compare with this catalog instance type ...");
  sub->add_option("--vendor", a->vendor, "... of this vendor");
  sub->add_flag("--quick", a->quick, "Fewer repeats and smaller transfers");
  sub->add_flag("--no-gpu-bandwidth", a->no_gpu, "Skip the GPU copy measurements");
  sub->add_flag("--no-host-bandwidth", a->no_host, "Skip the host memory measurement");
  sub->add_option("--upload", a->upload, "Post the report to a gpuscout server (http://HOST:PORT)");
  sub->add_option("--token-file", a->token_file, "The server's bearer token");
  out.emplace_back(sub, [&ctx, a] { return RunProbeCommand(ctx, *a); });
}

}  // namespace gpuscout::cli
