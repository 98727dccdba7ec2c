// One offer: a GPU instance type in one region (and zone) at its published prices.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/money.h"

namespace gpuscout {

struct Offer {
  std::string vendor;         // aws, gcp, azure, lambda, oci, runpod, vast, cudo, fluidstack, alibaba, tencent
  std::string instance_type;  // as the vendor names it (GCP attachable GPUs: "n1-standard-8+1xT4")
  std::string region;
  std::string zone;           // empty when the source prices per region
  std::string gpu;            // canonical name, a row of data/gpus.csv
  double gpu_count = 0;       // fractions for vGPU slices (0.25 = a quarter GPU)
  std::optional<double> gpu_mem_gib;  // per GPU; for a slice, the slice's memory
  std::optional<double> vcpus;
  std::optional<double> mem_gib;
  // Prices per hour (monthly: per month) in `currency`. A missing price stays
  // missing: never 0, never the cheapest.
  std::optional<double> price_hour;
  std::optional<double> price_hour_max;  // upper end where a source gives a range (Tencent)
  std::optional<double> spot_price_hour;
  std::optional<double> reserved_hour;
  std::string reserved_term;  // "unstated" for Vantage's reserved figure
  std::optional<double> monthly_price;
  std::optional<double> monthly_price_max;
  Currency currency = Currency::kUSD;
  std::string network;  // vendor's network performance text, where known
  std::string rdma;     // EFA, InfiniBand, eRDMA, RoCE, "none", or empty when not known
  std::optional<double> rdma_gbps;  // per node, decimal Gbit/s (data/network_facts.csv)
  std::string spot_interruption;  // AWS Spot Instance Advisor's monthly band ("<5%", "5-10%" ...) when refreshed
  std::string availability;  // "sold-out" when the vendor's API says so (kept, never recommended); empty: on sale
  std::string source;   // "aws/vms_gpu_extract.csv:12"; joined rows with '+'
  uint8_t suspect = 0;  // catalog/suspect.h flags, set when a catalog is built
  uint16_t price_origin = 0;  // index into Catalog::price_origins(): where and when the price is from

  std::string Key() const { return vendor + '\x1f' + instance_type + '\x1f' + region + '\x1f' + zone; }
};

}  // namespace gpuscout
