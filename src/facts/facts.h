// Figures the estimates rest on that belong to no GPU and no offer: one row
// each in data/facts.csv, with its source. Parsed once from the copy
// compiled into the binary; a test checks that copy parses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace gpuscout {

struct Facts {
  // Commitments (src/cost/purchase.h).
  std::vector<std::string> no_hourly_commitments;  // vendors
  std::vector<std::string> marketplace_vendors;    // listings by hosts, not the vendor's capacity
  // Spot (src/cost/spot.h).
  double spot_interrupted_per_month = 0;
  double spot_notice_s_aws = 0, spot_notice_s_other = 0;
  // Networks, storage and serving (src/workload/).
  double rdma_efficiency = 0, tcp_efficiency = 0;
  double storage_nvme_gbps = 0, storage_lustre_gbps = 0;
  double jpeg_images_per_vcpu = 0;  // a stock DataLoader worker: decode and augment
  double decode_bandwidth_share = 0;
  double host_ram_per_gpu_gib = 0;
  double cpu_optimizer_gbps = 0, cpu_adam_bytes_per_param = 0;  // ZeRO-Offload's CPU step
  // The seed article's figures for the alternatives (src/optimizer/).
  double vgpu_loss = 0, stream_latency_ms = 0;
  // Probe thresholds (src/probe/).
  double probe_min_memory_bandwidth_share = 0, probe_min_pcie_share = 0;

  // Every key must be present once, with a value and a source; errors name
  // the file, line and column.
  static Result<Facts> Parse(std::string_view csv, const std::string& file);
};

// data/facts.csv as compiled in. Thread-safe (parsed once).
const Facts& EmbeddedFacts();

}  // namespace gpuscout
