// What each instance family offers between nodes: EFA, InfiniBand, eRDMA,
// RoCE or none, and how fast. The price sheets do not say; data/network_facts.csv
// does, one row per family with its source (data/SOURCES.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace gpuscout {

struct NetworkFact {
  std::string vendor;
  std::vector<std::string> patterns;  // exact instance types, or a prefix ending in '*'
  std::string technology;             // EFA, InfiniBand, eRDMA, RoCE, or "none"
  std::optional<double> gbps;         // per node, decimal Gbit/s
  std::optional<bool> gpudirect_rdma;
  std::string source;
  std::string note;
  int line = 0;
};

class NetworkFacts {
 public:
  // Errors name the file, line and column (exit 2).
  static Result<NetworkFacts> Parse(std::string_view text, const std::string& file);

  // The first row whose vendor matches and one of whose patterns matches the
  // instance type; nullptr when the table says nothing about it.
  const NetworkFact* Find(std::string_view vendor, std::string_view instance_type) const;
  const std::vector<NetworkFact>& rows() const { return rows_; }

 private:
  std::vector<NetworkFact> rows_;
};

}  // namespace gpuscout
