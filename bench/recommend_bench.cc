// A whole-catalog recommendation in-process (target under 5 ms, issue #4).
#include <benchmark/benchmark.h>

#include "catalog/embedded.h"
#include "catalog/embedded_catalog.h"
#include "optimizer/recommend.h"

namespace gpuscout {
namespace {

struct Fixture {
  Catalog catalog = *Catalog::FromSnapshot(EmbeddedData());
  Estimator estimator = *Estimator::Create(catalog, embedded::Models(), embedded::Benchmarks(),
                                           embedded::MfuPublished(), embedded::Fp64(), embedded::Nvenc(),
                                 embedded::ServingEngines(), embedded::ServingPublished(),
                                 embedded::MlperfInference(), embedded::StockBenchmarks());
};

Fixture& F() {
  static Fixture f;
  return f;
}

// Runs `r` for the benchmark, reporting the candidates priced.
void Run(benchmark::State& state, const RecommendRequest& r) {
  size_t evaluated = 0;
  for (auto _ : state) {
    auto rec = Recommend(F().catalog, F().estimator, r);
    evaluated = rec->evaluated;
    benchmark::DoNotOptimize(rec->candidates.data());
  }
  state.counters["candidates"] = static_cast<double>(evaluated);
}

// A training job on the whole catalog, 1 to state.range(0) nodes, within a deadline.
RecommendRequest Training(const char* task, double tokens, double deadline, int max_nodes) {
  RecommendRequest r;
  EstimateRequest w;
  w.task = task;
  w.model = "Llama-3.1-8B";
  w.tokens = tokens;
  r.workload = w;
  r.deadline_hours = deadline;
  r.max_nodes = max_nodes;
  return r;
}

void BM_RecommendLoraWorkload(benchmark::State& state) {
  Run(state, Training("lora", 2e8, 24, static_cast<int>(state.range(0))));
}
BENCHMARK(BM_RecommendLoraWorkload)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond);

// The same with the whole job's terms (issue #20): 500 GB of disk, 2 TB of
// egress and a discount, priced into every candidate.
void BM_RecommendLoraWholeJob(benchmark::State& state) {
  RecommendRequest r = Training("lora", 2e8, 24, static_cast<int>(state.range(0)));
  r.job_terms.disk_gb = 500;
  r.job_terms.egress_gb = 2000;
  r.job_terms.discounts = {{"aws", std::nullopt, 10}};
  Run(state, r);
}
BENCHMARK(BM_RecommendLoraWholeJob)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond);

// The widest layout search: full fine-tuning tries ZeRO 0-3 x recomputation,
// tensor parallel with ZeRO 0-1, then CPU offload, on every node count.
void BM_RecommendFullFineTune(benchmark::State& state) {
  Run(state, Training("finetune", 1e9, 48, static_cast<int>(state.range(0))));
}
BENCHMARK(BM_RecommendFullFineTune)->Arg(1)->Arg(4)->Unit(benchmark::kMillisecond);

// "Serve Llama-3.1-405B": tensor parallel within a node, pipeline stages
// over up to 4 nodes where one node is too small.
void BM_RecommendServe405B(benchmark::State& state) {
  RecommendRequest r;
  EstimateRequest w;
  w.task = "infer";
  w.model = "Llama-3.1-405B";
  r.workload = w;
  Run(state, r);
}
BENCHMARK(BM_RecommendServe405B)->Unit(benchmark::kMillisecond);

// recommend --task serve: Llama-3.1-70B at 20 requests/s within TTFT 2 s and
// TPOT 60 ms over the whole catalog (target, issue #15: under 20 ms).
void BM_RecommendServeAtRate(benchmark::State& state) {
  RecommendRequest r;
  EstimateRequest w;
  w.task = "serve";
  w.model = "Llama-3.1-70B";
  w.rps = 20;
  w.prompt_tokens = 1000;
  w.output_tokens = 300;
  r.workload = w;
  r.ttft_ms = 2000;
  r.tpot_ms = 60;
  Run(state, r);
}
BENCHMARK(BM_RecommendServeAtRate)->Unit(benchmark::kMillisecond);

void BM_RecommendBareNeeds(benchmark::State& state) {
  RecommendRequest r;
  r.gpu_mem_gib = 80;
  r.gpus = 8;
  r.hours = 10;
  for (auto _ : state) {
    auto rec = Recommend(F().catalog, F().estimator, r);
    benchmark::DoNotOptimize(rec->candidates.data());
  }
}
BENCHMARK(BM_RecommendBareNeeds)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gpuscout

BENCHMARK_MAIN();
