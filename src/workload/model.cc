#include "workload/model.h"

#include <algorithm>

#include "base/csv.h"
#include "base/strings.h"

namespace gpuscout {

std::string_view KindName(ModelKind k) {
  switch (k) {
    case ModelKind::kLlm: return "llm";
    case ModelKind::kEncoder: return "encoder";
    case ModelKind::kCnn: return "cnn";
    case ModelKind::kVit: return "vit";
    case ModelKind::kDiffusion: return "diffusion";
    case ModelKind::kSpeech: return "speech";
  }
  return "?";
}

double ModelSpec::kv_values_per_token() const {
  if (family == "deepseek") return 576.0 * layers;  // kv_lora_rank 512 + rope 64
  return 2.0 * layers * kv_heads * head_dim();
}

double ModelSpec::ffn_size() const {
  if (layers <= 0 || hidden <= 0) return 0;
  const double h = hidden;
  const double kv_dim = static_cast<double>(kv_heads) * head_dim();
  const double embeddings = kind == ModelKind::kLlm ? 2 * embedding_params() : embedding_params();
  const double per_layer = (active_params - embeddings) / layers;
  const double attention = 2 * h * q_dim() + 2 * h * kv_dim;
  const double mlp = per_layer - attention;
  return kind == ModelKind::kLlm ? mlp / (3 * h) : mlp / (2 * h);
}

Result<ModelTable> ModelTable::Parse(std::string_view text, const std::string& file) {
  GS_TRY(t, ParseCsv(text, file));
  if (!t.errors.empty()) return tl::unexpected(t.errors.front());
  ModelTable table;
  auto col = [&](const char* n) { return t.Find(n); };
  for (const char* n : {"name", "kind", "params_b", "active_params_b"}) {
    if (!col(n)) return FailAt(file, 1, 1, n, "missing column");
  }
  for (const auto& rec : t.rows) {
    CsvRow row(t, rec);
    ModelSpec m;
    m.name = rec.fields[*col("name")].value;
    if (auto c = col("family")) m.family = rec.fields[*c].value;
    const std::string kind = rec.fields[*col("kind")].value;
    if (kind == "llm") m.kind = ModelKind::kLlm;
    else if (kind == "encoder") m.kind = ModelKind::kEncoder;
    else if (kind == "cnn") m.kind = ModelKind::kCnn;
    else if (kind == "vit") m.kind = ModelKind::kVit;
    else if (kind == "diffusion") m.kind = ModelKind::kDiffusion;
    else if (kind == "speech") m.kind = ModelKind::kSpeech;
    else return tl::unexpected(row.ErrorAt(*col("kind"), "kind", "unknown kind '" + kind + "'"));
    GS_TRY(params, row.Number(*col("params_b"), "params_b"));
    GS_TRY(active, row.Number(*col("active_params_b"), "active_params_b"));
    m.params = params * 1e9;
    m.active_params = active * 1e9;
    struct IntField {
      const char* name;
      int* out;
    };
    for (IntField f : {IntField{"layers", &m.layers}, IntField{"hidden", &m.hidden},
                       IntField{"heads", &m.heads}, IntField{"kv_heads", &m.kv_heads},
                       IntField{"vocab", &m.vocab}, IntField{"max_context", &m.max_context},
                       IntField{"head_dim", &m.head_size}}) {
      auto c = col(f.name);
      if (!c) continue;
      GS_TRY(v, row.OptionalNumber(*c, f.name));
      *f.out = v.has_value() ? static_cast<int>(*v) : 0;
    }
    if (auto c = col("fwd_gflops_per_sample")) {
      GS_TRY(v, row.OptionalNumber(*c, "fwd_gflops_per_sample"));
      m.fwd_gflops_per_sample = v;
    }
    if (auto c = col("act_elems_per_sample")) {
      GS_TRY(v, row.OptionalNumber(*c, "act_elems_per_sample"));
      m.act_elems_per_sample = v;
    }
    if (auto c = col("source")) m.source = rec.fields[*c].value;
    table.models_.push_back(std::move(m));
  }
  return table;
}

Result<const ModelSpec*> ModelTable::Find(std::string_view name) const {
  const std::string key = CompactKey(name);
  for (const auto& m : models_) {
    if (CompactKey(m.name) == key) return &m;
  }
  // "BERT-Large" for "BERT-large-uncased", "Llama-2-7b-hf" ...: a unique prefix match.
  const ModelSpec* only = nullptr;
  int matches = 0;
  for (const auto& m : models_) {
    const std::string k = CompactKey(m.name);
    if (StartsWith(k, key) || StartsWith(key, k)) {
      only = &m;
      ++matches;
    }
  }
  if (matches == 1) return only;
  std::vector<std::string> names;
  for (const auto& m : models_) names.push_back(m.name);
  auto near = Closest(name, names);
  if (near.empty()) {
    // Same family ("Llama-9B" -> the Llama presets), nearest first.
    const std::string stem = key.substr(0, std::min<size_t>(4, key.size()));
    std::vector<std::pair<size_t, std::string>> family;
    for (const auto& n : names) {
      if (StartsWith(CompactKey(n), stem)) family.emplace_back(EditDistance(name, n), n);
    }
    std::sort(family.begin(), family.end());
    for (size_t i = 0; i < family.size() && i < 3; ++i) near.push_back(family[i].second);
  }
  Error e;
  SetOption(e, "model");
  e.message = "unknown model '" + std::string(name) + "'" +
              (near.empty() ? "" : "; did you mean " + Join(near, ", ") + "?") +
              " (or give its shape: --params B --layers --hidden --heads --kv-heads --vocab)";
  return tl::unexpected(e);
}

}  // namespace gpuscout
