#include "workload/roofline_model.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "workload/flops.h"

namespace gpuscout {
namespace {

// No convolution reaches the whole tensor peak; a fit that would push the
// utilisation past this is explaining something else.
constexpr double kMaxUtilization = 0.85;

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

// Pattern search on the free parameters (log scale), from the best point of
// a coarse grid over the two that trade against each other most.
RooflineModel Minimize(RooflineModel m, const std::vector<RooflineModel::Param>& free, const std::vector<Observation>& obs,
                  bool grid) {
  double best = SquaredLogError(m, obs);
  if (grid) {
    const RooflineModel start = m;
    for (double bytes = 1; bytes <= 6; bytes += 0.25) {
      for (double k = -3; k <= 1; k += 0.25) {
        RooflineModel t = start;
        t.set(RooflineModel::kBytes, bytes);
        t.set(RooflineModel::kK16, k);
        t.set(RooflineModel::kK32, k - 1);
        const double e = SquaredLogError(t, obs);
        if (e < best) best = e, m = t;
      }
    }
  }
  for (double step = 0.5; step > 1e-4;) {
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
  return p == kU16 || p == kU32 ? std::min(kMaxUtilization, v) : v;
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
  std::vector<Param> free;
  if (shape) {
    // One common scale on compute, power and bandwidth alike, by ternary
    // search (the error is convex in it).
    auto scaled = [&](double s) {
      RooflineModel t = *shape;
      for (Param p : {kU16, kU32, kBytes, kK16, kK32}) t.log_[p] = shape->log_[p] + s;
      return t;
    };
    double lo = -3, hi = 3;
    for (int i = 0; i < 60; ++i) {
      const double a = lo + (hi - lo) / 3, b = hi - (hi - lo) / 3;
      if (SquaredLogError(scaled(a), obs) < SquaredLogError(scaled(b), obs)) hi = b;
      else lo = a;
    }
    m = scaled((lo + hi) / 2);
  } else {
    m.log_ = {std::log(0.5), std::log(0.3), std::log(30.0), std::log(0.3), std::log(0.1), 0, 0};
    free = {kU16, kU32, kBytes, kK16, kK32};
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
  r.memory_flops = value(kBytes) * gpu.memory_bandwidth_gbps.value_or(0) * 1e9;
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
              .With("infer", value(kInfer))};
}

}  // namespace gpuscout
