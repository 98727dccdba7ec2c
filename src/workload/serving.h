// LLM serving under continuous batching (vLLM, SGLang, TensorRT-LLM): one
// replica of tp x pp GPUs runs decode steps for its batch while prompts are
// prefilled in chunks between them. Prefill is compute-bound (the prompt's
// FLOPs); a decode step reads the weights and every sequence's KV cache
// for its matmuls (bandwidth-bound at small batch) or computes one token per
// sequence (compute-bound at large batch), then attention reads every
// sequence's KV cache, and a tensor-parallel replica all-reduces twice per
// layer, in prefill as in decode. So a replica serving B sequences of P prompt and O output
// tokens completes
//   X = 1 / (prefill + O x step(B) / B)   requests per second,
// and each sequence sees one token per step stretched by the share of time
// the GPUs spend on prompts: TPOT = step(B) / (1 - X x prefill).
// The efficiencies are an engine's, fitted to published measurements
// (serving_fit.h).
#pragma once

namespace gpuscout {

// What an engine reaches, as shares of the GPU's datasheet figures.
struct ServingEfficiency {
  double prefill = 0.5;        // of the dense tensor peak, in prefill
  double bandwidth = 0.8;      // of memory bandwidth, reading weights and KV cache
  double decode = 0.5;         // of the dense tensor peak, decode's matmuls when compute-bound
  double allreduce_s = 10e-6;  // fixed cost of one tensor-parallel all-reduce over NVLink (one shot)
  double layer_s = 10e-6;      // fixed cost of one layer in a decode step (its small kernels: norms, rotary, launches)
  double pcie_step_s = 20e-6;  // fixed cost of one of NCCL's ring steps over PCIe
  // FP4 (NVFP4) matmuls: the share of their doubled datasheet rate reached
  // relative to FP8's, since each 16-value block also applies a scale.
  double fp4 = 1.0;
};

// One replica serving one request shape: every figure that does not depend
// on the efficiencies.
struct ReplicaShape {
  int tp = 1, pp = 1;
  double peak_flops = 0;          // per GPU, FLOP/s at the precision
  bool fp4 = false;               // the matmuls run in FP4 (ServingEfficiency::fp4 applies)
  double bandwidth = 0;           // per GPU, bytes/s (datasheet)
  double weight_bytes = 0;        // per GPU
  double active_share = 1;        // active / all parameters (MoE reads only the experts chosen)
  double kv_bytes_per_token = 0;  // per GPU
  double prefill_flops = 0;       // one request's prompt
  double decode_flops = 0;        // one output token's matmuls
  double context = 0;             // mean tokens cached per sequence while it decodes
  double allreduce_bytes = 0;     // per sequence per all-reduce
  int allreduces = 0;             // per decode step, every stage
  int layers = 0;
  double link = 0;                // the node's GPU link, bytes/s one direction
  // Over NVLink an engine all-reduces small messages in one shot (vLLM's and
  // TensorRT-LLM's custom all-reduce); over PCIe NCCL's ring pays the
  // latency at each of its 2(tp - 1) steps.
  bool link_is_pcie = false;
  double hop_bytes = 0;           // per sequence, from one pipeline stage to the next
  double hop_link = 0;            // bytes/s between stages (the network)
  int prompt_tokens = 1;
  int output_tokens = 1;
  int gpus() const { return tp * pp; }
};

struct ServingPoint {
  double batch = 0;          // sequences decoding together
  double step_s = 0;         // one decode step of the batch
  double prefill_s = 0;      // the replica's GPU time per prompt (prompts overlap)
  double prompt_s = 0;       // one prompt alone, start to first token
  double requests_per_s = 0;  // per replica
  double tokens_per_s = 0;   // output tokens per second, per replica
  double ttft_s = 0;         // time to first token
  double tpot_s = 0;         // time per output token after the first
  double e2e_s = 0;          // a request, end to end
  double load = 0;           // the arrival rate over the most the replica completes
  bool memory_bound = true;  // the decode step's bound
  bool stable = true;        // false: the arrivals outrun the replica
};

// The FLOP/s one GPU's matmuls reach at the efficiency `share` (prefill's
// or decode's).
double MatmulFlops(const ReplicaShape& s, const ServingEfficiency& e, double share);
// One decode step of `batch` sequences (no prompt in it), seconds.
double DecodeStep(const ReplicaShape& s, const ServingEfficiency& e, double batch, bool* memory_bound = nullptr);
// `batch` sequences kept in flight (a closed loop: each finished request is
// replaced at once), as a throughput benchmark at that concurrency runs.
ServingPoint AtConcurrency(const ReplicaShape& s, const ServingEfficiency& e, double batch);
// Requests arriving at `rate` per second (Poisson) with at most `max_batch`
// in flight: the batch is what Little's law keeps decoding, and a prompt
// waits as in an M/D/1 queue whose load is the rate over the most the
// replica completes at `max_batch`. Not stable when the rate reaches that.
ServingPoint AtRate(const ReplicaShape& s, const ServingEfficiency& e, double rate, double max_batch);

// Sizing for a request rate within a latency SLO.
// Latency bounds, seconds; 0: unbounded.
struct LatencySlo {
  double ttft_s = 0;
  double tpot_s = 0;
  bool Met(const ServingPoint& p) const {
    return p.stable && (ttft_s <= 0 || p.ttft_s <= ttft_s) && (tpot_s <= 0 || p.tpot_s <= tpot_s);
  }
};

struct ReplicaCapacity {
  double rps = 0;        // the most one replica carries within the SLO; 0: none
  ServingPoint trickle;  // at a trickle of requests: the least latency the replica gives
};

// Bisection on the rate: latency rises with it (a longer queue, a larger
// batch), so the rates that meet the SLO are an interval from zero.
ReplicaCapacity CapacityWithin(const ReplicaShape& s, const ServingEfficiency& e, double max_batch, const LatencySlo& slo);

// The replicas a rate needs, each at most `per_replica`; 0 when none can.
int ReplicasFor(double rps, double per_replica);


}  // namespace gpuscout
