#include "facts/facts.h"

#include <map>
#include <stdexcept>

#include "base/csv.h"
#include "base/strings.h"

extern "C" const char gpuscout_facts_begin[];
extern "C" const char gpuscout_facts_end[];

namespace gpuscout {
namespace {

struct Row {
  const char* key;
  double Facts::*number;                     // nullptr: a list of names
  std::vector<std::string> Facts::*list = nullptr;
};

constexpr Row kRows[] = {
    {"no_hourly_commitments", nullptr, &Facts::no_hourly_commitments},
    {"marketplace_vendors", nullptr, &Facts::marketplace_vendors},
    {"spot_interrupted_per_month", &Facts::spot_interrupted_per_month},
    {"spot_notice_s_aws", &Facts::spot_notice_s_aws},
    {"spot_notice_s_other", &Facts::spot_notice_s_other},
    {"rdma_efficiency", &Facts::rdma_efficiency},
    {"tcp_efficiency", &Facts::tcp_efficiency},
    {"storage_nvme_gbps", &Facts::storage_nvme_gbps},
    {"storage_lustre_gbps", &Facts::storage_lustre_gbps},
    {"jpeg_images_per_vcpu", &Facts::jpeg_images_per_vcpu},
    {"vgpu_loss", &Facts::vgpu_loss},
    {"stream_latency_ms", &Facts::stream_latency_ms},
    {"decode_bandwidth_share", &Facts::decode_bandwidth_share},
    {"host_ram_per_gpu_gib", &Facts::host_ram_per_gpu_gib},
    {"cpu_optimizer_gbps", &Facts::cpu_optimizer_gbps},
    {"cpu_adam_bytes_per_param", &Facts::cpu_adam_bytes_per_param},
    {"probe_min_memory_bandwidth_share", &Facts::probe_min_memory_bandwidth_share},
    {"probe_min_pcie_share", &Facts::probe_min_pcie_share},
};

const Row* RowFor(std::string_view key) {
  for (const auto& r : kRows) {
    if (key == r.key) return &r;
  }
  return nullptr;
}

}  // namespace

Result<Facts> Facts::Parse(std::string_view csv, const std::string& file) {
  GS_TRY(table, ParseCsv(csv, file));
  if (!table.errors.empty()) return tl::unexpected(table.errors.front());
  std::vector<size_t> cols;
  for (const char* name : {"key", "value", "unit", "source"}) {
    auto at = table.Find(name);
    if (!at) return FailAt(file, 1, 1, name, "missing column");
    cols.push_back(*at);
  }
  Facts f;
  std::map<std::string, int> seen;
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    const std::string key = Trim(row.Text(cols[0]));
    const Row* def = RowFor(key);
    if (!def) return tl::unexpected(row.ErrorAt(cols[0], "key", "unknown fact '" + key + "'"));
    if (!seen.emplace(key, rec.line).second) return tl::unexpected(row.ErrorAt(cols[0], "key", "'" + key + "' given twice"));
    if (Trim(row.Text(cols[3])).empty()) return tl::unexpected(row.ErrorAt(cols[3], "source", "missing: where the figure comes from"));
    if (!def->number) {
      for (const auto& v : Split(row.Text(cols[1]), ';')) (f.*(def->list)).push_back(Trim(v));
      continue;
    }
    GS_TRY(v, row.Number(cols[1], "value"));
    if (!(v >= 0 && v < 1e6)) return tl::unexpected(row.ErrorAt(cols[1], "value", "out of range"));
    f.*(def->number) = v;
  }
  for (const auto& r : kRows) {
    if (!seen.count(r.key)) return FailAt(file, 0, 0, "key", std::string("missing the row '") + r.key + "'");
  }
  return f;
}

const Facts& EmbeddedFacts() {
  static const Facts facts = [] {
    const std::string_view text(gpuscout_facts_begin, static_cast<size_t>(gpuscout_facts_end - gpuscout_facts_begin));
    auto f = Facts::Parse(text, "data/facts.csv");
    if (!f) throw std::logic_error("the compiled-in " + f.error().Format());
    return *f;
  }();
  return facts;
}

}  // namespace gpuscout
