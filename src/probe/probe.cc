#include "probe/probe.h"

#include "base/env.h"
#include "facts/facts.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>

#include "base/strings.h"
#include "lint/lint.h"

namespace gpuscout::probe {
namespace {

std::string Fixed1(double v) { return fmt::format("{:.1f}", v); }

// A check labelled for people; `what` is the English label, a stable key.
Promise Check(Message label, std::string promised, std::string measured, bool ok, Message note) {
  return {Render(label, Lang::kEn), std::move(promised), std::move(measured), ok, std::move(note), std::move(label)};
}

std::string NowUtc() { return FormatUtc(Env::System().Now()); }


void Progress(const ProbeOptions& o, const std::string& stage, double f) {
  if (o.progress) o.progress(stage, f);
}

// Merges sysfs, CUDA and NVML views of the GPUs by PCI address.
std::vector<GpuReport> MergeGpus(const ProbeReport& r, const GpuTable& gpus) {
  std::vector<GpuReport> out;
  for (const auto& p : r.pci_gpus) {
    GpuReport g;
    g.pci_address = p.address;
    g.name = p.vendor + " device " + p.device_id + (p.driver.empty() ? " (no driver bound)" : "");
    g.pcie_gen_current = p.current.generation;
    g.pcie_gen_max = p.max.generation;
    g.pcie_width_current = p.current.width;
    g.pcie_width_max = p.max.width;
    out.push_back(g);
  }
  auto find = [&](const std::string& address) -> GpuReport& {
    for (auto& g : out) {
      if (!address.empty() && ToLower(g.pci_address) == ToLower(address)) return g;
    }
    out.push_back(GpuReport{});
    out.back().pci_address = address;
    return out.back();
  };
  for (const auto& d : r.cuda.devices) {
    GpuReport& g = find(d.pci_address);
    g.name = d.name;
    g.memory_gib = static_cast<double>(d.total_bytes) / (1024.0 * 1024 * 1024);
    g.compute_capability = d.cc_major + d.cc_minor / 10.0;
  }
  for (const auto& d : r.nvml.devices) {
    GpuReport& g = find(d.pci_address);
    if (g.name.empty() || StartsWith(g.name, "NVIDIA device")) g.name = d.name;
    if (g.memory_gib == 0) g.memory_gib = static_cast<double>(d.memory_total_bytes) / (1024.0 * 1024 * 1024);
    if (!g.compute_capability && d.cc_major) g.compute_capability = *d.cc_major + d.cc_minor.value_or(0) / 10.0;
    if (d.pcie_gen_current) g.pcie_gen_current = d.pcie_gen_current;
    if (d.pcie_gen_max) g.pcie_gen_max = d.pcie_gen_max;
    if (d.pcie_width_current) g.pcie_width_current = d.pcie_width_current;
    if (d.pcie_width_max) g.pcie_width_max = d.pcie_width_max;
    g.nvlinks_active = d.nvlinks_active;
    g.nvlinks_supported = d.nvlinks_supported;
  }
  for (auto& g : out) {
    if (const GpuSpec* s = gpus.ResolveDeviceName(g.name, g.memory_gib > 0 ? std::optional<double>(g.memory_gib) : std::nullopt)) {
      g.catalog_gpu = s->name;
      g.spec_bandwidth_gbps = s->memory_bandwidth_gbps;
    }
    if (g.pcie_gen_max && g.pcie_width_max) {
      g.pcie_link_gbps = PcieLinkGBps(*g.pcie_gen_max, *g.pcie_width_max);
    }
  }
  return out;
}

void JudgeGpus(ProbeReport& r) {
  for (const auto& g : r.gpus) {
    if (g.bandwidth && g.spec_bandwidth_gbps) {
      const double share = g.bandwidth->device_to_device.gbps / *g.spec_bandwidth_gbps;
      if (share < EmbeddedFacts().probe_min_memory_bandwidth_share) {
        r.findings.push_back({"probe.gpu.memory-bandwidth", "warning",
                              Message("probe.memory_bandwidth", "data/facts.csv").With("address", g.pci_address)
                                  .With("gpu", g.catalog_gpu).With("gbps", g.bandwidth->device_to_device.gbps)
                                  .With("pct", share * 100).With("spec", *g.spec_bandwidth_gbps),
                              Message("probe.memory_bandwidth_fix")});
      }
    }
    if (g.pcie_gen_current && g.pcie_gen_max && *g.pcie_gen_current < *g.pcie_gen_max) {
      r.findings.push_back({"probe.gpu.pcie-gen", "warning",
                            Message("probe.pcie_gen").With("address", g.pci_address).With("gen", *g.pcie_gen_current)
                                .With("max", *g.pcie_gen_max)
                                .With("when", Word(g.pcie_read_under_load ? "probe.under_load" : "probe.at_idle")),
                            Message("probe.pcie_gen_fix")});
    }
    if (g.pcie_width_current && g.pcie_width_max && *g.pcie_width_current < *g.pcie_width_max) {
      r.findings.push_back({"probe.gpu.pcie-width", "warning",
                            Message("probe.pcie_width").With("address", g.pci_address)
                                .With("width", *g.pcie_width_current).With("max", *g.pcie_width_max),
                            Message("probe.pcie_width_fix")});
    }
    if (g.bandwidth && g.pcie_link_gbps && *g.pcie_link_gbps > 0) {
      const double share = g.bandwidth->host_to_device.gbps / *g.pcie_link_gbps;
      if (share < EmbeddedFacts().probe_min_pcie_share) {
        r.findings.push_back({"probe.gpu.pcie-bandwidth", "warning",
                              Message("probe.pcie_bandwidth", "data/facts.csv").With("address", g.pci_address)
                                  .With("gbps", g.bandwidth->host_to_device.gbps).With("pct", share * 100)
                                  .With("link", *g.pcie_link_gbps),
                              Message("probe.pcie_bandwidth_fix")});
      }
    }
    if (g.bandwidth && !g.bandwidth->device_to_device.verified) {
      r.findings.push_back({"probe.gpu.copy-wrong", "error", Message("probe.copy_wrong").With("address", g.pci_address),
                            Message("probe.copy_wrong_fix")});
    }
  }
}

}  // namespace

std::string InstalledCudaToolkit(const System& sys) {
  // CUDA 11.1 and later: version.json; older: version.txt ("CUDA Version 10.2.89").
  if (auto json = sys.ReadFile("/usr/local/cuda/version.json")) {
    const auto at = json->find("\"cuda\"");
    const auto v = at == std::string::npos ? std::string::npos : json->find("\"version\"", at);
    if (v != std::string::npos) {
      const auto b = json->find('"', json->find(':', v) + 1);
      const auto e = json->find('"', b + 1);
      if (b != std::string::npos && e != std::string::npos) return json->substr(b + 1, e - b - 1);
    }
  }
  if (auto txt = sys.ReadFile("/usr/local/cuda/version.txt")) {
    const auto words = Split(Trim(*txt), ' ');
    if (!words.empty()) return words.back();
  }
  return "";
}

namespace {

// The machine's stack as a plan, checked by lint's compatibility rules.
void CheckStackWithLint(ProbeReport& r, const Catalog& catalog, const Estimator& estimator,
                        const std::vector<CudaRelease>& compat, const std::string& driver) {
  Plan plan;
  plan.file = "this machine";
  plan.os_distribution = r.machine.os_id;
  plan.os_version = r.machine.os_version_id;
  plan.driver = driver;
  // The toolkit builds run with; without one, the newest CUDA the driver runs.
  plan.cuda = !r.cuda_toolkit.empty() ? r.cuda_toolkit : CudaVersionText(r.cuda.driver_version);
  if (plan.driver.empty() || plan.cuda.empty()) return;
  std::vector<Offer> machine_offers;
  std::vector<PlanOffer> plan_offers;
  for (const auto& g : r.gpus) {
    if (g.catalog_gpu.empty()) continue;
    Offer o;
    o.vendor = "this machine";
    o.instance_type = g.pci_address;
    o.gpu = g.catalog_gpu;
    machine_offers.push_back(o);
    plan_offers.push_back(PlanOffer{});
  }
  LintContext ctx{plan, catalog, estimator, compat, {}, std::nullopt};
  for (size_t i = 0; i < machine_offers.size(); ++i) {
    ResolvedOffer ro;
    ro.plan = &plan_offers[i];
    ro.offer = &machine_offers[i];
    ro.gpu = catalog.gpus().Find(machine_offers[i].gpu);
    ctx.offers.push_back(ro);
  }
  for (const auto& rule : LintRules()) {
    const std::string id = rule.id;
    if (id != "GS006" && id != "GS007" && id != "GS008" && id != "GS009") continue;
    std::vector<LintFinding> found;
    rule.check(ctx, found);
    for (const auto& f : found) {
      r.findings.push_back({f.id, f.severity,
                            f.uncited ? Message("probe.uncited").With("what", f.message) : f.message, f.fix});
    }
  }
}

// Loads the driver libraries whenever the machine might have an NVIDIA GPU
// (on the bus, or a driver present: containers may hide sysfs).
void LoadDriverLibraries(ProbeReport& r, const ProbeOptions& o, bool nvidia_on_bus, std::shared_ptr<const CudaApi>* cuda,
                         std::unique_ptr<Nvml>* nvml) {
  const bool asked = !o.cuda_library.empty() || Env::System().Var("GPUSCOUT_LIBCUDA").has_value();
  if (nvidia_on_bus || !r.driver_files.version.empty() || asked || !r.pci_gpus.empty()) {
    r.cuda = ProbeCuda(o.cuda_library.empty() ? CudaLibraryName() : o.cuda_library, cuda);
    *nvml = Nvml::Open(o.nvml_library.empty() ? NvmlLibraryName() : o.nvml_library, r.nvml);
    return;
  }
  r.cuda.library = CudaLibraryName();
  r.cuda.error = kNotLoaded;
  r.nvml.library = NvmlLibraryName();
  r.nvml.error = kNotLoaded;
}

// Each CUDA device's copy bandwidth, with the PCIe link read under load.
void MeasureGpus(ProbeReport& r, const ProbeOptions& o, const CudaApi& cuda, Nvml* nvml) {
  for (const CudaDevice& d : r.cuda.devices) {
    GpuReport* target = nullptr;
    for (auto& g : r.gpus) {
      if (ToLower(g.pci_address) == ToLower(d.pci_address)) target = &g;
    }
    GpuBandwidthOptions go = o.gpu;
    go.progress = [&](double f) { Progress(o, "GPU " + std::to_string(d.ordinal) + " bandwidth", f); };
    go.while_busy = [&] {
      if (!nvml || !target) return;
      NvmlStatus busy = r.nvml;
      nvml->ReadDevices(busy);
      for (const auto& nd : busy.devices) {
        if (ToLower(nd.pci_address) != ToLower(d.pci_address)) continue;
        target->pcie_gen_current = nd.pcie_gen_current;
        target->pcie_width_current = nd.pcie_width_current;
        target->pcie_read_under_load = true;
      }
    };
    auto bw = MeasureGpuBandwidth(cuda, d.ordinal, d.total_bytes, go);
    if (!target) continue;
    if (bw) target->bandwidth = *bw;
    else target->bandwidth_error = bw.error().message;
  }
}

void MeasureHostAndNetwork(ProbeReport& r, const ProbeOptions& o) {
  if (o.measure_host) {
    HostBandwidthOptions ho = o.host;
    if (!ho.last_level_cache_bytes) ho.last_level_cache_bytes = r.machine.last_level_cache_bytes;
    ho.progress = [&](double f) { Progress(o, "host memory bandwidth", f); };
    r.host_bandwidth = MeasureHostBandwidth(ho);
  }
  for (const auto& t : o.net_targets) {
    Progress(o, "network " + t, 0);
    auto n = MeasureTcp(t, o.net);
    if (n) r.network.push_back(*n);
    else r.network_errors.push_back(n.error().message);
  }
}

// The verdict in plain words.
void Summarise(ProbeReport& r, bool nvidia_on_bus, const std::string& driver) {
  if (r.gpus.empty()) {
    r.summary = Message("probe.no_gpu_explained");
    r.findings.push_back({"probe.gpu.none", "info", Message("probe.no_gpu"), Message("probe.see_summary")});
  } else if (nvidia_on_bus && r.driver_files.version.empty() && !r.cuda.initialised) {
    r.summary = Message("probe.no_driver_explained");
    r.findings.push_back({"probe.gpu.no-driver", "error", Message("probe.no_driver"), Message("probe.no_driver_fix")});
  } else if (!r.cuda.initialised) {
    r.summary = Message("probe.cuda_broken").With("error", r.cuda.error);
    r.findings.push_back({"probe.cuda.init", "error", Verbatim(r.cuda.error),
                          Message("probe.cuda_fix")});
  } else {
    r.summary = Message("probe.working").With("gpus", r.cuda.devices.size()).With("driver", driver)
                    .With("cuda", CudaVersionText(r.cuda.driver_version));
  }
}

// What the machine promised (the catalog's offer) against what was measured.
void CompareWithPromise(ProbeReport& r, const Catalog& catalog, const ProbeOptions& o) {
  if (o.vendor.empty() || o.instance_type.empty()) return;
  auto c = CompareWithOffer(r, catalog, o.vendor, o.instance_type);
  if (!c) {
    r.findings.push_back({"probe.offer.unknown", "warning", Verbatim(c.error().Message(true)),
                          Message("probe.offer_unknown_fix")});
    return;
  }
  r.comparison = *c;
  for (const auto& p : c->checks) {
    if (p.ok) continue;
    r.findings.push_back({"probe.offer.shortfall", "error",
                          Message("probe.shortfall").With("vendor", o.vendor).With("type", o.instance_type)
                              .With("what", p.label).With("promised", p.promised).With("measured", p.measured),
                          p.note.empty() ? Message("probe.shortfall_fix") : p.note});
  }
}

}  // namespace

ProbeReport RunProbe(const System& sys, const Catalog& catalog, const Estimator& estimator,
                     const std::vector<CudaRelease>& compat, const ProbeOptions& o) {
  ProbeReport r;
  r.started_at = NowUtc();
  Progress(o, "machine", 0);
  r.machine = ProbeMachine(sys);
  r.pci_gpus = ProbePciGpus(sys);
  r.driver_files = ProbeNvidiaDriverFiles(sys);
  const bool nvidia_on_bus =
      std::any_of(r.pci_gpus.begin(), r.pci_gpus.end(), [](const PciGpu& g) { return g.vendor == "NVIDIA"; });
  std::shared_ptr<const CudaApi> cuda;
  std::unique_ptr<Nvml> nvml;
  LoadDriverLibraries(r, o, nvidia_on_bus, &cuda, &nvml);
  r.gpus = MergeGpus(r, catalog.gpus());
  if (o.measure_gpu && cuda && r.cuda.initialised) MeasureGpus(r, o, *cuda, nvml.get());
  MeasureHostAndNetwork(r, o);
  // Compatibility, for the first GPU the driver reports.
  std::optional<double> cc;
  for (const auto& g : r.gpus) {
    if (g.compute_capability) {
      cc = g.compute_capability;
      break;
    }
  }
  const std::string driver = r.nvml.driver_version.empty() ? r.driver_files.version : r.nvml.driver_version;
  r.cuda_toolkit = InstalledCudaToolkit(sys);
  r.compatibility = JudgeCompatibility(compat, driver, cc);
  CheckStackWithLint(r, catalog, estimator, compat, driver);
  Summarise(r, nvidia_on_bus, driver);
  JudgeGpus(r);
  CompareWithPromise(r, catalog, o);
  Progress(o, "done", 1);
  return r;
}

Result<Comparison> CompareWithOffer(const ProbeReport& r, const Catalog& catalog,
                                    const std::string& vendor, const std::string& instance_type) {
  const Offer* offer = catalog.Instance(vendor, instance_type);
  if (!offer) {
    Error e;
    SetOption(e, "instance");
    e.message = "no offer " + instance_type + " from " + vendor + " in the catalog";
    return tl::unexpected(e);
  }
  Comparison c;
  c.vendor = offer->vendor;
  c.instance_type = offer->instance_type;
  c.offer_source = offer->source;
  const GpuSpec* spec = catalog.gpus().Find(offer->gpu);
  const int measured_gpus = static_cast<int>(r.cuda.initialised ? r.cuda.devices.size() : r.pci_gpus.size());
  const double promised_gpus = std::max(1.0, offer->gpu_count);
  c.checks.push_back(Check(Message("probe.check_gpu_count"), FormatNumber(offer->gpu_count), std::to_string(measured_gpus),
                           measured_gpus >= static_cast<int>(promised_gpus), Message()));
  std::string models;
  bool model_ok = !r.gpus.empty();
  for (const auto& g : r.gpus) {
    models += (models.empty() ? "" : ", ") + (g.catalog_gpu.empty() ? g.name : g.catalog_gpu);
    if (g.catalog_gpu != offer->gpu) model_ok = false;
  }
  c.checks.push_back(Check(Message("probe.check_gpu_model"), offer->gpu, models.empty() ? "none" : models, model_ok, Message()));
  if (offer->gpu_mem_gib) {
    double least = 0;
    for (const auto& g : r.gpus) least = least == 0 ? g.memory_gib : std::min(least, g.memory_gib);
    // Drivers report a little less than the marketed size (ECC, reserved memory).
    c.checks.push_back(Check(Message("probe.check_gpu_memory"), Fixed1(*offer->gpu_mem_gib), Fixed1(least),
                             least >= 0.9 * *offer->gpu_mem_gib, Message("probe.note_gpu_memory")));
  }
  if (offer->vcpus) {
    c.checks.push_back(Check(Message("probe.check_vcpus"), FormatNumber(*offer->vcpus), std::to_string(r.machine.logical_cpus),
                             r.machine.logical_cpus >= static_cast<int>(*offer->vcpus), Message()));
  }
  if (offer->mem_gib) {
    c.checks.push_back(Check(Message("probe.check_host_memory"), FormatNumber(*offer->mem_gib), Fixed1(r.machine.memory_gib),
                             r.machine.memory_gib >= 0.9 * *offer->mem_gib, Message("probe.note_host_memory")));
  }
  if (spec && spec->memory_bandwidth_gbps) {
    for (const auto& g : r.gpus) {
      if (!g.bandwidth) continue;
      const double got = g.bandwidth->device_to_device.gbps;
      c.checks.push_back(
          Check(Message("probe.check_bandwidth").With("address", g.pci_address), FormatNumber(*spec->memory_bandwidth_gbps),
                Fixed1(got), got >= EmbeddedFacts().probe_min_memory_bandwidth_share * *spec->memory_bandwidth_gbps,
                Message("probe.note_bandwidth", "data/facts.csv")
                    .With("pct", 100 * EmbeddedFacts().probe_min_memory_bandwidth_share)));
    }
  }
  for (const auto& g : r.gpus) {
    if (g.pcie_gen_current && g.pcie_gen_max) {
      c.checks.push_back(Check(Message("probe.check_pcie").With("address", g.pci_address),
                               fmt::format("gen {} x{}", *g.pcie_gen_max, g.pcie_width_max.value_or(0)),
                               fmt::format("gen {} x{}", *g.pcie_gen_current, g.pcie_width_current.value_or(0)),
                               *g.pcie_gen_current >= *g.pcie_gen_max &&
                                   g.pcie_width_current.value_or(0) >= g.pcie_width_max.value_or(0),
                               Message("probe.note_pcie")));
    }
  }
  return c;
}

}  // namespace gpuscout::probe
