#include "catalog/instance_gpus.h"

#include <algorithm>

#include "base/csv.h"
#include "base/strings.h"
#include "catalog/gpu_spec.h"

namespace gpuscout {
namespace {

Result<InstanceGpu> ReadRow(const CsvRow& row, const size_t* at, const GpuTable& gpus) {
  InstanceGpu g;
  g.vendor = row.Text(at[0]);
  if (g.vendor.empty()) return tl::unexpected(row.ErrorAt(at[0], "vendor", "empty vendor"));
  for (auto& t : Split(row.Text(at[1]), ';')) {
    if (!Trim(t).empty()) g.instance_types.emplace_back(Trim(t));
  }
  if (g.instance_types.empty()) return tl::unexpected(row.ErrorAt(at[1], "instance_types", "no instance type"));
  g.gpu = row.Text(at[2]);
  if (!gpus.Find(g.gpu)) return tl::unexpected(row.ErrorAt(at[2], "gpu", "'" + g.gpu + "' is not a name in data/gpus.csv"));
  GS_TRY(count, row.Number(at[3], "gpu_count"));
  GS_TRY(mem, row.Number(at[4], "gpu_mem_gib"));
  if (!(count > 0)) return tl::unexpected(row.ErrorAt(at[3], "gpu_count", "expected a count above 0"));
  if (!(mem > 0)) return tl::unexpected(row.ErrorAt(at[4], "gpu_mem_gib", "expected memory above 0"));
  g.gpu_count = count;
  g.gpu_mem_gib = mem;
  g.source = row.Text(at[5]);
  if (g.source.empty()) return tl::unexpected(row.ErrorAt(at[5], "source", "every correction needs a source"));
  return g;
}

}  // namespace

Result<InstanceGpus> InstanceGpus::Parse(std::string_view text, const std::string& file, const GpuTable& gpus) {
  GS_TRY(table, ParseCsv(text, file));
  if (!table.errors.empty()) return tl::unexpected(table.errors.front());
  GS_TRY(at, table.Require({"vendor", "instance_types", "gpu", "gpu_count", "gpu_mem_gib", "source"}));
  InstanceGpus out;
  for (const auto& rec : table.rows) {
    GS_TRY(g, ReadRow(CsvRow(table, rec), at.data(), gpus));
    g.line = rec.line;
    out.rows_.push_back(std::move(g));
  }
  return out;
}

const InstanceGpu* InstanceGpus::Find(std::string_view vendor, std::string_view instance_type) const {
  for (const auto& g : rows_) {
    if (g.vendor == vendor &&
        std::find(g.instance_types.begin(), g.instance_types.end(), instance_type) != g.instance_types.end()) {
      return &g;
    }
  }
  return nullptr;
}

}  // namespace gpuscout
