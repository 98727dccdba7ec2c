// Speed of the catalog paths every command takes: loading the embedded
// snapshot, an `offers` query over it, and normalising source files
// (--catalog DIR). Targets (issue #2): load < 20 ms, query < 1 ms.
#include <benchmark/benchmark.h>

#include "base/csv.h"
#include "catalog/builder.h"
#include "catalog/embedded_catalog.h"
#include "catalog/query.h"

namespace gpuscout {
namespace {

const Catalog& Loaded() {
  static const Catalog c = *Catalog::FromSnapshot(EmbeddedData());
  return c;
}

void BM_LoadEmbeddedCatalog(benchmark::State& state) {
  for (auto _ : state) {
    auto c = Catalog::FromSnapshot(EmbeddedData());
    benchmark::DoNotOptimize(c->offers().data());
  }
  state.counters["offers"] = static_cast<double>(Loaded().offers().size());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(EmbeddedData().offers.size()));
}
BENCHMARK(BM_LoadEmbeddedCatalog)->Unit(benchmark::kMillisecond);

void BM_ParseSnapshotCsv(benchmark::State& state) {
  for (auto _ : state) {
    auto t = ParseCsv(EmbeddedData().offers, "offers.csv");
    benchmark::DoNotOptimize(t->rows.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(EmbeddedData().offers.size()));
}
BENCHMARK(BM_ParseSnapshotCsv)->Unit(benchmark::kMillisecond);

void Query(benchmark::State& state, const char* gpu, bool all_regions) {
  const Catalog& c = Loaded();
  OfferQuery q;
  if (gpu) {
    auto g = ParseGpuFilter(c.gpus(), gpu);
    q.gpus = g->first;
    q.gpu_count = g->second;
  }
  q.all_regions = all_regions;
  size_t rows = 0;
  for (auto _ : state) {
    auto a = RunOfferQuery(c, q);
    rows = a->rows.size();
    benchmark::DoNotOptimize(a->rows.data());
  }
  state.counters["rows"] = static_cast<double>(rows);
}

void BM_OffersA100x8(benchmark::State& s) { Query(s, "A100-80GB:8", false); }
BENCHMARK(BM_OffersA100x8)->Unit(benchmark::kMicrosecond);
void BM_OffersT4AllRegions(benchmark::State& s) { Query(s, "T4", true); }
BENCHMARK(BM_OffersT4AllRegions)->Unit(benchmark::kMicrosecond);
void BM_OffersEverythingCheapestRegion(benchmark::State& s) { Query(s, nullptr, false); }
BENCHMARK(BM_OffersEverythingCheapestRegion)->Unit(benchmark::kMicrosecond);

void BM_BuildFromSourceFolder(benchmark::State& state) {
  auto files = ReadSourceDir(std::string(GPUSCOUT_SOURCE_DIR) + "/data/sources");
  const BuildInputs in = Loaded().Inputs();
  for (auto _ : state) {
    auto b = BuildOffers(*files, in);
    benchmark::DoNotOptimize(b.offers.data());
  }
}
BENCHMARK(BM_BuildFromSourceFolder)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace gpuscout

BENCHMARK_MAIN();
