#include "base/strings.h"
#include "catalog/source/source_file.h"

namespace gpuscout {

std::vector<Offer> ReadTencent(const CsvTable& table, const GpuTable& gpus, FileStats& stats) {
  std::vector<Offer> out;
  auto c = StartFile(table, {"InstanceType", "GpuModel", "GpuCount", "GpuMemoryGB", "vCPUs",
                                  "MemoryGB", "MonthlyPriceCNY_Min", "MonthlyPriceCNY_Max",
                                  "HourlyPriceCNY_Min", "HourlyPriceCNY_Max"},
                          stats);
  if (!c) return out;
  const auto scope = table.Find("RegionScope");
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    Offer o;
    o.vendor = "tencent";
    o.instance_type = Trim(row.Text((*c)[0]));
    const std::string model = Trim(row.Text((*c)[1]));
    const char* names[] = {"GpuCount", "GpuMemoryGB", "vCPUs", "MemoryGB",
                           "MonthlyPriceCNY_Min", "MonthlyPriceCNY_Max",
                           "HourlyPriceCNY_Min", "HourlyPriceCNY_Max"};
    std::optional<double> v[8];
    bool ok = true;
    for (size_t i = 0; i < 8; ++i) {
      auto r = row.OptionalNumber((*c)[i + 2], names[i]);
      if (!r) {
        stats.errors.push_back(r.error());
        ok = false;
      } else if (*r && **r < 0) {
        stats.errors.push_back(row.ErrorAt((*c)[i + 2], names[i], "negative value"));
        ok = false;
      } else {
        v[i] = *r;
      }
    }
    if (!ok) continue;
    if (!v[0] || *v[0] <= 0) {
      stats.errors.push_back(row.ErrorAt((*c)[2], "GpuCount", "must be above 0"));
      continue;
    }
    o.gpu_count = *v[0];
    // GpuMemoryGB is the instance's total; a slice's total is the slice's memory.
    if (v[1]) o.gpu_mem_gib = o.gpu_count < 1 ? *v[1] : *v[1] / o.gpu_count;
    const Resolution r = gpus.ResolveSource(model, o.gpu_count < 1 ? std::nullopt : o.gpu_mem_gib,
                                            false);
    if (r.excluded) {
      ++stats.not_gpu;
      continue;
    }
    if (!r.spec) {
      stats.errors.push_back(row.ErrorAt((*c)[1], "GpuModel", "unknown GPU name '" + model + "'"));
      continue;
    }
    o.gpu = r.spec->name;
    o.vcpus = v[2];
    o.mem_gib = v[3];
    o.monthly_price = PriceOrMissing(v[4], stats);
    o.monthly_price_max = PriceOrMissing(v[5], stats);
    o.price_hour = PriceOrMissing(v[6], stats);
    o.price_hour_max = PriceOrMissing(v[7], stats);
    if (o.monthly_price_max == o.monthly_price) o.monthly_price_max.reset();
    if (o.price_hour_max == o.price_hour) o.price_hour_max.reset();
    o.currency = Currency::kCNY;
    // The page gives list prices for mainland China without naming regions.
    o.region = "cn-mainland";
    if (scope && Trim(row.Text(*scope)) != "mainland China reference") {
      o.region = Trim(row.Text(*scope));
    }
    o.source = table.file + ":" + std::to_string(rec.line);
    out.push_back(std::move(o));
    ++stats.kept;
  }
  return out;
}

}  // namespace gpuscout
