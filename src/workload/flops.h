// FLOPs per sample: what a workload asks of the GPU.
#pragma once

#include "workload/workload.h"

namespace gpuscout {

// Forward FLOPs per token of a transformer at sequence length s:
// 2 per multiply-add over every parameter used per token except the input
// embedding (a lookup), plus attention's QK^T and AV matmuls, 4*s*q per layer (q = heads x head_dim, h for most models)
// (Narayanan et al. 2021, "Efficient Large-Scale Language Model Training on
// GPU Clusters", section 5.1, counts the same terms).
double TransformerForwardFlopsPerToken(const ModelSpec& m, double seq_len);

// FLOPs executed per sample (a sequence, an image) for the workload's task:
// training = forward + backward (2x forward) = 3x forward, the 6*N*D rule;
// full recomputation adds a forward (8*N*D); LoRA/QLoRA skip the frozen
// weights' gradients (4*N*D). CNNs: 3x the forward FLOPs per image.
double FlopsPerSample(const Workload& w);

}  // namespace gpuscout
