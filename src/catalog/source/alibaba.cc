#include <cmath>

#include "base/strings.h"
#include "catalog/source/source_file.h"

namespace gpuscout {

std::map<std::string, AlibabaSpec> ReadAlibabaSpecs(const CsvTable& table, FileStats& stats) {
  std::map<std::string, AlibabaSpec> out;
  auto c = StartFile(table, {"InstanceType", "vCPUs", "MemoryGiB", "GpuCount", "GpuModel",
                                  "GpuMemoryPerGpuMiB"},
                          stats);
  if (!c) return out;
  const auto net = table.Find("NetworkGbps");
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    AlibabaSpec s;
    auto vcpus = row.Number((*c)[1], "vCPUs");
    auto mem = row.Number((*c)[2], "MemoryGiB");
    auto count = row.Number((*c)[3], "GpuCount");
    auto gmem = row.OptionalNumber((*c)[5], "GpuMemoryPerGpuMiB");
    if (!CollectErrors(stats, vcpus, mem, count, gmem)) continue;
    s.vcpus = *vcpus;
    s.mem_gib = *mem;
    s.gpu_count = *count;
    s.gpu_model = Trim(row.Text((*c)[4]));
    s.gpu_mem_mib = *gmem;
    if (net && !Trim(row.Text(*net)).empty()) s.network = Trim(row.Text(*net)) + " Gbps";
    s.source = table.file + ":" + std::to_string(rec.line);
    s.model_column = rec.fields[(*c)[4]].column;
    s.line = rec.line;
    const std::string type = Trim(row.Text((*c)[0]));
    if (!out.emplace(type, s).second) {
      stats.errors.push_back(row.ErrorAt((*c)[0], "InstanceType", "duplicate instance type " + type));
      continue;
    }
    ++stats.kept;
  }
  return out;
}

std::vector<Offer> ReadAlibabaPrices(const CsvTable& table,
                                     const std::map<std::string, AlibabaSpec>& specs,
                                     const std::string& specs_file, const GpuTable& gpus,
                                     FileStats& stats) {
  std::vector<Offer> out;
  auto c = StartFile(table, {"InstanceType", "Region", "OnDemandPricePerHour", "Currency"},
                          stats);
  if (!c) return out;
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    const std::string type = Trim(row.Text((*c)[0]));
    auto price = row.OptionalNumber((*c)[2], "OnDemandPricePerHour");
    if (!price) {
      stats.errors.push_back(price.error());
      continue;
    }
    if (*price && **price < 0) {
      stats.errors.push_back(row.ErrorAt((*c)[2], "OnDemandPricePerHour", "negative price"));
      continue;
    }
    auto currency = ParseCurrency(row.Text((*c)[3]));
    if (!currency) {
      stats.errors.push_back(row.ErrorAt((*c)[3], "Currency",
                                         "unknown currency '" + row.Text((*c)[3]) + "'"));
      continue;
    }
    auto spec = specs.find(type);
    if (spec == specs.end()) {
      ++stats.unmatched;  // no hardware facts to join with
      continue;
    }
    const AlibabaSpec& s = spec->second;
    if (s.gpu_count <= 0) {
      ++stats.cpu_only;
      continue;
    }
    std::optional<double> mem_gib;
    if (s.gpu_mem_mib) mem_gib = *s.gpu_mem_mib / 1024.0;
    const Resolution r = gpus.ResolveSource(s.gpu_model, mem_gib, false);
    if (r.excluded) {
      ++stats.not_gpu;
      continue;
    }
    if (!r.spec) {
      stats.errors.push_back(Error{ExitCode::kBadInput, "unknown GPU name '" + s.gpu_model + "'",
                                   specs_file, s.line, s.model_column, "GpuModel"});
      continue;
    }
    Offer o;
    o.vendor = "alibaba";
    o.instance_type = type;
    o.region = Trim(row.Text((*c)[1]));
    o.gpu = r.spec->name;
    o.gpu_count = s.gpu_count;
    o.gpu_mem_gib = mem_gib ? mem_gib : r.spec->memory_gb;
    // A single "GPU" with a fraction of the card's memory is a vGPU slice
    // (vgn/sgn families): count it as that fraction of a GPU.
    if (mem_gib && r.spec->memory_gb && s.gpu_count == 1 && *mem_gib < 0.9 * *r.spec->memory_gb) {
      o.gpu_count = std::round(*mem_gib / *r.spec->memory_gb * 1000.0) / 1000.0;
    }
    o.vcpus = s.vcpus;
    o.mem_gib = s.mem_gib;
    o.price_hour = PriceOrMissing(*price, stats);
    o.currency = *currency;
    o.network = s.network;
    o.source = table.file + ":" + std::to_string(rec.line) + "+" + s.source;
    out.push_back(std::move(o));
    ++stats.kept;
  }
  return out;
}

}  // namespace gpuscout
