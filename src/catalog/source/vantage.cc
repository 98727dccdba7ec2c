#include <map>
#include <set>

#include "base/strings.h"
#include "catalog/source/source_file.h"

namespace gpuscout {

std::vector<VantageRow> ReadVantage(const CsvTable& table, FileStats& stats) {
  std::vector<VantageRow> out;
  auto c = StartFile(table, {"InstanceType", "GpuName", "GpuCount", "vCPUs", "Memory",
                                  "Region", "OnDemandPrice", "ReservedPrice"},
                          stats);
  if (!c) return out;
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    VantageRow v;
    v.instance_type = Trim(row.Text((*c)[0]));
    v.gpu_name = Trim(row.Text((*c)[1]));
    v.region = Trim(row.Text((*c)[5]));
    auto count = row.Number((*c)[2], "GpuCount");
    auto vcpus = row.OptionalNumber((*c)[3], "vCPUs");
    auto od = row.OptionalNumber((*c)[6], "OnDemandPrice");
    auto rs = row.OptionalNumber((*c)[7], "ReservedPrice");
    if (!CollectErrors(stats, count, vcpus, od, rs)) continue;
    if ((*od && **od < 0) || (*rs && **rs < 0)) {
      stats.errors.push_back(row.ErrorAt((*c)[6], "OnDemandPrice", "negative price"));
      continue;
    }
    v.gpu_count = *count;
    v.vcpus = *vcpus;
    // "768 GB": the number before the unit.
    const auto words = Split(Trim(row.Text((*c)[4])), ' ');
    if (!words.empty()) v.mem_gib = ParseDouble(words[0]);
    v.on_demand = PriceOrMissing(*od, stats);
    v.reserved = PriceOrMissing(*rs, stats);
    v.source = table.file + ":" + std::to_string(rec.line);
    out.push_back(std::move(v));
  }
  return out;
}

void MergeVantage(const std::vector<VantageRow>& rows, const GpuTable& gpus,
                  std::vector<Offer>& offers, FileStats& stats) {
  // Hardware of each AWS instance type SkyPilot knows, from any of its rows.
  std::map<std::string, const Offer*> known;
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> by_region;
  for (size_t i = 0; i < offers.size(); ++i) {
    const Offer& o = offers[i];
    if (o.vendor != "aws") continue;
    known.emplace(o.instance_type, &o);
    by_region[{o.instance_type, o.region}].push_back(i);
  }
  std::vector<Offer> added;
  for (const VantageRow& v : rows) {
    auto hit = by_region.find({v.instance_type, v.region});
    if (hit != by_region.end()) {
      for (size_t i : hit->second) {
        offers[i].reserved_hour = v.reserved;
        offers[i].reserved_term = v.reserved ? "unstated" : "";
        offers[i].source += "+" + v.source;
      }
      ++stats.kept;
      continue;
    }
    Offer o;
    auto k = known.find(v.instance_type);
    if (k != known.end()) {
      const Offer& model = *k->second;
      o.gpu = model.gpu;
      o.gpu_count = model.gpu_count;
      o.gpu_mem_gib = model.gpu_mem_gib;
      o.vcpus = model.vcpus;
      o.mem_gib = model.mem_gib;
    } else {
      const Resolution r = gpus.ResolveSource(v.gpu_name, std::nullopt, false);
      if (r.excluded) {
        ++stats.not_gpu;
        continue;
      }
      if (!r.spec) {
        const auto colon = v.source.rfind(':');
        stats.errors.push_back(Error{ExitCode::kBadInput,
                                     "unknown GPU name '" + v.gpu_name + "'",
                                     v.source.substr(0, colon),
                                     std::stoi(v.source.substr(colon + 1)), 0, "GpuName"});
        continue;
      }
      o.gpu = r.spec->name;
      o.gpu_count = v.gpu_count;
      o.gpu_mem_gib = r.spec->memory_gb;
      o.vcpus = v.vcpus;
      o.mem_gib = v.mem_gib;
    }
    if (o.gpu_count <= 0) {
      ++stats.unmatched;
      continue;
    }
    o.vendor = "aws";
    o.instance_type = v.instance_type;
    o.region = v.region;
    o.price_hour = v.on_demand;
    o.reserved_hour = v.reserved;
    o.reserved_term = v.reserved ? "unstated" : "";
    o.source = v.source;
    added.push_back(std::move(o));
    ++stats.kept;
  }
  for (auto& o : added) offers.push_back(std::move(o));
}

}  // namespace gpuscout
