#include <array>
#include <cmath>
#include <map>

#include "base/strings.h"
#include "catalog/source/source_file.h"

namespace gpuscout {
namespace {

// Sums of two published prices, kept to the micro-unit so that 0.94803 +
// 1.70586 reads 2.65389 rather than 2.6538899999999997.
double RoundMicro(double v) { return std::round(v * 1e6) / 1e6; }

struct Host {
  std::string host;
  bool attached = false;
};

}  // namespace

std::vector<Offer> ReadGcp(const CsvTable& table, const CsvTable& hosts, const GpuTable& gpus,
                           FileStats& stats) {
  std::vector<Offer> out = ReadSkyPilot(table, "gcp", gpus, stats, /*leave_attachable=*/true);
  auto cols = RequireColumns(table, {"InstanceType", "AcceleratorName", "AcceleratorCount",
                                     "Price", "Region", "AvailabilityZone", "SpotPrice",
                                     "vCPUs", "MemoryGiB"},
                             stats);
  FileStats host_stats;
  auto hcols = RequireColumns(hosts, {"accelerator", "count", "host", "attached"}, host_stats);
  for (auto& e : host_stats.errors) stats.errors.push_back(e);
  if (!cols || !hcols) return out;
  const auto [type, accel, count_c, price_c, region_c, zone_c, spot_c, vcpus_c, mem_c] =
      std::array<size_t, 9>{(*cols)[0], (*cols)[1], (*cols)[2], (*cols)[3], (*cols)[4],
                            (*cols)[5], (*cols)[6], (*cols)[7], (*cols)[8]};

  // accelerator name + count -> host VM types
  std::map<std::pair<std::string, long>, std::vector<Host>> host_of;
  for (const auto& rec : hosts.rows) {
    CsvRow row(hosts, rec);
    auto n = row.Number((*hcols)[1], "count");
    if (!n) {
      stats.errors.push_back(n.error());
      continue;
    }
    host_of[{Trim(row.Text((*hcols)[0])), static_cast<long>(*n)}].push_back(
        {Trim(row.Text((*hcols)[2])), Trim(row.Text((*hcols)[3])) == "1"});
  }
  // (instance type, zone) -> host VM row
  std::map<std::pair<std::string, std::string>, const CsvRecord*> vm_rows;
  for (const auto& rec : table.rows) {
    if (!rec.fields[type].value.empty() && rec.fields[accel].value.empty()) {
      vm_rows[{rec.fields[type].value, rec.fields[zone_c].value}] = &rec;
    }
  }
  auto number = [&](const CsvRecord& rec, size_t c, std::string_view field,
                    std::optional<double>& v) {
    auto r = CsvRow(table, rec).OptionalNumber(c, field);
    if (!r) {
      stats.errors.push_back(r.error());
      return false;
    }
    v = *r;
    return true;
  };

  for (const auto& rec : table.rows) {
    if (!rec.fields[type].value.empty() || rec.fields[accel].value.empty()) continue;
    CsvRow row(table, rec);
    const std::string name = Trim(row.Text(accel));
    auto count = row.Number(count_c, "AcceleratorCount");
    if (!count) {
      stats.errors.push_back(count.error());
      continue;
    }
    const GpuInfoFacts facts = ParseGpuInfo(rec.fields[*table.Find("GpuInfo")].value);
    const auto memory = MemoryPerGpuGib(facts, *count);
    const Resolution r = gpus.ResolveSource(name, memory, false);
    if (r.excluded) {
      ++stats.not_gpu;
      continue;
    }
    if (!r.spec) {
      stats.errors.push_back(row.ErrorAt(accel, "AcceleratorName",
                                         "unknown GPU name '" + name + "'"));
      continue;
    }
    auto it = host_of.find({name, static_cast<long>(*count)});
    if (it == host_of.end()) {
      ++stats.unmatched;
      continue;
    }
    std::optional<double> gpu_price, gpu_spot;
    if (!number(rec, price_c, "Price", gpu_price) || !number(rec, spot_c, "SpotPrice", gpu_spot)) {
      continue;
    }
    gpu_price = PriceOrMissing(gpu_price, stats);
    gpu_spot = PriceOrMissing(gpu_spot, stats);
    bool any = false;
    for (const Host& h : it->second) {
      auto vm = vm_rows.find({h.host, rec.fields[zone_c].value});
      if (vm == vm_rows.end()) continue;
      const CsvRecord& host = *vm->second;
      std::optional<double> host_price, host_spot;
      Offer o;
      if (!number(host, price_c, "Price", host_price) ||
          !number(host, spot_c, "SpotPrice", host_spot) ||
          !number(host, vcpus_c, "vCPUs", o.vcpus) || !number(host, mem_c, "MemoryGiB", o.mem_gib)) {
        continue;
      }
      host_price = PriceOrMissing(host_price, stats);
      host_spot = PriceOrMissing(host_spot, stats);
      o.vendor = "gcp";
      o.instance_type = h.attached ? h.host + "+" + FormatNumber(*count) + "x" + name : h.host;
      o.region = Trim(row.Text(region_c));
      o.zone = Trim(row.Text(zone_c));
      o.gpu = r.spec->name;
      o.gpu_count = *count;
      o.gpu_mem_gib = memory ? memory : r.spec->memory_gb;
      if (host_price && gpu_price) o.price_hour = RoundMicro(*host_price + *gpu_price);
      if (host_spot && gpu_spot) o.spot_price_hour = RoundMicro(*host_spot + *gpu_spot);
      o.source = table.file + ":" + std::to_string(host.line) + "+" + std::to_string(rec.line);
      out.push_back(std::move(o));
      any = true;
    }
    if (any) {
      ++stats.kept;
    } else {
      ++stats.unmatched;
    }
  }
  return out;
}

}  // namespace gpuscout
