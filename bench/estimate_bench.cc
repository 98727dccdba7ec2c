// Estimates per second in-process: the recommender calls the estimator for
// every offer x node count x purchase option. Target (issue #3): over one
// million per second.
#include <benchmark/benchmark.h>

#include "catalog/embedded.h"
#include "catalog/embedded_catalog.h"
#include "workload/estimate.h"

namespace gpuscout {
namespace {

struct Fixture {
  Catalog catalog = *Catalog::FromSnapshot(EmbeddedData());
  Estimator estimator = *Estimator::Create(catalog, embedded::Models(), embedded::Benchmarks(),
                                           embedded::MfuPublished(), embedded::Fp64(), embedded::Nvenc(),
                                 embedded::ServingEngines(), embedded::ServingPublished(),
                                 embedded::MlperfInference(), embedded::StockBenchmarks());
  std::pair<Workload, Hardware> Resolve(EstimateRequest r) { return *estimator.Resolve(r); }
};

Fixture& F() {
  static Fixture f;
  return f;
}

void Run(benchmark::State& state, const EstimateRequest& request) {
  auto [w, hw] = F().Resolve(request);
  // Vary the GPU count as the recommender does, so nothing is hoisted out.
  int gpus = 1;
  MemoryBreakdown mem;
  Throughput time;
  for (auto _ : state) {
    hw.gpus_per_node = gpus;
    gpus = gpus % 8 + 1;
    F().estimator.Fast(w, hw, mem, time);
    benchmark::DoNotOptimize(mem.total);
    benchmark::DoNotOptimize(time.samples_per_s);
  }
  state.counters["estimates_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_EstimateLlmFinetune(benchmark::State& s) {
  EstimateRequest r;
  r.task = "finetune";
  r.model = "Llama-2-13B";
  r.gpu = "A100-80GB";
  r.zero = 3;
  Run(s, r);
}
BENCHMARK(BM_EstimateLlmFinetune);

void BM_EstimateLlmInference(benchmark::State& s) {
  EstimateRequest r;
  r.task = "infer";
  r.model = "Llama-3-8B";
  r.gpu = "L4";
  r.concurrency = 8;
  Run(s, r);
}
BENCHMARK(BM_EstimateLlmInference);

// LLM serving on vLLM on one H100: at the largest batch the KV cache holds,
// and at a rate (the fixed-point batch and the M/D/1 wait).
EstimateRequest Serving(const char* model, int prompt, int output) {
  EstimateRequest r;
  r.task = "infer";
  r.model = model;
  r.gpu = "H100";
  r.prompt_tokens = prompt;
  r.output_tokens = output;
  return r;
}

void BM_EstimateServingMaxBatch(benchmark::State& s) {
  EstimateRequest r = Serving("Llama-3.1-70B", 2048, 128);
  r.precision = "fp8";
  r.tensor_parallel = 1;
  r.concurrency = 0;
  Run(s, r);
}
BENCHMARK(BM_EstimateServingMaxBatch);

void BM_EstimateServingAtRate(benchmark::State& s) {
  EstimateRequest r = Serving("Llama-3.1-8B", 1000, 300);
  r.rps = 10;
  Run(s, r);
}
BENCHMARK(BM_EstimateServingAtRate);

void BM_EstimateCnnTraining(benchmark::State& s) {
  EstimateRequest r;
  r.task = "cnn-train";
  r.model = "ResNet-50";
  r.gpu = "H100";
  r.micro_batch = 256;
  Run(s, r);
}
BENCHMARK(BM_EstimateCnnTraining);

void BM_EstimateCnnTrainingTuned(benchmark::State& s) {
  EstimateRequest r;
  r.task = "cnn-train";
  r.model = "ResNet-50";
  r.gpu = "H100";
  r.micro_batch = 256;
  r.stack = "tuned";
  Run(s, r);
}
BENCHMARK(BM_EstimateCnnTrainingTuned);

void BM_EstimateEncoderFinetune(benchmark::State& s) {
  EstimateRequest r;
  r.task = "finetune";
  r.model = "BERT-Large";
  r.gpu = "A100-80GB";
  Run(s, r);
}
BENCHMARK(BM_EstimateEncoderFinetune);

// The estimator's tables and the utilisation model's fit.
void BM_FitUtilizationModel(benchmark::State& s) {
  for (auto _ : s) {
    auto e = Estimator::Create(F().catalog, embedded::Models(), embedded::Benchmarks(),
                               embedded::MfuPublished(), embedded::Fp64(), embedded::Nvenc(),
                                 embedded::ServingEngines(), embedded::ServingPublished(),
                                 embedded::MlperfInference(), embedded::StockBenchmarks());
    benchmark::DoNotOptimize(e->utilization().s0());
  }
}
BENCHMARK(BM_FitUtilizationModel)->Unit(benchmark::kMillisecond);

// The serving engines' fit alone (on first use of an LLM serving estimate).
void BM_FitServingEngines(benchmark::State& s) {
  for (auto _ : s) {
    auto c = ServingCalibration::Fit(F().estimator.published_serving());
    benchmark::DoNotOptimize(c.Of(Engine::kVllm).bandwidth);
  }
}
BENCHMARK(BM_FitServingEngines)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gpuscout

BENCHMARK_MAIN();
