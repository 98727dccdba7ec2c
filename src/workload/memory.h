// GPU memory per GPU, itemised. Sources beside each formula in memory.cc.
#pragma once

#include <string>
#include <vector>

#include "base/message.h"
#include "workload/workload.h"

namespace gpuscout {

struct MemoryBreakdown {
  // Bytes per GPU.
  double weights = 0;
  double gradients = 0;
  double optimizer = 0;
  double activations = 0;
  double kv_cache = 0;
  double overhead = 0;  // CUDA context, library workspaces, allocator fragmentation
  double total = 0;
  double capacity = 0;
  double usable = 0;    // what the workload may fill: capacity less the stated headroom
  bool fits = false;
  double lora_params = 0;       // trainable adapter parameters (LoRA, QLoRA)
  double kv_bytes_per_token = 0;  // inference
  double kv_token_capacity = 0;   // tokens of KV cache the rest of the memory holds
  int batch = 0;                  // LLM serving: sequences in flight (--concurrency, or as many as fit)
};

// `assumptions` (may be null: the recommender's fast path) receives the
// formulas and figures used, in words.
MemoryBreakdown EstimateMemory(const Workload& w, const Hardware& hw,
                               std::vector<Message>* assumptions);

// Trainable LoRA parameters: rank x (d_in + d_out) for every linear layer of
// attention (q, k, v, o) and the MLP (gate, up, down; BERT: up, down).
double LoraParams(const ModelSpec& m, int rank);

inline constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

}  // namespace gpuscout
