#include "catalog/network_facts.h"

#include <algorithm>

#include "base/csv.h"
#include "base/strings.h"

namespace gpuscout {
namespace {

constexpr std::string_view kTechnologies[] = {"EFA", "InfiniBand", "eRDMA", "RoCE", "none"};

bool Matches(std::string_view pattern, std::string_view type) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return type.substr(0, pattern.size()) == pattern;
  }
  return type == pattern;
}

}  // namespace

Result<NetworkFacts> NetworkFacts::Parse(std::string_view text, const std::string& file) {
  GS_TRY(table, ParseCsv(text, file));
  if (!table.errors.empty()) return tl::unexpected(table.errors.front());
  GS_TRY(at, table.Require({"vendor", "instance_types", "technology", "gbps_per_node", "gpudirect_rdma", "source", "note"}));
  NetworkFacts facts;
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    NetworkFact f;
    f.line = rec.line;
    f.vendor = row.Text(at[0]);
    for (auto& p : Split(row.Text(at[1]), ';')) {
      if (!Trim(p).empty()) f.patterns.emplace_back(Trim(p));
    }
    if (f.vendor.empty()) return tl::unexpected(row.ErrorAt(at[0], "vendor", "empty vendor"));
    if (f.patterns.empty()) return tl::unexpected(row.ErrorAt(at[1], "instance_types", "no instance type"));
    f.technology = row.Text(at[2]);
    if (std::find(std::begin(kTechnologies), std::end(kTechnologies), f.technology) == std::end(kTechnologies)) {
      return tl::unexpected(row.ErrorAt(at[2], "technology", "expected EFA, InfiniBand, eRDMA, RoCE or none"));
    }
    GS_TRY(gbps, row.OptionalNumber(at[3], "gbps_per_node"));
    if (gbps && !(*gbps > 0)) return tl::unexpected(row.ErrorAt(at[3], "gbps_per_node", "expected a bandwidth above 0"));
    f.gbps = gbps;
    const std::string& gd = row.Text(at[4]);
    if (gd == "yes") {
      f.gpudirect_rdma = true;
    } else if (gd == "no") {
      f.gpudirect_rdma = false;
    } else if (!gd.empty()) {
      return tl::unexpected(row.ErrorAt(at[4], "gpudirect_rdma", "expected yes, no or empty"));
    }
    f.source = row.Text(at[5]);
    if (f.source.empty()) return tl::unexpected(row.ErrorAt(at[5], "source", "every fact needs a source"));
    f.note = row.Text(at[6]);
    facts.rows_.push_back(std::move(f));
  }
  return facts;
}

const NetworkFact* NetworkFacts::Find(std::string_view vendor, std::string_view instance_type) const {
  for (const auto& f : rows_) {
    if (f.vendor != vendor) continue;
    for (const auto& p : f.patterns) {
      if (Matches(p, instance_type)) return &f;
    }
  }
  return nullptr;
}

}  // namespace gpuscout
