#include "workload/flops.h"

namespace gpuscout {

double TransformerForwardFlopsPerToken(const ModelSpec& m, double s) {
  const double matmul_params = m.active_params - m.embedding_params();
  return 2 * matmul_params + 4.0 * m.layers * s * (m.heads > 0 ? m.q_dim() : m.hidden);
}

double FlopsPerSample(const Workload& w) {
  const ModelSpec& m = w.model;
  double forward = 0;
  if (m.fwd_gflops_per_sample && (w.task == Task::kCnnTrain || w.task == Task::kCnnInfer)) {
    forward = *m.fwd_gflops_per_sample * 1e9;
  } else if (m.is_transformer()) {
    forward = TransformerForwardFlopsPerToken(m, w.seq_len) * w.seq_len;
  } else {
    forward = 2 * m.active_params;  // one pass over the weights per sample
  }
  switch (w.task) {
    case Task::kTrain:
    case Task::kFinetune:
    case Task::kCnnTrain:
      return (w.recompute == Recompute::kFull ? 4 : 3) * forward;
    case Task::kLora:
    case Task::kQlora:
      return (w.recompute == Recompute::kFull ? 3 : 2) * forward;
    case Task::kInfer:
    case Task::kCnnInfer:
    case Task::kRender:
    case Task::kHpc:
    case Task::kStream:
      return forward;
  }
  return forward;
}

}  // namespace gpuscout
