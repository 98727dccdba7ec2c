// gpuscout alternatives: what a CPU-only machine can do about a GPU workload:
// run it on its own CPU, rent a vGPU slice, stream a remote render, call a
// remote GPU API, or rent a GPU instance. Each with latency, throughput and
// monthly cost, and the assumptions behind it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/money.h"
#include "catalog/catalog.h"
#include "workload/estimate.h"

namespace gpuscout {

struct AlternativesRequest {
  EstimateRequest workload;
  double rtt_ms = 30;            // client to the cloud region
  double payload_kb = 4;         // request + response per call
  double bandwidth_mbps = 100;   // the client's link
  std::optional<double> latency_slo_ms;
  double hours_per_month = 730;
  std::optional<double> cpu_gflops;        // this machine's CPU; measured when absent
  std::optional<double> cpu_bandwidth_gbps;
  bool cpu_measured = false;  // the two figures above were measured on this machine
  Currency currency = Currency::kUSD;
  ExchangeRate rate;
};

struct Alternative {
  std::string name;      // own-cpu, vgpu-slice, remote-rendering, remote-gpu-api, rent-gpu
  bool applicable = true;
  bool fits = true;      // memory (GPU options), the latency SLO, and the own CPU's speed
                         // (left out when more than 10 times slower than the fastest option)
  std::string offer;     // vendor:instance (region) where one is priced
  double latency_ms = 0;
  double throughput = 0;
  std::string throughput_unit;  // requests/s, tokens/s, samples/s, frames/s
  double monthly_cost = 0;
  Message why;           // when not applicable or not fitting
  std::vector<Message> assumptions;
};

struct AlternativesAnswer {
  std::vector<Alternative> options;
  // The cheapest option that applies and fits, and the fastest when that is
  // another (indices into `options`); the front ends put them in words
  // (codec/alternatives_json.h, RecommendationText).
  std::optional<size_t> cheapest, fastest;
  bool within_slo = false;  // a latency objective was given
  double cpu_gflops = 0;
  double cpu_bandwidth_gbps = 0;
  bool cpu_measured = false;
};

Result<AlternativesAnswer> CompareAlternatives(const Catalog& catalog, const Estimator& estimator,
                                               const AlternativesRequest& request);

}  // namespace gpuscout
