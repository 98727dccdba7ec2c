#include "base/strings.h"
#include "catalog/source/source_file.h"

namespace gpuscout {
namespace {

struct Cols {
  size_t type, accel, count, price, region;
  std::optional<size_t> vcpus, mem, info, spot, zone;
};

std::optional<Cols> FindCols(const CsvTable& t, FileStats& stats) {
  auto req = StartFile(t, {"InstanceType", "AcceleratorName", "AcceleratorCount", "Price",
                                "Region"},
                            stats);
  if (!req) return std::nullopt;
  Cols c{(*req)[0], (*req)[1], (*req)[2], (*req)[3], (*req)[4],
         t.Find("vCPUs"), t.Find("MemoryGiB"), t.Find("GpuInfo"), t.Find("SpotPrice"),
         t.Find("AvailabilityZone")};
  return c;
}

// Reads an optional non-negative number; records the error and returns false when bad.
bool ReadOptional(const CsvRow& row, std::optional<size_t> index, std::string_view field,
                  std::optional<double>& out, FileStats& stats) {
  out.reset();
  if (!index) return true;
  auto v = row.OptionalNumber(*index, field);
  if (!v) {
    stats.errors.push_back(v.error());
    return false;
  }
  if (*v && **v < 0) {
    stats.errors.push_back(row.ErrorAt(*index, field, "negative value"));
    return false;
  }
  out = *v;
  return true;
}

}  // namespace

std::vector<Offer> ReadSkyPilot(const CsvTable& table, const std::string& vendor,
                                const GpuTable& gpus, FileStats& stats, bool leave_attachable) {
  std::vector<Offer> out;
  auto cols = FindCols(table, stats);
  if (!cols) return out;
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    const std::string accel = Trim(row.Text(cols->accel));
    if (accel.empty()) {
      ++stats.cpu_only;
      continue;
    }
    Offer o;
    o.vendor = vendor;
    o.instance_type = Trim(row.Text(cols->type));
    o.region = Trim(row.Text(cols->region));
    if (cols->zone) o.zone = Trim(row.Text(*cols->zone));
    if (o.instance_type.empty() && leave_attachable) continue;  // ReadGcp prices these
    if (o.instance_type.empty()) {
      stats.errors.push_back(row.ErrorAt(cols->type, "InstanceType", "missing value"));
      continue;
    }
    auto count = row.Number(cols->count, "AcceleratorCount");
    if (!count) {
      stats.errors.push_back(count.error());
      continue;
    }
    if (*count <= 0) {
      stats.errors.push_back(row.ErrorAt(cols->count, "AcceleratorCount", "must be above 0"));
      continue;
    }
    o.gpu_count = *count;
    std::optional<double> price, spot;
    if (!ReadOptional(row, cols->price, "Price", price, stats) ||
        !ReadOptional(row, cols->spot, "SpotPrice", spot, stats) ||
        !ReadOptional(row, cols->vcpus, "vCPUs", o.vcpus, stats) ||
        !ReadOptional(row, cols->mem, "MemoryGiB", o.mem_gib, stats)) {
      continue;
    }
    o.price_hour = PriceOrMissing(price, stats);
    o.spot_price_hour = PriceOrMissing(spot, stats);
    GpuInfoFacts facts;
    if (cols->info) facts = ParseGpuInfo(row.Text(*cols->info));
    const auto memory = MemoryPerGpuGib(facts, o.gpu_count, vendor == "vast");
    const bool pcie = ContainsNoCase(o.instance_type, "pci") || ContainsNoCase(facts.name, "pcie");
    const Resolution r = gpus.ResolveSource(accel, memory, pcie);
    if (r.excluded) {
      ++stats.not_gpu;
      continue;
    }
    if (!r.spec) {
      stats.errors.push_back(row.ErrorAt(
          cols->accel, "AcceleratorName",
          "unknown GPU name '" + accel + "' (not in data/gpus.csv names or aliases)"));
      continue;
    }
    o.gpu = r.spec->name;
    o.gpu_mem_gib = memory;
    if (!o.gpu_mem_gib && r.spec->memory_gb) {
      o.gpu_mem_gib = o.gpu_count < 1 ? *r.spec->memory_gb * o.gpu_count : *r.spec->memory_gb;
    }
    o.source = table.file + ":" + std::to_string(rec.line);
    out.push_back(std::move(o));
    ++stats.kept;
  }
  return out;
}

}  // namespace gpuscout
