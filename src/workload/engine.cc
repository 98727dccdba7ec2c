#include "workload/engine.h"

#include "base/csv.h"

namespace gpuscout {
namespace {

constexpr std::array<std::string_view, static_cast<size_t>(Engine::kCount)> kNames = {
    "pytorch", "vllm", "sglang", "tensorrt-llm", "tensorrt"};

}  // namespace

std::optional<Engine> ParseEngine(std::string_view s) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == s) return static_cast<Engine>(i);
  }
  if (s == "trt-llm" || s == "trtllm") return Engine::kTensorrtLlm;
  return std::nullopt;
}

std::string_view EngineName(Engine e) { return kNames[static_cast<size_t>(e)]; }

Result<EngineTable> EngineTable::Parse(std::string_view text, const std::string& file) {
  GS_TRY(t, ParseCsv(text, file));
  if (!t.errors.empty()) return tl::unexpected(t.errors.front());
  GS_TRY(at, t.Require({"engine", "max_batch", "memory_fraction", "max_batched_tokens", "continuous_batching", "source",
                         "kv_share_of"}));
  EngineTable table;
  std::array<bool, static_cast<size_t>(Engine::kCount)> seen{};
  for (const auto& rec : t.rows) {
    CsvRow row(t, rec);
    auto engine = ParseEngine(row.Text(at[0]));
    if (!engine) return tl::unexpected(row.ErrorAt(at[0], "engine", "unknown engine '" + row.Text(at[0]) + "'"));
    EngineLimits& l = table.limits_[static_cast<size_t>(*engine)];
    GS_TRY(batch, row.Number(at[1], "max_batch"));
    GS_TRY(fraction, row.Number(at[2], "memory_fraction"));
    GS_TRY(tokens, row.Number(at[3], "max_batched_tokens"));
    if (batch < 0 || fraction <= 0 || fraction > 1 || tokens < 0) {
      return tl::unexpected(row.ErrorAt(at[1], "max_batch", "expected max_batch >= 0, 0 < memory_fraction <= 1, max_batched_tokens >= 0"));
    }
    l.max_batch = static_cast<int>(batch);
    l.memory_fraction = fraction;
    l.max_batched_tokens = static_cast<int>(tokens);
    l.continuous = row.Text(at[4]) == "yes";
    l.source = row.Text(at[5]);
    if (row.Text(at[6]) != "total" && row.Text(at[6]) != "free") {
      return tl::unexpected(row.ErrorAt(at[6], "kv_share_of", "expected total or free"));
    }
    l.share_of_free = row.Text(at[6]) == "free";
    seen[static_cast<size_t>(*engine)] = true;
  }
  for (size_t i = 0; i < seen.size(); ++i) {
    if (!seen[i]) return FailAt(file, 1, 1, "engine", "no row for " + std::string(kNames[i]));
  }
  return table;
}

}  // namespace gpuscout
