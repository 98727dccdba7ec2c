#include "workload/roofline_model.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "workload/flops.h"

namespace gpuscout {
namespace {

// No convolution reaches the whole tensor peak; a fit that would push the
// utilisation past this is explaining something else. Stock framework code
// (NCHW convolutions, unfused normalisation) is held to less than NVIDIA's
// tuned containers: 60% was chosen among 50-85% by the stock rows'
// leave-one-generation-out error (docs/estimate.md).
constexpr double kMaxStockUtilization = 0.6, kMaxTunedUtilization = 0.85;
// The response to bandwidth: at most proportional, and not so flat that
// memory stops mattering.
constexpr double kMinAlpha = 0.4, kMaxAlpha = 1.0;

struct Observation {
  WorkClass cls;
  PeakPath path;
  double peak_tflops;
  const GpuSpec* gpu;
  int gpus;
  double flops;  // per sample
  double value;  // samples/s per GPU
};

std::optional<Observation> Observe(const BenchmarkRow& r, RooflineFamily family) {
  const GpuSpec& gpu = *r.hardware.gpu;
  const WorkClass cls = ClassOf(r.workload);
  if (!InFamily(family, cls) || !gpu.memory_bandwidth_gbps || r.per_gpu_value <= 0) return std::nullopt;
  const PeakPath path = PathOf(r.workload, gpu);
  const auto peak = PeakTflops(gpu, r.workload.precision, path);
  if (!peak) return std::nullopt;
  return Observation{cls, path, *peak, &gpu, r.hardware.total_gpus(), FlopsPerSample(r.workload), r.per_gpu_value};
}

double SquaredLogError(const RooflineModel& m, const std::vector<Observation>& obs) {
  double sse = 0;
  for (const Observation& o : obs) {
    const double rate = m.Rate(o.cls, *o.gpu, o.path, o.peak_tflops, o.gpus).achieved_flops / o.flops;
    const double e = std::log(rate / o.value);
    sse += e * e;
  }
  return sse;
}

// Pattern search on the free parameters (log scale) from `m`.
RooflineModel Refine(RooflineModel m, const std::vector<RooflineModel::Param>& free, const std::vector<Observation>& obs,
                     double& best) {
  best = SquaredLogError(m, obs);
  for (double step = 0.5; step > 1e-3;) {
    bool improved = false;
    for (RooflineModel::Param p : free) {
      for (double d : {step, -step}) {
        RooflineModel t = m;
        t.set(p, std::log(t.value(p)) + d);
        const double e = SquaredLogError(t, obs);
        if (e < best - 1e-12) best = e, m = t, improved = true;
      }
    }
    if (!improved) step /= 2;
  }
  return m;
}

// The bandwidth response, the FLOPs per byte and the power roof trade
// against each other, and the error has several valleys: one start per
// bandwidth response, from the best point of a coarse grid over the other
// two, each refined; the best of those.
RooflineModel Minimize(const RooflineModel& m, const std::vector<RooflineModel::Param>& free,
                       const std::vector<Observation>& obs, bool grid) {
  double best = 0;
  if (!grid) return Refine(m, free, obs, best);
  RooflineModel winner = m;
  double winner_error = HUGE_VAL;
  for (double alpha = kMinAlpha; alpha <= kMaxAlpha + 1e-9; alpha += 0.1) {
    RooflineModel start = m;
    double start_error = HUGE_VAL;
    for (double bytes = 1; bytes <= 6; bytes += 0.5) {
      for (double k = -3; k <= 1; k += 0.5) {
        RooflineModel t = m;
        t.set(RooflineModel::kAlpha, std::log(alpha));
        t.set(RooflineModel::kBytes, bytes);
        t.set(RooflineModel::kK16, k);
        t.set(RooflineModel::kK32, k - 1);
        const double e = SquaredLogError(t, obs);
        if (e < start_error) start_error = e, start = t;
      }
    }
    RooflineModel refined = Refine(start, free, obs, best);
    if (best < winner_error) winner_error = best, winner = refined;
  }
  return winner;
}

}  // namespace

bool InFamily(RooflineFamily f, WorkClass c) {
  return f == RooflineFamily::kCnn ? IsBandwidthBound(c) : c == WorkClass::kEncoderFinetune;
}

std::string_view RooflineBoundName(RooflineBound b) {
  switch (b) {
    case RooflineBound::kCompute: return "compute";
    case RooflineBound::kPower: return "power";
    case RooflineBound::kMemory: return "memory";
  }
  return "?";
}

double RooflineModel::value(Param p) const {
  const double v = std::exp(log_[p]);
  if (p == kAlpha) return std::clamp(v, kMinAlpha, kMaxAlpha);
  return p == kU16 || p == kU32 ? std::min(max_utilization_, v) : v;
}

RooflineModel RooflineModel::Fit(const std::vector<BenchmarkRow>& rows, RooflineFamily family,
                                 const RooflineModel* shape) {
  std::vector<Observation> obs;
  bool infer = false, multi = false;
  for (const BenchmarkRow& r : rows) {
    if (auto o = Observe(r, family)) {
      obs.push_back(*o);
      infer = infer || o->cls == WorkClass::kCnnInfer;
      multi = multi || o->gpus > 1;
    }
  }
  RooflineModel m;
  m.max_utilization_ = kMaxStockUtilization;
  std::vector<Param> free;
  if (shape) {
    // One common scale on compute, power and bandwidth alike, by ternary
    // search (the error is convex in it).
    auto scaled = [&](double s) {
      RooflineModel t = *shape;
      t.max_utilization_ = kMaxTunedUtilization;
      for (Param p : {kU16, kU32, kBytes, kK16, kK32}) t.log_[p] = std::log(shape->value(p)) + s;
      return t;
    };
    double lo = -3, hi = 3;
    for (int i = 0; i < 60; ++i) {
      const double a = lo + (hi - lo) / 3, b = hi - (hi - lo) / 3;
      if (SquaredLogError(scaled(a), obs) < SquaredLogError(scaled(b), obs)) hi = b;
      else lo = a;
    }
    m = scaled((lo + hi) / 2);
    // Tuned kernels (channels-last, fused normalisation) also move fewer
    // bytes per FLOP: the memory roof gets its own scale.
    free = {kBytes};
  } else {
    m.log_ = {std::log(0.5), std::log(0.3), std::log(30.0), std::log(0.3), std::log(0.1), 0, 0, 0};
    free = {kU16, kU32, kBytes, kK16, kK32, kAlpha};
  }
  m.family_ = family;
  if (multi) free.push_back(kMulti);
  if (infer) free.push_back(kInfer);
  return free.empty() ? m : Minimize(m, free, obs, shape == nullptr);
}

RooflineRate RooflineModel::Rate(WorkClass cls, const GpuSpec& gpu, PeakPath path, double peak_tflops, int gpus) const {
  const bool wide = path != PeakPath::kTensor16;
  const double peak = (wide ? value(kU32) : value(kU16)) * peak_tflops * 1e12;
  const double power = gpu.tdp_w ? (wide ? value(kK32) : value(kK16)) * 1e12 * *gpu.tdp_w : peak;
  RooflineRate r;
  r.compute_flops = std::min(peak, power);
  r.memory_flops = value(kBytes) * 1e12 * std::pow(gpu.memory_bandwidth_gbps.value_or(0) / 1e3, value(kAlpha));
  const double compute_t = 1 / r.compute_flops;
  const double memory_t = r.memory_flops > 0 ? 1 / r.memory_flops : 0;
  double scale = 1;
  if (gpus > 1) scale *= value(kMulti);
  if (cls == WorkClass::kCnnInfer) scale *= value(kInfer);
  r.achieved_flops = scale / (compute_t + memory_t);
  r.compute_share = compute_t / (compute_t + memory_t);
  r.bound = r.compute_share < 0.5 ? RooflineBound::kMemory : power < peak ? RooflineBound::kPower : RooflineBound::kCompute;
  return r;
}

double RooflineModel::Predict(const BenchmarkRow& row) const {
  auto o = Observe(row, family_);
  if (!o) return 0;
  return Rate(o->cls, *o->gpu, o->path, o->peak_tflops, o->gpus).achieved_flops / o->flops;
}

std::vector<Message> RooflineModel::Describe(const std::string& source) const {
  return {Message("fit.roofline", source).With("family", family_ == RooflineFamily::kCnn ? "CNN" : "encoder fine-tuning")
              .With("u16", 100 * value(kU16)).With("u32", 100 * value(kU32)).With("bytes", value(kBytes))
              .With("k16", 1e3 * value(kK16)).With("k32", 1e3 * value(kK32)).With("dp", value(kMulti))
              .With("infer", value(kInfer)).With("alpha", value(kAlpha))};
}

}  // namespace gpuscout
