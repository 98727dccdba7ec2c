#include "workload/hpc.h"

#include <fmt/format.h>

#include <cmath>

#include "base/csv.h"

namespace gpuscout {

Result<Fp64Rates> Fp64Rates::Parse(std::string_view text, const std::string& file) {
  GS_TRY(table, ParseCsv(text, file));
  if (!table.errors.empty()) return tl::unexpected(table.errors.front());
  const auto gpu = table.Find("gpu"), fp64 = table.Find("fp64_tflops"), tensor = table.Find("fp64_tensor_tflops");
  if (!gpu || !fp64 || !tensor) return FailAt(file, 1, 1, "header", "expected gpu, fp64_tflops, fp64_tensor_tflops");
  Fp64Rates rates;
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    Row r;
    r.gpu = row.Text(*gpu);
    GS_TRY(v, row.Number(*fp64, "fp64_tflops"));
    if (!(v > 0)) return tl::unexpected(row.ErrorAt(*fp64, "fp64_tflops", "expected a rate above 0"));
    r.tflops = v;
    GS_TRY(t, row.OptionalNumber(*tensor, "fp64_tensor_tflops"));
    r.tensor_tflops = t;
    rates.rows_.push_back(r);
  }
  return rates;
}

std::optional<double> Fp64Rates::CudaRatio(std::string_view cc) {
  // FP64 vs FP32 results per clock cycle per multiprocessor (CUDA C++
  // Programming Guide, "Arithmetic Instructions").
  struct Entry {
    std::string_view cc;
    double ratio;
  };
  static constexpr Entry kTable[] = {{"6.0", 32.0 / 64}, {"6.1", 4.0 / 128}, {"7.0", 32.0 / 64}, {"7.5", 2.0 / 64},
                                     {"8.0", 32.0 / 64}, {"8.6", 2.0 / 128}, {"8.9", 2.0 / 128}, {"9.0", 64.0 / 128}};
  for (const auto& e : kTable) {
    if (e.cc == cc) return e.ratio;
  }
  return std::nullopt;
}

std::optional<Fp64Rates::Rate> Fp64Rates::Fp64(const GpuSpec& gpu) const {
  for (const auto& r : rows_) {
    if (r.gpu == gpu.name) return Rate{r.tflops, true};
  }
  const auto ratio = CudaRatio(gpu.compute_capability);
  if (!ratio || !gpu.fp32_tflops) return std::nullopt;
  return Rate{*gpu.fp32_tflops * *ratio, false};
}

double ParallelEfficiency(int nodes, double per_doubling) {
  return nodes <= 1 ? 1.0 : std::pow(per_doubling, std::log2(static_cast<double>(nodes)));
}

std::optional<NodeRate> GpuNodeRate(const GpuSpec& gpu, int gpus, bool fp64, const Fp64Rates& rates) {
  if (!gpu.memory_bandwidth_gbps) return std::nullopt;
  double tflops = 0;
  if (fp64) {
    auto r = rates.Fp64(gpu);
    if (!r) return std::nullopt;
    tflops = r->tflops;
  } else {
    if (!gpu.fp32_tflops) return std::nullopt;
    tflops = *gpu.fp32_tflops;
  }
  return NodeRate{tflops * gpus, *gpu.memory_bandwidth_gbps * gpus};
}

HpcTime HpcHours(const HpcJob& job, const NodeRate& target, int nodes) {
  HpcTime h;
  h.slowdown = job.compute_share * job.reference.tflops / target.tflops +
               (1 - job.compute_share) * job.reference.gbps / target.gbps;
  h.reference_nodes = job.reference_nodes * ParallelEfficiency(job.reference_nodes, job.scaling_efficiency);
  h.nodes = nodes * ParallelEfficiency(nodes, job.scaling_efficiency);
  h.hours = job.reference_hours * h.reference_nodes / h.nodes * h.slowdown;
  return h;
}

Throughput HpcThroughput(const Workload& w, const Hardware& hw, const Fp64Rates& rates,
                         std::vector<Message>* notes) {
  Throughput t;
  const HpcJob& job = w.hpc;
  const auto target = GpuNodeRate(*hw.gpu, hw.gpus_per_node, job.fp64, rates);
  if (!target) {
    if (notes) {
      notes->push_back(Message("hpc.no_rate").With("precision", job.fp64 ? "FP64" : "FP32").With("gpu", hw.gpu->name));
    }
    return t;
  }
  const NodeRate& ref = job.reference;
  const HpcTime time = HpcHours(job, *target, hw.nodes);
  const double slowdown = time.slowdown, ref_nodes = time.reference_nodes, nodes = time.nodes, hours = time.hours;
  t.known = true;
  t.total_hours = hours;
  t.step_s = hours * 3600;
  t.samples_per_s = 1 / t.step_s;
  t.peak_tflops = target->tflops;
  if (notes) {
    notes->push_back(Message("hpc.scaling").With("hours", job.reference_hours).With("ref_nodes", job.reference_nodes)
                         .With("ref_tflops", ref.tflops).With("precision", job.fp64 ? "FP64" : "FP32")
                         .With("ref_gbps", ref.gbps).With("gpus", hw.gpus_per_node).With("gpu", hw.gpu->name)
                         .With("tflops", target->tflops).With("gbps", target->gbps)
                         .With("compute_pct", 100 * job.compute_share).With("compute", job.compute_share)
                         .With("memory", 1 - job.compute_share).With("slowdown", slowdown));
    notes->push_back(Message("hpc.efficiency").With("efficiency", job.scaling_efficiency)
                         .With("ref_nodes", job.reference_nodes).With("ref_count", ref_nodes).With("nodes", hw.nodes)
                         .With("count", nodes).With("hours", hours));
    if (job.fp64) {
      auto r = rates.Fp64(*hw.gpu);
      if (r && !r->from_datasheet) {
        notes->push_back(Message("hpc.fp64_ratio").With("gpu", hw.gpu->name).With("tflops", r->tflops)
                             .With("ratio", *Fp64Rates::CudaRatio(hw.gpu->compute_capability))
                             .With("cc", hw.gpu->compute_capability));
      }
    }
  }
  return t;
}

}  // namespace gpuscout
