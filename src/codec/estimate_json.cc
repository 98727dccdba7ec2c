#include "codec/estimate_json.h"

namespace gpuscout {

nlohmann::json EstimateToJson(const Estimate& e) {
  using nlohmann::json;
  const MemoryBreakdown& m = e.memory;
  const Throughput& t = e.throughput;
  json j;
  j["model"] = e.workload.model.name;
  j["task"] = std::string(TaskName(e.workload.task));
  j["precision"] = std::string(PrecisionName(e.workload.precision));
  j["gpu"] = e.hardware.gpu->name;
  j["gpus_per_node"] = e.hardware.gpus_per_node;
  j["nodes"] = e.hardware.nodes;
  j["fits"] = m.fits;
  j["why_not"] = e.why_not.empty() ? json(nullptr) : json(e.why_not);
  j["memory"] = {{"weights_gib", m.weights / kGiB},       {"gradients_gib", m.gradients / kGiB},
                 {"optimizer_gib", m.optimizer / kGiB},   {"activations_gib", m.activations / kGiB},
                 {"kv_cache_gib", m.kv_cache / kGiB},     {"overhead_gib", m.overhead / kGiB},
                 {"total_gib", m.total / kGiB},           {"capacity_gib", m.capacity / kGiB},
                 {"usable_gib", m.usable / kGiB}};
  if (e.workload.task == Task::kInfer) {
    j["memory"]["kv_bytes_per_token"] = m.kv_bytes_per_token;
    j["memory"]["kv_token_capacity"] = m.kv_token_capacity;
  }
  if (m.lora_params > 0) j["memory"]["lora_params"] = m.lora_params;
  auto known = [&](double v) { return t.known ? json(v) : json(nullptr); };
  j["throughput"] = {{"samples_per_s", known(t.samples_per_s)},
                     {"tokens_per_s", t.known && t.tokens_per_s > 0 ? json(t.tokens_per_s) : json(nullptr)},
                     {"utilization", known(t.utilization)},
                     {"peak_tflops", known(t.peak_tflops)},
                     {"input_bound", t.input_bound},
                     {"input_gbps_needed", t.input_gbps_needed > 0 ? json(t.input_gbps_needed) : json(nullptr)}};
  j["time"] = {{"step_s", known(t.step_s)},
               {"total_hours", t.total_hours ? json(*t.total_hours) : json(nullptr)},
               {"comm_s", known(t.comm_s)},
               {"link", t.link.empty() ? json(nullptr) : json(t.link)}};
  if (e.workload.task == Task::kInfer && e.workload.model.kind == ModelKind::kLlm) {
    j["time"]["prefill_s"] = known(t.prefill_s);
    j["time"]["request_s"] = known(t.request_s);
  }
  j["assumptions"] = e.assumptions;
  return j;
}

}  // namespace gpuscout
