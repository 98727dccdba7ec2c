// Training throughput on the stock software stack against Lambda's published
// GPU benchmark (data/benchmarks-stock.csv: DeepLearningExamples scripts at
// their defaults in NGC PyTorch containers, synthetic data): in sample, and
// with each GPU generation left out of the fit and predicted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "catalog/embedded.h"
#include "test_support.h"
#include "workload/roofline_model.h"
#include "workload/estimate.h"
#include "workload/flops.h"

namespace gpuscout {
namespace {

const Estimator& Real() { return testing::RealEstimator(); }
const std::vector<BenchmarkRow>& StockRows() { return Real().calibration(Stack::kStock).rows; }

double MedianOf(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Per-GPU samples/s of `row` predicted by models fitted on `fit_rows`.
double Predict(const BenchmarkRow& row, const std::vector<BenchmarkRow>& fit_rows) {
  const WorkClass cls = ClassOf(row.workload);
  if (IsBandwidthBound(cls)) return RooflineModel::Fit(fit_rows, RooflineFamily::kCnn).Predict(row);
  if (cls == WorkClass::kEncoderFinetune) {
    return RooflineModel::Fit(fit_rows, RooflineFamily::kEncoderFinetune).Predict(row);
  }
  auto mfu = ReadPublishedMfu(embedded::MfuPublished(), "mfu", testing::RealGpus());
  const UtilizationModel m = UtilizationModel::Fit(fit_rows, *mfu);
  const GpuSpec& gpu = *row.hardware.gpu;
  const PeakPath path = PathOf(row.workload, gpu);
  const double peak = *PeakTflops(gpu, row.workload.precision, path);
  return m.AchievedFlops(cls, gpu, path, peak, row.workload.seq_len, row.hardware.total_gpus()) /
         FlopsPerSample(row.workload);
}

TEST(TrainingStack, StockRowsInSample) {
  std::map<std::string, std::vector<double>> errors;  // by class
  std::map<std::string, std::vector<double>> by_generation;  // by class and generation
  for (const BenchmarkRow& row : StockRows()) {
    MemoryBreakdown mem;
    Throughput t;
    Real().Fast(row.workload, row.hardware, mem, t);
    ASSERT_TRUE(t.known) << row.label;
    const double per_gpu = t.samples_per_s / row.hardware.total_gpus();
    const double e = std::abs(per_gpu / row.per_gpu_value - 1);
    const std::string cls(ClassName(ClassOf(row.workload)));
    errors[cls].push_back(e);
    by_generation[cls + " " + row.hardware.gpu->generation].push_back(e);
    std::printf("%-120s %8.1f %8.1f %6.1f%%\n", row.label.substr(0, 120).c_str(), row.per_gpu_value, per_gpu, 100 * e);
  }
  ASSERT_EQ(StockRows().size(), 64u);
  for (const auto& [key, e] : by_generation) {
    std::printf("in sample, %-24s median %5.1f%%  max %5.1f%%  (%zu rows)\n", key.c_str(), 100 * MedianOf(e),
                100 * *std::max_element(e.begin(), e.end()), e.size());
  }
  for (const auto& [cls, e] : errors) {
    std::printf("in sample, %s: median %.1f%%, max %.1f%% over %zu rows\n", cls.c_str(), 100 * MedianOf(e),
                100 * *std::max_element(e.begin(), e.end()), e.size());
    // Today 11.1% (cnn-train) and 11.3% (encoder-finetune; its worst row,
    // +96%, is Lambda's 8 x A100 FP32 run at 42% of the one-GPU rate per GPU
    // where its FP16 run kept 61%).
    EXPECT_LT(MedianOf(e), 0.15) << cls;
  }
}

TEST(TrainingStack, LeaveOneGenerationOut) {
  // Each generation's rows predicted by a fit on the other generations.
  std::map<std::string, std::vector<double>> all;
  for (const char* gen : {"volta", "ampere", "ada", "hopper"}) {
    std::vector<BenchmarkRow> rest, held;
    for (const BenchmarkRow& row : StockRows()) (row.hardware.gpu->generation == gen ? held : rest).push_back(row);
    ASSERT_FALSE(held.empty()) << gen;
    std::map<std::string, std::vector<double>> errors;
    for (const BenchmarkRow& row : held) {
      const std::string cls(ClassName(ClassOf(row.workload)));
      const double e = std::abs(Predict(row, rest) / row.per_gpu_value - 1);
      errors[cls].push_back(e);
      all[cls].push_back(e);
    }
    for (const auto& [cls, e] : errors) {
      std::printf("held out %-6s %-16s median %5.1f%%  max %5.1f%%  (%zu rows)\n", gen, cls.c_str(), 100 * MedianOf(e),
                  100 * *std::max_element(e.begin(), e.end()), e.size());
    }
  }
  for (const auto& [cls, e] : all) {
    std::printf("held out, all generations, %s: median %.1f%%, max %.1f%%\n", cls.c_str(), 100 * MedianOf(e),
                100 * *std::max_element(e.begin(), e.end()));
  }
  // The bounds docs/estimate.md claims (today: cnn-train 10.8% median,
  // 34.0% worst; encoder-finetune 14.0% median).
  EXPECT_LT(MedianOf(all["cnn-train"]), 0.20);
  EXPECT_LT(*std::max_element(all["cnn-train"].begin(), all["cnn-train"].end()), 0.40);
  EXPECT_LT(MedianOf(all["encoder-finetune"]), 0.20);
}

double ResNetImagesPerSecond(const std::string& gpu, const std::string& stack) {
  EstimateRequest r;
  r.task = "cnn-train";
  r.model = "ResNet-50";
  r.gpu = gpu;
  r.precision = "fp16";
  r.stack = stack;
  auto resolved = Real().Resolve(r);
  EXPECT_TRUE(resolved.has_value());
  return Real().Run(resolved->first, resolved->second).throughput.samples_per_s;
}

TEST(TrainingStack, HopperOverA10AsPublished) {
  // Lambda's benchmark, ResNet-50 AMP training, one GPU: H100 80GB SXM5
  // 2616 images/s, A10 638 (pytorch-train-throughput-fp16.csv).
  const double h100 = ResNetImagesPerSecond("H100", "stock");
  const double h200 = ResNetImagesPerSecond("H200", "stock");
  const double a10 = ResNetImagesPerSecond("A10", "stock");
  const double published = 2616.0 / 638.0;
  // No stock H200 measurement is in our sources. Issue #22 reports the third
  // party's: the earlier, bandwidth-proportional model (H200 6122 images/s,
  // A10 6122 x 600/4800 = 765) was "about 100%" over on the H200 and 20% over
  // on the A10 (765 / 1.2 = 638, Lambda's figure exactly), so that
  // benchmark's H200 is about 6122 / 2 = 3061 and H200 over A10 about 4.8.
  const double reported = (6122.0 / 2) / 638.0;
  std::printf("H100/A10 %.2f (published %.2f), H200/A10 %.2f (reported %.2f), H200/H100 %.2f\n", h100 / a10, published,
              h200 / a10, reported, h200 / h100);
  EXPECT_NEAR(h100 / a10 / published, 1, 0.15);
  EXPECT_NEAR(h200 / a10 / reported, 1, 0.15);
  // The H200 has the H100 SXM's compute and power and 1.43x its bandwidth.
  EXPECT_GT(h200 / h100, 1.0);
  EXPECT_LT(h200 / h100, 4800.0 / 3350);
  // The tuned stack is faster than stock on the same GPU.
  EXPECT_GT(ResNetImagesPerSecond("A100-80GB", "tuned"), 1.1 * ResNetImagesPerSecond("A100-80GB", "stock"));
}

TEST(TrainingStack, EveryTrainingGpuGetsAnEstimate) {
  // Every GPU with a 16-bit peak and a bandwidth, Ada workstation cards
  // included, gets a CNN and an encoder training time.
  for (const GpuSpec& gpu : testing::RealGpus().specs()) {
    if (!gpu.fp16_tflops || !gpu.memory_bandwidth_gbps) continue;
    for (const char* task : {"cnn-train", "finetune"}) {
      EstimateRequest r;
      r.task = task;
      r.model = std::string(task) == "cnn-train" ? "ResNet-50" : "BERT-Large";
      r.gpu = gpu.name;
      auto resolved = Real().Resolve(r);
      ASSERT_TRUE(resolved.has_value()) << gpu.name << ": " << resolved.error().Format();
      const Estimate e = Real().Run(resolved->first, resolved->second);
      EXPECT_TRUE(e.throughput.known && e.throughput.samples_per_s > 0) << gpu.name << " " << task;
    }
  }
}

TEST(TrainingStack, CpuDecodeBoundsAStockRunOnAnOffer) {
  // 8 x H100 fed by JPEG decoding on the host: the offer's vCPUs bound it.
  Hardware hw;
  hw.gpu = testing::RealGpus().Find("H100");
  hw.gpus_per_node = 8;
  hw.vcpus = 16;
  EstimateRequest r;
  r.task = "cnn-train";
  r.model = "ResNet-50";
  r.gpu = "H100";
  r.gpus = 8;
  auto resolved = Real().Resolve(r);
  ASSERT_TRUE(resolved.has_value());
  const Estimate cpu_fed = Real().Run(resolved->first, hw);
  EXPECT_TRUE(cpu_fed.throughput.input_bound);
  EXPECT_NEAR(cpu_fed.throughput.samples_per_s, 16 * 119.0, 1e-6);
  Workload tuned = resolved->first;
  tuned.stack = Stack::kTuned;
  EXPECT_FALSE(Real().Run(tuned, hw).throughput.input_bound);  // DALI decodes on the GPU
}

}  // namespace
}  // namespace gpuscout
