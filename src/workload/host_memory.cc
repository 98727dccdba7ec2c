#include "workload/host_memory.h"

#include <algorithm>

#include "facts/facts.h"
#include "workload/memory.h"

namespace gpuscout {
namespace {


double CheckpointBytesPerParam(const Workload& w) {
  if (w.task == Task::kInfer || w.task == Task::kCnnInfer) return BytesPer(w.precision);
  return w.precision == Precision::kFp32 ? 4 : 2;  // QLoRA quantises a 16-bit checkpoint as it loads
}

bool HasCheckpoint(Task t) { return t != Task::kHpc && t != Task::kRender && t != Task::kStream; }

}  // namespace

HostMemory EstimateHostMemory(const Workload& w, const Hardware& hw) {
  return EstimateHostMemory(w, hw, LayoutOf(w));
}

HostMemory EstimateHostMemory(const Workload& w, const Hardware& hw, const LayoutChoice& layout) {
  const int zero_stage = layout.zero_stage;
  HostMemory h;
  h.per_gpu_gib = EmbeddedFacts().host_ram_per_gpu_gib;
  if (HasCheckpoint(w.task)) {
    // A ZeRO-3 job over nodes, or a pipeline stage, loads its share.
    const int share = layout.pipeline_parallel > 1 ? layout.pipeline_parallel : zero_stage == 3 && hw.nodes > 1 ? hw.nodes : 1;
    h.weights_gib = w.model.params * CheckpointBytesPerParam(w) / share / kGiB;
  }
  if (layout.offload) h.offload_gib = 16 * w.model.params / std::max(1, hw.nodes) * 1.5 / kGiB;
  h.need_gib = h.weights_gib + h.per_gpu_gib * hw.gpus_per_node + h.offload_gib;
  // QLoRA's paged optimizer state may sit in host RAM, one copy per GPU.
  if (w.task == Task::kQlora) h.need_gib += 12 * LoraParams(w.model, w.lora_rank) * hw.gpus_per_node / kGiB;
  h.have_gib = hw.host_mem_gib;
  h.vcpus = hw.vcpus;
  h.ram_fits = h.have_gib <= 0 || h.need_gib <= h.have_gib;
  h.vcpus_fit = h.vcpus <= 0 || h.vcpus >= hw.gpus_per_node;
  return h;
}

Message DescribeHostMemory(const HostMemory& h, int gpus_per_node) {
  const char* key = !h.ram_fits ? "host.too_small" : !h.vcpus_fit ? "host.too_few_vcpus" : "host.fits";
  return Message(key, "data/facts.csv").With("need", h.need_gib).With("weights", h.weights_gib)
      .With("per_gpu", h.per_gpu_gib).With("gpus", gpus_per_node).With("have", h.have_gib).With("vcpus", h.vcpus)
      .With("offload", h.offload_gib > 0 ? Message("host.offload").With("gib", h.offload_gib) : Message());
}

}  // namespace gpuscout
