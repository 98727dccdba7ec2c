#include "codec/estimate_json.h"
#include "codec/message_json.h"

namespace gpuscout {

namespace {

// LLM serving under continuous batching: latency, batch and replicas.
nlohmann::json ServingJson(const Estimate& e) {
  using nlohmann::json;
  const Throughput& t = e.throughput;
  return {{"ttft_s", t.ttft_s},
          {"tpot_s", t.tpot_s},
          {"e2e_s", t.request_s},
          {"requests_per_s", t.samples_per_s},
          {"batch", t.batch},
          {"replicas", t.replicas},
          {"tp", e.workload.tensor_parallel},
          {"pp", e.workload.pipeline_parallel},
          {"max_requests_per_s", t.max_requests_per_s},
          {"load", e.workload.rps > 0 ? json(t.load) : json(nullptr)},
          {"stable", t.stable}};
}

// Throughput and time, with an LLM's prefill and request times.
void AddThroughputJson(const Estimate& e, Lang lang, nlohmann::json& j) {
  using nlohmann::json;
  const Throughput& t = e.throughput;
  auto known = [&](double v) { return t.known ? json(v) : json(nullptr); };
  j["throughput"] = {{"samples_per_s", known(t.samples_per_s)},
                     {"tokens_per_s", t.known && t.tokens_per_s > 0 ? json(t.tokens_per_s) : json(nullptr)},
                     {"utilization", known(t.utilization)},
                     {"peak_tflops", known(t.peak_tflops)},
                     {"input_bound", t.input_bound},
                     {"input_bound_by", t.input_bound ? json(t.decode_bound ? "cpu-decode" : "storage") : json(nullptr)},
                     {"input_gbps_needed", t.input_gbps_needed > 0 ? json(t.input_gbps_needed) : json(nullptr)}};
  j["time"] = {{"step_s", known(t.step_s)},
               {"total_hours", t.total_hours ? json(*t.total_hours) : json(nullptr)},
               {"comm_s", known(t.comm_s)},
               {"link", MessageJson(t.link, lang)}};
  if (e.workload.task == Task::kInfer && e.workload.model.kind == ModelKind::kLlm) {
    j["time"]["prefill_s"] = known(t.prefill_s);
    j["time"]["request_s"] = known(t.request_s);
    j["engine"] = EngineName(e.workload.engine);
  }
}

// A streaming job's sessions per GPU and what bounds them.
nlohmann::json StreamJson(const Estimate& e) {
  using nlohmann::json;
  const StreamSizing& s = *e.stream;
  const StreamJob& job = e.workload.stream;
  return {{"width", job.width},
          {"height", job.height},
          {"fps", job.fps},
          {"sessions", job.sessions},
          {"bitrate_mbps", s.bitrate_mbps},
          {"total_gbps", s.bitrate_mbps * job.sessions / 1000},
          {"nvenc_engines", s.known ? json(s.engines) : json(nullptr)},
          {"encoder_sessions", s.known ? json(s.encoder_sessions) : json(nullptr)},
          {"render_sessions", s.render_sessions ? json(*s.render_sessions) : json(nullptr)},
          {"memory_sessions", s.memory_sessions ? json(*s.memory_sessions) : json(nullptr)},
          {"sessions_per_gpu", s.known ? json(s.sessions_per_gpu) : json(nullptr)},
          {"limit", s.known && s.engines > 0 ? json(s.limit) : json(nullptr)},
          {"encode_ms", s.known ? json(s.encode_ms) : json(nullptr)},
          {"gpus_needed", s.gpus_needed > 0 ? json(s.gpus_needed) : json(nullptr)}};
}

}  // namespace

nlohmann::json EstimateToJson(const Estimate& e, Lang lang) {
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
  j["layout"] = {{"tensor_parallel", e.workload.tensor_parallel},
                 {"pipeline_parallel", e.workload.pipeline_parallel},
                 {"zero_stage", e.workload.zero_stage},
                 {"offload", e.workload.offload ? "cpu" : "none"},
                 {"recompute", std::string(RecomputeName(e.workload.recompute))}};
  j["fits"] = m.fits;
  j["why_not"] = MessageJson(e.why_not, lang);
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
  AddThroughputJson(e, lang, j);
  if (t.serving) j["serving"] = ServingJson(e);
  if (e.workload.task == Task::kHpc) {
    const HpcJob& h = e.workload.hpc;
    j["precision"] = h.fp64 ? "fp64" : "fp32";
    j["hpc"] = {{"reference", h.reference_name},
                {"reference_nodes", h.reference_nodes},
                {"reference_hours", h.reference_hours},
                {"reference_node_tflops", h.reference.tflops},
                {"reference_node_gbps", h.reference.gbps},
                {"compute_share", h.compute_share},
                {"scaling_efficiency", h.scaling_efficiency},
                {"hours", t.total_hours ? json(*t.total_hours) : json(nullptr)}};
  }
  if (e.stream) {
    j["precision"] = nullptr;
    j["stream"] = StreamJson(e);
  }
  j["assumptions"] = MessagesJson(e.assumptions, lang);
  j["assumption_details"] = MessageDetailsJson(e.assumptions);
  return j;
}

}  // namespace gpuscout
