// Host RAM and vCPUs a node needs (issue #14): an offer whose host is too
// small for the job is not recommended, and `estimate --offer` says why.
#pragma once

#include "base/message.h"
#include "workload/workload.h"

namespace gpuscout {

struct HostMemory {
  double weights_gib = 0;  // the checkpoint, loaded once per node through host RAM
  double per_gpu_gib = 0;  // each GPU's process (data/facts.csv host_ram_per_gpu_gib)
  double offload_gib = 0;  // the optimizer state offloaded to this node (ZeRO-Offload)
  double need_gib = 0;     // per node: weights + per GPU x GPUs
  double have_gib = 0;     // the offer's host RAM per node; 0: not known
  double vcpus = 0;        // the offer's; 0: not known
  bool ram_fits = true;
  bool vcpus_fit = true;   // one vCPU per GPU process at least
  bool fits() const { return ram_fits && vcpus_fit; }
};

// The rule: a node holds the model's weights once as the checkpoint is read
// (in the precision it is stored: 16-bit for training and QLoRA, the serving
// precision for inference; a ZeRO-3 job spread over nodes holds its share),
// plus host_ram_per_gpu_gib for each GPU's process. HPC, render and stream
// jobs have no checkpoint: only the per-GPU share. An offloaded optimizer
// adds DeepSpeed's budget for it, 16 bytes x parameters / nodes x 1.5
// (estimate_zero3_model_states_mem_needs, zero_init). Unknown host RAM fits.
HostMemory EstimateHostMemory(const Workload& w, const Hardware& hw);
// The same with a layout's ZeRO stage and offload in place of w's (no copy of w).
HostMemory EstimateHostMemory(const Workload& w, const Hardware& hw, const LayoutChoice& layout);

// The assumption line, and the reason when it does not fit.
Message DescribeHostMemory(const HostMemory& h, int gpus_per_node);

}  // namespace gpuscout
