// The estimator against published figures: the ZeRO paper's memory table,
// QLoRA, Llama-2's KV cache, and every throughput row of
// data/benchmarks-calibration.csv it can express.
#include "workload/estimate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "catalog/embedded.h"
#include "test_support.h"
#include "workload/flops.h"

namespace gpuscout {
namespace {

const Estimator& Real() { return testing::RealEstimator(); }

Estimate Ask(EstimateRequest r) {
  auto resolved = Real().Resolve(r);
  EXPECT_TRUE(resolved.has_value()) << (resolved ? "" : resolved.error().Format());
  if (!resolved) return {};
  return Real().Run(resolved->first, resolved->second);
}

Error AskBad(EstimateRequest r) {
  auto resolved = Real().Resolve(r);
  EXPECT_FALSE(resolved.has_value());
  return resolved ? Error{} : resolved.error();
}

TEST(Estimate, ThroughputMatchesPublishedMeasurements) {
  // Every row of benchmarks-calibration.csv, predicted by the fitted model.
  std::vector<double> errors;
  std::printf("%-110s %10s %10s %7s\n", "published measurement", "published", "predicted", "error");
  for (const BenchmarkRow& row : Real().benchmarks()) {
    MemoryBreakdown mem;
    Throughput t;
    Real().Fast(row.workload, row.hardware, mem, t);
    ASSERT_TRUE(t.known) << row.label;
    const double per_gpu = t.samples_per_s / row.hardware.total_gpus();
    const double error = std::abs(per_gpu - row.per_gpu_value) / row.per_gpu_value;
    errors.push_back(error);
    std::printf("%-110s %10.1f %10.1f %6.1f%%\n", row.label.substr(0, 110).c_str(), row.per_gpu_value,
                per_gpu, 100 * error);
  }
  ASSERT_EQ(errors.size(), 20u);  // all 20 rows are expressible
  std::sort(errors.begin(), errors.end());
  const double median = (errors[9] + errors[10]) / 2;
  std::printf("median absolute percentage error: %.1f%% over %zu rows (max %.1f%%)\n", 100 * median,
              errors.size(), 100 * errors.back());
  const StackFit& tuned = Real().calibration(Stack::kTuned);
  for (const auto& line : tuned.transformers.Describe(WorkClass::kLlmTrain, tuned.source)) {
    std::printf("%s\n", Render(line, Lang::kEn).c_str());
  }
  for (const auto& line : tuned.cnn.Describe(tuned.source)) std::printf("%s\n", Render(line, Lang::kEn).c_str());
  EXPECT_LT(median, 0.25);

  // Out of sample: each row predicted by a model fitted without it. Rows that
  // alone determine a parameter (the only TF32 row, the only T4 rows, the
  // only encoder-inference row, the only seq-512 row) cannot be predicted
  // that way and are left out of this figure.
  auto mfu = ReadPublishedMfu(embedded::MfuPublished(), "mfu", testing::RealGpus());
  ASSERT_TRUE(mfu.has_value());
  const auto& rows = Real().benchmarks();
  std::vector<double> loo;
  for (size_t i = 0; i < rows.size(); ++i) {
    const BenchmarkRow& row = rows[i];
    const WorkClass cls = ClassOf(row.workload);
    const PeakPath path = PathOf(row.workload, *row.hardware.gpu);
    const Generation gen = GenerationOf(*row.hardware.gpu);
    size_t same_class = 0, same_gen = 0, same_path = 0;
    std::vector<BenchmarkRow> rest;
    for (size_t j = 0; j < rows.size(); ++j) {
      if (j == i) continue;
      rest.push_back(rows[j]);
      same_class += ClassOf(rows[j].workload) == cls;
      same_gen += GenerationOf(*rows[j].hardware.gpu) == gen;
      same_path += PathOf(rows[j].workload, *rows[j].hardware.gpu) == path;
    }
    const bool seq512 = row.workload.seq_len == 512;
    if (!same_class || (!same_gen && !IsBandwidthBound(cls)) || !same_path || seq512) continue;
    double predicted = 0;
    if (IsBandwidthBound(cls)) {
      predicted = RooflineModel::Fit(rest, RooflineFamily::kCnn, &Real().calibration(Stack::kStock).cnn).Predict(row);
    } else {
      const UtilizationModel m = UtilizationModel::Fit(rest, *mfu);
      const GpuSpec& gpu = *row.hardware.gpu;
      const double peak = *PeakTflops(gpu, row.workload.precision, path);
      predicted = m.AchievedFlops(cls, gpu, path, peak, row.workload.seq_len, row.hardware.total_gpus()) /
                  FlopsPerSample(row.workload);
    }
    loo.push_back(std::abs(predicted / row.per_gpu_value - 1));
    std::printf("held out: %-110s %8.1f %8.1f\n", row.label.substr(0, 110).c_str(), row.per_gpu_value, predicted);
  }
  std::sort(loo.begin(), loo.end());
  std::printf("leave-one-out: median absolute percentage error %.1f%% over %zu rows (max %.1f%%)\n",
              100 * loo[loo.size() / 2], loo.size(), 100 * loo.back());
  EXPECT_GE(loo.size(), 12u);
  // The bound out of sample: today 9.4% median, 26.8% worst over 16 rows.
  // The worst is V100 ResNet-50 inference (3382 images/s, predicted 2474):
  // held out, the T4's row alone fits the inference factor, and the CNN
  // shape is the stock fit's, which puts more of the V100's step on memory
  // than NVIDIA's tuned container does (issue #22; 22.8% before the stock
  // model's bandwidth response was fitted).
  EXPECT_LT(loo[loo.size() / 2], 0.15);
  EXPECT_LT(loo.back(), 0.30);
}

std::string Format1(const char* before, double v, const char* after) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%.1f%s", before, v, after);
  return buf;
}

TEST(Estimate, ZeroPaperMemoryTable) {
  // Rajbhandari et al. 2020, Figure 1: a 7.5B model on 64 GPUs needs 120 GB
  // (data parallel), 31.4 GB (stage 1), 16.6 GB (stage 2), 1.9 GB (stage 3)
  // for model states (weights, gradients, optimizer), in GB of 1e9 bytes.
  // The estimate follows DeepSpeed's own estimator instead (issue #14):
  // estimate_zero2_model_states_mem_needs (stages 1 and 2) budgets
  // 4 psi + 16 psi / N, estimate_zero3_model_states_mem_needs 18 psi / N +
  // 4 x the largest layer; the paper's figures stay in the assumption.
  const double paper[] = {120, 31.4, 16.6, 1.9};
  const double psi = 7.5e9;
  for (int stage = 0; stage <= 3; ++stage) {
    EstimateRequest r;
    r.task = "train";
    r.params_b = 7.5;
    r.layers = 32;
    r.hidden = 4096;
    r.heads = 32;
    r.gpu = "A100-80GB";
    r.gpus = 8;
    r.nodes = 8;
    r.zero = stage;
    Estimate e = Ask(r);
    const double states = (e.memory.weights + e.memory.gradients + e.memory.optimizer) / 1e9;
    const ModelSpec& m = e.workload.model;
    const double largest = std::max(m.embedding_params(), static_cast<double>(m.hidden) * m.ffn_size());
    const double deepspeed[] = {16 * psi, 4 * psi + 16 * psi / 64, 4 * psi + 16 * psi / 64, 18 * psi / 64 + 4 * largest};
    EXPECT_NEAR(states, deepspeed[stage] / 1e9, 1e-6) << "stage " << stage;
    // The paper's model reproduces its figure, and the assumption quotes it.
    const double model[] = {16 * psi, 4 * psi + 12 * psi / 64, 2 * psi + 14 * psi / 64, 16 * psi / 64};
    EXPECT_NEAR(model[stage] / 1e9, paper[stage], 0.06);
    if (stage == 0) {
      EXPECT_NEAR(states, paper[0], 0.06);
      continue;
    }
    bool quotes_paper = false;
    for (const auto& a : e.assumptions) {
      const std::string text = Render(a, Lang::kEn);
      if (text.find("DeepSpeed's estimator") == std::string::npos) continue;
      // The paper's model, in GiB, beside DeepSpeed's.
      quotes_paper = text.find(Format1("against ", model[stage] / (1u << 30), " GiB")) != std::string::npos;
      EXPECT_TRUE(quotes_paper) << text;
    }
    EXPECT_TRUE(quotes_paper) << "stage " << stage;
  }
}

TEST(Estimate, QloraLlama7bBaseIsAboutFiveGb) {
  EstimateRequest r;
  r.task = "qlora";
  r.model = "Llama-2-7B";
  r.gpu = "T4";
  r.seq_len = 512;
  Estimate e = Ask(r);
  // 4-bit base weights (NF4 + double quantisation) with bf16 embeddings:
  const double base = (e.memory.weights - 2 * e.memory.lora_params) / 1e9;
  EXPECT_NEAR(base, 3.88, 0.05);
  // the whole fine-tuning job, as the QLoRA paper's "about 5 GB" for LLaMA-7B:
  EXPECT_NEAR(e.memory.total / 1e9, 5.0, 1.0);
  EXPECT_TRUE(e.memory.fits);  // a 16 GB T4 fine-tunes a 7B model with QLoRA
}

TEST(Estimate, Llama2KvCacheIs512KiBPerToken) {
  EstimateRequest r;
  r.task = "infer";
  r.model = "Llama-2-7B";
  r.gpu = "A10G";
  r.precision = "fp16";
  Estimate e = Ask(r);
  EXPECT_EQ(e.memory.kv_bytes_per_token, 512 * 1024);
  // GQA: Llama-3-8B keeps 8 KV heads: a quarter of that.
  r.model = "Llama-3-8B";
  EXPECT_EQ(Ask(r).memory.kv_bytes_per_token, 128 * 1024);
}

TEST(Estimate, Llama13bFinetuneNeedsShardingAndBigGpus) {
  EstimateRequest r;
  r.task = "finetune";
  r.model = "Llama-2-13B";
  r.gpu = "A100-40GB";
  r.gpus = 1;
  Estimate small = Ask(r);
  EXPECT_FALSE(small.memory.fits);
  EXPECT_NE(Render(small.why_not, Lang::kEn).find("optimizer states"), std::string::npos) << Render(small.why_not, Lang::kEn);
  EXPECT_NE(Render(small.why_not, Lang::kEn).find("--zero 3"), std::string::npos);
  r.gpu = "A100-80GB";
  r.gpus = 8;
  r.zero = 3;
  Estimate big = Ask(r);
  EXPECT_TRUE(big.memory.fits) << big.memory.total / kGiB;
  EXPECT_NEAR(big.memory.optimizer, 12 * 13.02e9 / 8, 1e6);
}

TEST(Estimate, MultiNodeWithoutRdmaIsVisiblySlower) {
  EstimateRequest r;
  r.task = "train";
  r.model = "Llama-2-7B";
  r.gpu = "H100";
  r.gpus = 8;
  r.nodes = 4;
  r.zero = 3;
  r.network = "efa";
  Estimate efa = Ask(r);
  r.network = "tcp";
  r.network_gbps = 100;
  Estimate tcp = Ask(r);
  EXPECT_GT(tcp.throughput.comm_s, 4 * efa.throughput.comm_s);
  EXPECT_LT(tcp.throughput.samples_per_s, 0.8 * efa.throughput.samples_per_s);
  EXPECT_NE(Render(tcp.throughput.link, Lang::kEn).find("no RDMA"), std::string::npos);
}

TEST(Estimate, DecodeIsMemoryBound) {
  EstimateRequest r;
  r.task = "infer";
  r.model = "Llama-2-7B";
  r.gpu = "A100-80GB";
  Estimate e = Ask(r);
  // One sequence on vLLM: each token reads 13.5 GB of weights and its KV
  // cache at the engine's fitted share of 2039 GB/s, and pays each layer's
  // fixed cost; the prompt's share of the GPU's time stretches it a little.
  const ServingEfficiency& vllm = Real().serving().Of(Engine::kVllm);
  const double share = vllm.bandwidth;
  const double expect_step = (e.memory.weights + e.memory.kv_bytes_per_token * (512 + 128)) / (2039e9 * share) +
                             e.workload.model.layers * vllm.layer_s;
  EXPECT_GE(e.throughput.tpot_s, expect_step * (1 - 1e-9));
  EXPECT_LT(e.throughput.tpot_s, expect_step * 1.1);
  EXPECT_GT(share, 0.5);
  EXPECT_LE(share, 0.95);
  r.concurrency = 32;
  Estimate batched = Ask(r);
  EXPECT_GT(batched.throughput.tokens_per_s, 12 * e.throughput.tokens_per_s);  // batching amortises the weights
}

TEST(Estimate, IssueExamplesRunOnOtherGpusAndBatches) {
  EstimateRequest cnn;
  cnn.task = "cnn-train";
  cnn.model = "ResNet-50";
  cnn.gpu = "H100";
  cnn.gpus = 1;
  cnn.precision = "fp16";
  cnn.micro_batch = 256;
  Estimate h100 = Ask(cnn);
  EXPECT_TRUE(h100.throughput.known);
  EXPECT_GT(h100.throughput.samples_per_s, 2470);  // faster than the A100's published 2,470 images/s
  EstimateRequest bert;
  bert.task = "finetune";
  bert.model = "BERT-Large";
  bert.seq_len = 384;
  bert.micro_batch = 32;
  bert.precision = "fp16";
  bert.gpu = "T4";
  Estimate t4 = Ask(bert);
  EXPECT_TRUE(t4.throughput.known);
  EXPECT_LT(t4.throughput.samples_per_s, 52);  // slower than a V100
}

TEST(Estimate, InputPipelineCanBeTheBottleneck) {
  // ResNet-50 on 8 x A100 with 110 KB images, NVIDIA's tuned software:
  // ~17,800 images/s want ~1.96 GB/s.
  EstimateRequest r;
  r.stack = "tuned";
  r.task = "cnn-train";
  r.model = "ResNet-50";
  r.gpu = "A100-80GB";
  r.gpus = 8;
  r.precision = "fp16";
  r.micro_batch = 256;
  r.sample_kb = 110;
  r.storage_gbps = 1;
  Estimate slow = Ask(r);
  EXPECT_TRUE(slow.throughput.input_bound);
  EXPECT_NEAR(slow.throughput.samples_per_s, 1e9 / 110e3, 1e-6);  // what 1 GB/s feeds
  EXPECT_GT(slow.throughput.input_gbps_needed, 1.5);
  r.storage_gbps.reset();
  r.storage = "nvme";
  Estimate fast = Ask(r);
  EXPECT_FALSE(fast.throughput.input_bound);
  EXPECT_NEAR(fast.throughput.samples_per_s, slow.throughput.input_gbps_needed * 1e9 / 110e3, 1e-3);
  r.storage = "tape";
  EXPECT_EQ(AskBad(r).field, "storage");
}

TEST(Estimate, BadInputNamesTheOption) {
  EstimateRequest r;
  r.task = "infer";
  r.model = "Llama-2-7";
  r.gpu = "A100-80GB";
  Error e = AskBad(r);
  EXPECT_EQ(e.field, "model");
  EXPECT_NE(e.message.find("did you mean"), std::string::npos) << e.message;
  r.model = "Llama-2-7B";
  r.gpu = "A1000";
  EXPECT_EQ(AskBad(r).field, "gpu");
  r.gpu = "A100";
  EXPECT_NE(AskBad(r).message.find("names several GPUs"), std::string::npos);
  r.gpu = "A100-80GB";
  r.gpus = -2;
  EXPECT_EQ(AskBad(r).field, "gpus");
  r.gpus = 1;
  r.seq_len = 100000000;
  EXPECT_EQ(AskBad(r).field, "seq_len");
  r.seq_len.reset();
  r.task = "teleport";
  EXPECT_EQ(AskBad(r).field, "task");
  r.task = "train";
  r.model.clear();
  EXPECT_EQ(AskBad(r).field, "model");
  r.params_b = 7;
  EXPECT_EQ(AskBad(r).field, "layers");  // an explicit model needs its shape
  r.model = "Llama-2-7B";
  r.precision = "int4";
  EXPECT_EQ(AskBad(r).field, "precision");
  r.precision = "bf16";
  r.memory_utilization = 1.5;
  EXPECT_EQ(AskBad(r).field, "memory_utilization");
}

}  // namespace
}  // namespace gpuscout
