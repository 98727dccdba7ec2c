#include "optimizer/alternatives.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "facts/facts.h"
#include "workload/flops.h"
#include "workload/hpc.h"

namespace gpuscout {
namespace {

// The seed article's figures (data/facts.csv), used as stated claims, not
// measurements: vGPU time slicing loses 15-30% (taken at 22.5%); remote
// rendering adds 40-60 ms of stream latency (taken at 50 ms).
double VgpuLoss() { return EmbeddedFacts().vgpu_loss; }
double StreamLatencyMs() { return EmbeddedFacts().stream_latency_ms; }

struct OfferChoice {
  const Offer* offer = nullptr;
  Estimate estimate;
  double price_hour_usd = 0;
};

// The cheapest offer (by on-demand price) the workload fits on, single node;
// `slices` picks fractional-GPU offers only, else whole GPUs only.
std::optional<OfferChoice> Cheapest(const Catalog& catalog, const Estimator& estimator, const Workload& w, bool slices,
                                    const ExchangeRate& rate, bool graphics_only) {
  // The full estimate (with its text) is built once, for the winner; the scan
  // itself only needs the fast fit/throughput check.
  const Offer* best_offer = nullptr;
  Hardware best_hw;
  bool best_fp16 = false;
  double best_usd = 0;
  std::optional<Workload> fp16;
  for (const Offer& o : catalog.offers()) {
    if (!o.price_hour || (slices != (o.gpu_count < 1))) continue;
    const GpuSpec* gpu = catalog.gpus().Find(o.gpu);
    if (!gpu) continue;
    // Remote rendering streams through NVIDIA's encoder (data/nvenc.csv).
    if (graphics_only && (!gpu->graphics || gpu->vendor != "NVIDIA")) {
      continue;
    }
    const double usd = rate.Convert(*o.price_hour, o.currency, Currency::kUSD);
    if (best_offer && usd >= best_usd) continue;
    const Hardware hw = OfferHardware(o, gpu, 1);
    if (hw.total_gpus() % w.tensor_parallel != 0) continue;
    const Workload* use = &w;
    if (!w.precision_chosen && w.precision == Precision::kBf16 && !gpu->bf16_tflops) {
      if (!fp16) {
        fp16 = w;
        fp16->precision = Precision::kFp16;
      }
      use = &*fp16;
    }
    MemoryBreakdown m;
    Throughput t;
    estimator.Fast(*use, hw, m, t);
    if (!m.fits || (!t.known && w.task != Task::kRender)) continue;
    best_offer = &o;
    best_hw = hw;
    best_fp16 = use != &w;
    best_usd = usd;
  }
  if (!best_offer) return std::nullopt;
  return OfferChoice{best_offer, estimator.Run(best_fp16 ? *fp16 : w, best_hw), best_usd};
}

std::string Where(const Offer& o) { return o.vendor + ":" + o.instance_type + " (" + o.region + ")"; }

// The own CPU is left out of the recommendation when it is more than this
// many times slower than the fastest option that fits: an order of
// magnitude, past which nobody would call the CPU an answer (70B on a laptop
// CPU decodes at 0.07 tokens/s).
constexpr double kCpuFarSlower = 10;

// What every alternative needs: the request, the workload, and its kind.
struct Ask {
  const Catalog& catalog;
  const Estimator& estimator;
  const AlternativesRequest& r;
  const Workload& w;
  double cpu_gflops = 0;
  double cpu_bandwidth_gbps = 0;
  bool infer = false, llm_infer = false, stream = false, hpc = false;
  double transfer_ms = 0;
  double Monthly(double usd_per_hour) const {
    return r.rate.Convert(usd_per_hour * r.hours_per_month, Currency::kUSD, r.currency);
  }
};

Result<void> Validate(const AlternativesRequest& r) {
  for (auto [v, name] : {std::pair{r.rtt_ms, "rtt_ms"}, std::pair{r.payload_kb, "payload_kb"},
                         std::pair{r.bandwidth_mbps, "bandwidth_mbps"}, std::pair{r.hours_per_month, "hours_per_month"}}) {
    if (!(v >= 0 && v < 1e7) || (std::string(name) == "bandwidth_mbps" && v <= 0)) {
      return tl::unexpected(OptionError(name, fmt::format("{} is out of range", v)));
    }
  }
  if (r.cpu_gflops.value_or(0) <= 0) return tl::unexpected(OptionError("cpu_gflops", "must be above 0"));
  if (r.cpu_bandwidth_gbps.value_or(0) <= 0) return tl::unexpected(OptionError("cpu_bandwidth_gbps", "must be above 0"));
  return {};
}

std::string Unit(const Ask& k) {
  if (k.llm_infer) return "tokens/s";
  if (k.w.task == Task::kRender || k.stream) return "frames/s";
  if (k.hpc) return "jobs/h";
  return k.infer ? "requests/s" : "samples/s";
}

// (a) This machine's CPU.
Alternative OwnCpu(const Ask& k) {
  Alternative a;
  a.name = "own-cpu";
  const Workload& w = k.w;
  const double flops = k.cpu_gflops * 1e9;
  if (k.llm_infer) {
    // Decode reads every weight per token: bound by memory bandwidth.
    const double weights = BytesPer(w.precision) * w.model.params;
    const double step = weights / (k.cpu_bandwidth_gbps * 1e9);
    const double prefill = TransformerForwardFlopsPerToken(w.model, w.prompt_tokens) * w.prompt_tokens / flops;
    a.throughput = 1 / step;
    a.latency_ms = (prefill + w.output_tokens * step) * 1000;
    a.assumptions.push_back(Message("alt.cpu_decode").With("gbps", k.cpu_bandwidth_gbps).With("gb", weights / 1e9)
                                .With("gflops", k.cpu_gflops));
  } else if (w.task == Task::kRender || k.stream) {
    a.applicable = false;
    a.why = Message("alt.no_cpu_render");
  } else if (k.hpc) {
    // The same scaling as a GPU node: this machine as one node.
    const double hours = HpcHours(w.hpc, NodeRate{k.cpu_gflops / 1000, k.cpu_bandwidth_gbps}, 1).hours;
    a.throughput = 1 / hours;
    a.assumptions.push_back(Message("alt.cpu_hpc").With("gflops", k.cpu_gflops).With("gbps", k.cpu_bandwidth_gbps)
                                .With("hours", hours));
  } else {
    const double per_sample = FlopsPerSample(w);
    a.throughput = flops / per_sample;
    a.latency_ms = k.infer ? 1000 / a.throughput : 0;
    a.assumptions.push_back(Message("alt.cpu_sample").With("gflop", per_sample / 1e9).With("gflops", k.cpu_gflops));
  }
  a.assumptions.push_back(Message("alt.cpu").With("gflops", k.cpu_gflops).With("gbps", k.cpu_bandwidth_gbps)
                              .With("basis", Word(k.r.cpu_measured ? "alt.cpu_measured" : "alt.cpu_given")));
  a.offer = "this machine";
  return a;
}

// (b) A vGPU slice.
Alternative VgpuSlice(const Ask& k) {
  Alternative a;
  a.name = "vgpu-slice";
  if (k.stream || k.hpc) {
    a.applicable = false;
    a.why = Message(k.stream ? "alt.slice_encoder" : "alt.slice_hpc");
    return a;
  }
  auto slice = Cheapest(k.catalog, k.estimator, k.w, true, k.r.rate, false);
  if (!slice) {
    a.fits = false;
    a.why = Message("alt.no_slice");
    return a;
  }
  const Throughput& t = slice->estimate.throughput;
  const double share = slice->offer->gpu_count * (1 - VgpuLoss());
  a.offer = Where(*slice->offer) + fmt::format(", {:g} x {}", slice->offer->gpu_count, slice->offer->gpu);
  a.throughput = (k.llm_infer ? t.tokens_per_s : t.samples_per_s) * share;
  a.latency_ms = k.llm_infer ? t.request_s / share * 1000 : (t.samples_per_s > 0 ? 1000 / (t.samples_per_s * share) : 0);
  a.latency_ms += k.r.rtt_ms + k.transfer_ms;
  a.monthly_cost = k.Monthly(slice->price_hour_usd);
  a.assumptions.push_back(Message("alt.slice", "data/facts.csv").With("share", slice->offer->gpu_count)
                              .With("loss_pct", VgpuLoss() * 100));
  return a;
}

// (c) Remote rendering of a stream: the streaming model (workload/stream.h),
// sessions per GPU, bitrate, and one frame's latency from input to display.
Alternative StreamRendering(const Ask& k, Alternative a) {
  auto gpu = Cheapest(k.catalog, k.estimator, k.w, false, k.r.rate, true);
  if (!gpu || !gpu->estimate.stream) {
    a.fits = false;
    a.why = Message("alt.no_encoder_offer");
    return a;
  }
  const StreamSizing& s = *gpu->estimate.stream;
  const StreamJob& job = k.w.stream;
  const int per_instance = s.sessions_per_gpu * std::max(1, static_cast<int>(gpu->offer->gpu_count));
  const int instances = (job.sessions + per_instance - 1) / per_instance;
  const double frame_ms = 1000 / job.fps;
  const double send_ms = s.bitrate_mbps / job.fps / k.r.bandwidth_mbps * 1000;
  a.offer = Where(*gpu->offer) + fmt::format(" x {}", instances);
  a.throughput = job.fps * job.sessions;
  a.latency_ms = k.r.rtt_ms + frame_ms + s.encode_ms + send_ms + frame_ms;
  a.monthly_cost = k.Monthly(gpu->price_hour_usd * instances);
  a.assumptions.push_back(Message("alt.stream_latency").With("rtt", k.r.rtt_ms).With("frame", frame_ms)
                              .With("encode", s.encode_ms).With("mbps", s.bitrate_mbps)
                              .With("link", k.r.bandwidth_mbps).With("send", send_ms));
  a.assumptions.push_back(Message("alt.stream_instances").With("per_instance", per_instance)
                              .With("limit", Word("stream.limit_" + s.limit)).With("instances", instances)
                              .With("sessions", job.sessions));
  if (s.bitrate_mbps > k.r.bandwidth_mbps) {
    a.fits = false;
    a.why = Message("alt.stream_bandwidth").With("mbps", s.bitrate_mbps).With("link", k.r.bandwidth_mbps);
  }
  return a;
}

// (c) Remote rendering: frames rendered in the cloud and streamed back.
Alternative RemoteRendering(const Ask& k) {
  Alternative a;
  a.name = "remote-rendering";
  if (k.w.task != Task::kRender && !k.stream) {
    a.applicable = false;
    a.why = Message("alt.no_frames");
    return a;
  }
  if (k.stream) return StreamRendering(k, a);
  auto gpu = Cheapest(k.catalog, k.estimator, k.w, false, k.r.rate, true);
  if (!gpu) {
    a.fits = false;
    a.why = Message("alt.no_graphics");
    return a;
  }
  a.offer = Where(*gpu->offer);
  a.throughput = gpu->estimate.throughput.samples_per_s;
  a.latency_ms = k.r.rtt_ms + StreamLatencyMs();
  a.monthly_cost = k.Monthly(gpu->price_hour_usd);
  a.assumptions.push_back(Message("alt.render_latency", "data/facts.csv").With("ms", StreamLatencyMs()));
  return a;
}

// (d) A remote GPU inference API (`api`), or (e) renting a GPU instance, on
// the cheapest single-node offer the workload fits.
Alternative RemoteGpu(const Ask& k, const std::optional<OfferChoice>& gpu, bool api) {
  Alternative a;
  a.name = api ? "remote-gpu-api" : "rent-gpu";
  if (api && !k.infer) {
    a.applicable = false;
    a.why = Message("alt.not_per_request");
    return a;
  }
  if (k.stream) {
    a.applicable = false;
    a.why = Message("alt.stream_is_rendering");
    return a;
  }
  if (!gpu) {
    a.fits = false;
    a.why = Message("alt.no_gpu_fits");
    return a;
  }
  const Throughput& t = gpu->estimate.throughput;
  a.offer = Where(*gpu->offer);
  a.throughput = k.llm_infer ? t.tokens_per_s : k.hpc ? (t.total_hours ? 1 / *t.total_hours : 0) : t.samples_per_s;
  const double gpu_ms = k.llm_infer ? t.request_s * 1000 : (k.infer && t.samples_per_s > 0 ? 1000 / t.samples_per_s : 0);
  a.latency_ms = gpu_ms + (api ? k.r.rtt_ms + k.transfer_ms : 0);
  a.monthly_cost = k.Monthly(gpu->price_hour_usd);
  if (api) {
    a.assumptions.push_back(Message("alt.api").With("rtt", k.r.rtt_ms).With("kb", k.r.payload_kb)
                                .With("mbps", k.r.bandwidth_mbps).With("ms", k.transfer_ms));
    return a;
  }
  a.assumptions.push_back(Message("alt.rent"));
  if (!k.infer && t.total_hours) a.assumptions.push_back(Message("alt.job_hours").With("hours", *t.total_hours));
  return a;
}

bool Usable(const Alternative& a) { return a.applicable && a.fits && a.throughput > 0; }

// The latency objective, and the own CPU's speed rule (kCpuFarSlower).
void Screen(const Ask& k, std::vector<Alternative>& options) {
  for (auto& a : options) {
    if (a.applicable && a.fits && k.r.latency_slo_ms && (k.infer || k.stream) && a.latency_ms > *k.r.latency_slo_ms) {
      a.fits = false;
      a.why = Message("alt.over_slo").With("ms", a.latency_ms).With("slo", *k.r.latency_slo_ms);
    }
  }
  const Alternative* fastest_other = nullptr;
  for (const auto& a : options) {
    if (a.name != "own-cpu" && Usable(a) && (!fastest_other || a.throughput > fastest_other->throughput)) fastest_other = &a;
  }
  for (auto& a : options) {
    if (a.name != "own-cpu" || !Usable(a) || !fastest_other || a.throughput * kCpuFarSlower >= fastest_other->throughput) {
      continue;
    }
    a.fits = false;
    a.why = Message("alt.cpu_far_slower").With("throughput", a.throughput).With("unit", Unit(k))
                .With("times", kCpuFarSlower).With("other", fastest_other->name)
                .With("other_throughput", fastest_other->throughput);
  }
}

// The cheapest option that applies and fits (among equal costs the faster),
// and the fastest when that is another.
void Pick(AlternativesAnswer& out) {
  const auto& options = out.options;
  for (size_t i = 0; i < options.size(); ++i) {
    const Alternative& a = options[i];
    if (!Usable(a)) continue;
    const Alternative* pick = out.cheapest ? &options[*out.cheapest] : nullptr;
    if (!pick || a.monthly_cost < pick->monthly_cost || (a.monthly_cost == pick->monthly_cost && a.throughput > pick->throughput)) {
      out.cheapest = i;
    }
    if (!out.fastest || a.throughput > options[*out.fastest].throughput) out.fastest = i;
  }
  if (out.fastest == out.cheapest) out.fastest.reset();
}

}  // namespace

Result<AlternativesAnswer> CompareAlternatives(const Catalog& catalog, const Estimator& estimator,
                                               const AlternativesRequest& r) {
  GS_CHECK(Validate(r));
  GS_TRY(w, estimator.ResolveWorkload(r.workload));
  Ask k{catalog, estimator, r, w};
  k.cpu_gflops = *r.cpu_gflops;
  k.cpu_bandwidth_gbps = *r.cpu_bandwidth_gbps;
  k.infer = w.task == Task::kInfer || w.task == Task::kCnnInfer;
  k.llm_infer = w.task == Task::kInfer && w.model.kind == ModelKind::kLlm;
  k.stream = w.task == Task::kStream;
  k.hpc = w.task == Task::kHpc;
  k.transfer_ms = r.payload_kb * 8.0 / (r.bandwidth_mbps * 1000.0) * 1000.0;
  AlternativesAnswer out;
  out.cpu_gflops = k.cpu_gflops;
  out.cpu_bandwidth_gbps = k.cpu_bandwidth_gbps;
  out.cpu_measured = r.cpu_measured;
  const auto gpu = Cheapest(catalog, estimator, w, false, r.rate, false);
  out.options = {OwnCpu(k), VgpuSlice(k), RemoteRendering(k), RemoteGpu(k, gpu, true), RemoteGpu(k, gpu, false)};
  Screen(k, out.options);
  for (auto& a : out.options) a.throughput_unit = Unit(k);
  out.within_slo = r.latency_slo_ms.has_value();
  Pick(out);
  return out;
}

}  // namespace gpuscout
