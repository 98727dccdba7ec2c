// Model presets (data/models.csv) and explicit model shapes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace gpuscout {

enum class ModelKind { kLlm, kEncoder, kCnn, kVit, kDiffusion, kSpeech };

struct ModelSpec {
  std::string name;
  std::string family;
  ModelKind kind = ModelKind::kLlm;
  double params = 0;         // total parameters (memory)
  double active_params = 0;  // parameters used per token (FLOPs); MoE: the routed share
  int layers = 0;
  int hidden = 0;
  int heads = 0;
  int kv_heads = 0;
  int vocab = 0;
  int max_context = 0;
  int head_size = 0;  // the config's head_dim where heads x head_dim != hidden (Qwen3); 0: hidden / heads
  std::optional<double> fwd_gflops_per_sample;   // CNN/ViT: per image
  std::optional<double> act_elems_per_sample;    // CNN: stored activations per image
  std::string source;

  int head_dim() const { return head_size > 0 ? head_size : heads > 0 ? hidden / heads : 0; }
  // The width of the queries (and of attention's output): heads x head_dim.
  double q_dim() const { return static_cast<double>(heads) * head_dim(); }
  bool is_transformer() const {
    return kind == ModelKind::kLlm || kind == ModelKind::kEncoder || kind == ModelKind::kVit;
  }
  // Input embedding parameters (vocab x hidden): looked up, not multiplied.
  double embedding_params() const { return static_cast<double>(vocab) * hidden; }
  // KV-cache bytes per token per byte of precision. Multi-head latent
  // attention (DeepSeek-V3) caches 576 values per layer per token.
  double kv_values_per_token() const;
  // The MLP's intermediate size, from the parameter count: what is left of a
  // layer after attention, over 3 x hidden (gated MLP) or 2 x hidden (BERT).
  double ffn_size() const;
};

std::string_view KindName(ModelKind k);

class ModelTable {
 public:
  static Result<ModelTable> Parse(std::string_view csv, const std::string& file);
  const std::vector<ModelSpec>& models() const { return models_; }
  // Case-insensitive; "did you mean" on a miss (field --model).
  Result<const ModelSpec*> Find(std::string_view name) const;

 private:
  std::vector<ModelSpec> models_;
};

}  // namespace gpuscout
