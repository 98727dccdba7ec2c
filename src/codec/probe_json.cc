#include "codec/probe_json.h"

namespace gpuscout {
namespace {

using nlohmann::json;
using namespace probe;

template <typename T>
json Opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json Copy(const CopyMeasurement& c) {
  return {{"bytes", c.bytes}, {"repeats", c.repeats}, {"median_ms", c.median_ms},
          {"gbps", c.gbps},   {"verified", c.verified}};
}

json FindingJson(const Finding& f) {
  return {{"id", f.id}, {"severity", f.severity}, {"message", Render(f.message, Lang::kEn)}, {"fix", Render(f.fix, Lang::kEn)}};
}

json MachineJson(const MachineInfo& m) {
  json caches = json::array();
  for (const auto& c : m.caches) {
    caches.push_back({{"level", c.level}, {"type", c.type}, {"size_bytes", c.size_bytes}, {"instances", c.instances}});
  }
  return {{"cpu_model", m.cpu_model},
          {"logical_cpus", m.logical_cpus},
          {"physical_cores", m.physical_cores},
          {"caches", caches},
          {"last_level_cache_bytes", m.last_level_cache_bytes},
          {"memory_gib", m.memory_gib},
          {"os", m.os},
          {"os_id", m.os_id},
          {"os_version_id", m.os_version_id},
          {"kernel", m.kernel},
          {"container", m.container},
          {"container_evidence", m.container_evidence},
          {"hypervisor",
           {{"present", m.hypervisor.cpuid_bit},
            {"name", m.hypervisor.name},
            {"cpuid_vendor", m.hypervisor.cpuid_vendor},
            {"dmi_sys_vendor", m.hypervisor.dmi_sys_vendor},
            {"dmi_product_name", m.hypervisor.dmi_product_name},
            {"dmi_bios_vendor", m.hypervisor.dmi_bios_vendor},
            {"dmi_board_vendor", m.hypervisor.dmi_board_vendor},
            {"cloud", m.hypervisor.cloud}}}};
}

json PciJson(const std::vector<PciGpu>& gpus) {
  json pci = json::array();
  for (const auto& p : gpus) {
    pci.push_back({{"address", p.address},
                   {"vendor", p.vendor},
                   {"vendor_id", p.vendor_id},
                   {"device_id", p.device_id},
                   {"class", p.class_id},
                   {"driver", p.driver},
                   {"link_current", {{"generation", Opt(p.current.generation)}, {"width", Opt(p.current.width)}}},
                   {"link_max", {{"generation", Opt(p.max.generation)}, {"width", Opt(p.max.width)}}}});
  }
  return pci;
}

json GpuJson(const GpuReport& g) {
  json gj = {{"pci_address", g.pci_address},
             {"name", g.name},
             {"catalog_gpu", g.catalog_gpu.empty() ? json(nullptr) : json(g.catalog_gpu)},
             {"memory_gib", g.memory_gib},
             {"compute_capability", Opt(g.compute_capability)},
             {"pcie",
              {{"generation_current", Opt(g.pcie_gen_current)},
               {"generation_max", Opt(g.pcie_gen_max)},
               {"width_current", Opt(g.pcie_width_current)},
               {"width_max", Opt(g.pcie_width_max)},
               {"read_under_load", g.pcie_read_under_load},
               {"link_gbps", Opt(g.pcie_link_gbps)}}},
             {"nvlink", {{"active", g.nvlinks_active}, {"supported", g.nvlinks_supported}}},
             {"spec_memory_bandwidth_gbps", Opt(g.spec_bandwidth_gbps)},
             {"bandwidth_error", g.bandwidth_error},
             {"bandwidth", nullptr}};
  if (g.bandwidth) {
    gj["bandwidth"] = {{"device_to_device", Copy(g.bandwidth->device_to_device)},
                       {"host_to_device", Copy(g.bandwidth->host_to_device)},
                       {"device_to_host", Copy(g.bandwidth->device_to_host)}};
    if (g.spec_bandwidth_gbps) {
      gj["bandwidth"]["device_to_device_share_of_spec"] = g.bandwidth->device_to_device.gbps / *g.spec_bandwidth_gbps;
    }
  }
  return gj;
}

json NetworkJson(const std::vector<NetResult>& network) {
  json net = json::array();
  for (const auto& n : network) {
    net.push_back({{"target", n.target},
                   {"pings", n.pings},
                   {"message_bytes", n.message_bytes},
                   {"rtt_min_us", n.rtt_min_us},
                   {"rtt_median_us", n.rtt_median_us},
                   {"rtt_p99_us", n.rtt_p99_us},
                   {"stream_bytes", n.stream_bytes},
                   {"throughput_gbps", n.throughput_gbps}});
  }
  return net;
}

json ComparisonJson(const std::optional<Comparison>& c) {
  if (!c) return nullptr;
  json checks = json::array();
  for (const auto& p : c->checks) {
    checks.push_back({{"what", p.what}, {"promised", p.promised}, {"measured", p.measured}, {"ok", p.ok}, {"note", Render(p.note, Lang::kEn)}});
  }
  return {{"vendor", c->vendor}, {"instance_type", c->instance_type}, {"offer_source", c->offer_source}, {"checks", checks}};
}

// The driver, CUDA and NVML sections.
void DriverJson(const ProbeReport& r, json& j) {
  j["driver"] = {{"version", r.driver_files.version},
                 {"version_line", r.driver_files.version_line},
                 {"device_nodes", r.driver_files.device_nodes}};
  j["cuda"] = {{"library", r.cuda.library},         {"loaded", r.cuda.loaded},
               {"initialised", r.cuda.initialised}, {"init_result", r.cuda.init_result},
               {"error", r.cuda.error},             {"driver_version", r.cuda.driver_version},
               {"device_count", r.cuda.devices.size()}};
  j["nvml"] = {{"library", r.nvml.library},
               {"loaded", r.nvml.loaded},
               {"initialised", r.nvml.initialised},
               {"error", r.nvml.error},
               {"driver_version", r.nvml.driver_version},
               {"cuda_driver_version", r.nvml.cuda_driver_version}};
}

}  // namespace

json ProbeReportToJson(const ProbeReport& r) {
  json j;
  j["schema"] = r.schema;
  j["gpuscout_version"] = r.gpuscout_version;
  j["started_at"] = r.started_at;
  j["summary"] = Render(r.summary, Lang::kEn);
  j["machine"] = MachineJson(r.machine);
  j["pci_gpus"] = PciJson(r.pci_gpus);
  DriverJson(r, j);
  j["gpus"] = json::array();
  for (const auto& g : r.gpus) j["gpus"].push_back(GpuJson(g));
  j["host_bandwidth"] = nullptr;
  if (r.host_bandwidth) {
    const auto& h = *r.host_bandwidth;
    j["host_bandwidth"] = {{"array_bytes", h.array_bytes}, {"threads", h.threads},       {"repeats", h.repeats},
                           {"copy_gbps", h.copy_gbps},     {"triad_gbps", h.triad_gbps}, {"memcpy_1thread_gbps", h.memcpy_1thread_gbps}};
  }
  j["network"] = NetworkJson(r.network);
  j["network_errors"] = r.network_errors;
  const auto& c = r.compatibility;
  j["compatibility"] = {{"driver_version", c.driver_version},
                        {"cuda_toolkit", r.cuda_toolkit.empty() ? json(nullptr) : json(r.cuda_toolkit)},
                        {"compute_capability", Opt(c.compute_capability)},
                        {"driver_runs_cuda", c.driver_runs},
                        {"cuda_can_target_gpu", c.can_target},
                        {"usable_cuda", c.usable}};
  j["comparison"] = ComparisonJson(r.comparison);
  j["findings"] = json::array();
  for (const auto& f : r.findings) j["findings"].push_back(FindingJson(f));
  return j;
}

}  // namespace gpuscout
