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

// The columns of a SkyPilot GCP file the join reads.
struct Columns {
  size_t type, accel, count, price, region, zone, spot, vcpus, mem;
};

// GCP prices an attachable GPU apart from the VM it attaches to: each GPU row
// is joined with its host VMs' rows in the same zone (data/gcp_hosts.csv
// says which VM types carry which GPU count).
class GcpJoin {
 public:
  GcpJoin(const CsvTable& table, const GpuTable& gpus, FileStats& stats, Columns c)
      : table_(table), gpus_(gpus), stats_(stats), c_(c) {}

  void ReadHosts(const CsvTable& hosts, const std::vector<size_t>& hcols);
  void IndexVms();
  // The offers of one GPU row: one per host VM in its zone.
  void Join(const CsvRecord& rec, std::vector<Offer>& out);

 private:
  bool Number(const CsvRecord& rec, size_t c, std::string_view field, std::optional<double>& v);
  bool HostOffer(const CsvRecord& host, const CsvRecord& rec, const Host& h, const Resolution& r, double count,
                 std::optional<double> memory, std::optional<double> gpu_price, std::optional<double> gpu_spot, Offer& o);

  const CsvTable& table_;
  const GpuTable& gpus_;
  FileStats& stats_;
  Columns c_;
  std::map<std::pair<std::string, long>, std::vector<Host>> host_of_;  // accelerator, count -> host VM types
  std::map<std::pair<std::string, std::string>, const CsvRecord*> vm_rows_;  // instance type, zone -> VM row
};

void GcpJoin::ReadHosts(const CsvTable& hosts, const std::vector<size_t>& hcols) {
  for (const auto& rec : hosts.rows) {
    CsvRow row(hosts, rec);
    auto n = row.Number(hcols[1], "count");
    if (!n) {
      stats_.errors.push_back(n.error());
      continue;
    }
    host_of_[{Trim(row.Text(hcols[0])), static_cast<long>(*n)}].push_back(
        {Trim(row.Text(hcols[2])), Trim(row.Text(hcols[3])) == "1"});
  }
}

void GcpJoin::IndexVms() {
  for (const auto& rec : table_.rows) {
    if (!rec.fields[c_.type].value.empty() && rec.fields[c_.accel].value.empty()) {
      vm_rows_[{rec.fields[c_.type].value, rec.fields[c_.zone].value}] = &rec;
    }
  }
}

bool GcpJoin::Number(const CsvRecord& rec, size_t c, std::string_view field, std::optional<double>& v) {
  auto r = CsvRow(table_, rec).OptionalNumber(c, field);
  if (!r) {
    stats_.errors.push_back(r.error());
    return false;
  }
  v = *r;
  return true;
}

bool GcpJoin::HostOffer(const CsvRecord& host, const CsvRecord& rec, const Host& h, const Resolution& r, double count,
                        std::optional<double> memory, std::optional<double> gpu_price, std::optional<double> gpu_spot,
                        Offer& o) {
  std::optional<double> host_price, host_spot;
  if (!Number(host, c_.price, "Price", host_price) || !Number(host, c_.spot, "SpotPrice", host_spot) ||
      !Number(host, c_.vcpus, "vCPUs", o.vcpus) || !Number(host, c_.mem, "MemoryGiB", o.mem_gib)) {
    return false;
  }
  host_price = PriceOrMissing(host_price, stats_);
  host_spot = PriceOrMissing(host_spot, stats_);
  CsvRow row(table_, rec);
  const std::string name = Trim(row.Text(c_.accel));
  o.vendor = "gcp";
  o.instance_type = h.attached ? h.host + "+" + FormatNumber(count) + "x" + name : h.host;
  o.region = Trim(row.Text(c_.region));
  o.zone = Trim(row.Text(c_.zone));
  o.gpu = r.spec->name;
  o.gpu_count = count;
  o.gpu_mem_gib = memory ? memory : r.spec->memory_gb;
  if (host_price && gpu_price) o.price_hour = RoundMicro(*host_price + *gpu_price);
  if (host_spot && gpu_spot) o.spot_price_hour = RoundMicro(*host_spot + *gpu_spot);
  o.source = table_.file + ":" + std::to_string(host.line) + "+" + std::to_string(rec.line);
  return true;
}

void GcpJoin::Join(const CsvRecord& rec, std::vector<Offer>& out) {
  CsvRow row(table_, rec);
  const std::string name = Trim(row.Text(c_.accel));
  auto count = row.Number(c_.count, "AcceleratorCount");
  if (!count) {
    stats_.errors.push_back(count.error());
    return;
  }
  const GpuInfoFacts facts = ParseGpuInfo(rec.fields[*table_.Find("GpuInfo")].value);
  const auto memory = MemoryPerGpuGib(facts, *count);
  const Resolution r = gpus_.ResolveSource(name, memory, false);
  if (r.excluded) {
    ++stats_.not_gpu;
    return;
  }
  if (!r.spec) {
    stats_.errors.push_back(row.ErrorAt(c_.accel, "AcceleratorName", "unknown GPU name '" + name + "'"));
    return;
  }
  auto it = host_of_.find({name, static_cast<long>(*count)});
  std::optional<double> gpu_price, gpu_spot;
  if (it == host_of_.end() || !Number(rec, c_.price, "Price", gpu_price) || !Number(rec, c_.spot, "SpotPrice", gpu_spot)) {
    if (it == host_of_.end()) ++stats_.unmatched;
    return;
  }
  gpu_price = PriceOrMissing(gpu_price, stats_);
  gpu_spot = PriceOrMissing(gpu_spot, stats_);
  bool any = false;
  for (const Host& h : it->second) {
    auto vm = vm_rows_.find({h.host, rec.fields[c_.zone].value});
    Offer o;
    if (vm == vm_rows_.end() || !HostOffer(*vm->second, rec, h, r, *count, memory, gpu_price, gpu_spot, o)) continue;
    out.push_back(std::move(o));
    any = true;
  }
  ++(any ? stats_.kept : stats_.unmatched);
}

}  // namespace

std::vector<Offer> ReadGcp(const CsvTable& table, const CsvTable& hosts, const GpuTable& gpus, FileStats& stats) {
  std::vector<Offer> out = ReadSkyPilot(table, "gcp", gpus, stats, /*leave_attachable=*/true);
  auto cols = RequireColumns(table, {"InstanceType", "AcceleratorName", "AcceleratorCount", "Price", "Region",
                                     "AvailabilityZone", "SpotPrice", "vCPUs", "MemoryGiB"},
                             stats);
  FileStats host_stats;
  auto hcols = RequireColumns(hosts, {"accelerator", "count", "host", "attached"}, host_stats);
  for (auto& e : host_stats.errors) stats.errors.push_back(e);
  if (!cols || !hcols) return out;
  const auto& c = *cols;
  GcpJoin join(table, gpus, stats, Columns{c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]});
  join.ReadHosts(hosts, *hcols);
  join.IndexVms();
  for (const auto& rec : table.rows) {
    if (rec.fields[c[0]].value.empty() && !rec.fields[c[1]].value.empty()) join.Join(rec, out);
  }
  return out;
}

}  // namespace gpuscout
