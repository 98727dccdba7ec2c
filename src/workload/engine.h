// Serving engines and the defaults that bound their batches
// (data/serving_engines.csv): how many sequences run together, the share of
// GPU memory they fill, and how many tokens one step takes in (chunked
// prefill). The efficiencies each reaches are fitted in serving_fit.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"

namespace gpuscout {

enum class Engine { kPytorch, kVllm, kSglang, kTensorrtLlm, kTensorrt, kCount };

std::optional<Engine> ParseEngine(std::string_view s);
std::string_view EngineName(Engine e);

struct EngineLimits {
  int max_batch = 0;           // sequences decoded together; 0: --concurrency decides
  double memory_fraction = 0.9;  // of GPU memory the engine fills
  int max_batched_tokens = 0;  // tokens one step takes in; 0: a whole prompt at once
  bool continuous = false;     // continuous (in-flight) batching, a paged KV cache
  bool share_of_free = false;  // memory_fraction is of the memory left after the weights (TensorRT-LLM)
  std::string source;
};

class EngineTable {
 public:
  static Result<EngineTable> Parse(std::string_view csv, const std::string& file);
  const EngineLimits& Of(Engine e) const { return limits_[static_cast<size_t>(e)]; }

 private:
  std::array<EngineLimits, static_cast<size_t>(Engine::kCount)> limits_{};
};

}  // namespace gpuscout
