#include "catalog/gpu_spec.h"

#include <set>

#include <algorithm>
#include <cmath>

#include "base/csv.h"
#include "base/strings.h"

namespace gpuscout {
namespace {

constexpr std::string_view kVendorWords[] = {"nvidia", "tesla", "amd", "aws", "radeoninstinct",
                                             "instinct", "geforce"};

Result<std::optional<int>> OptionalInt(const CsvRow& row, size_t index, std::string_view field) {
  GS_TRY(v, row.OptionalNumber(index, field));
  if (!v) return std::optional<int>{};
  return std::optional<int>{static_cast<int>(std::lround(*v))};
}

}  // namespace

std::string GpuKey(std::string_view name) {
  std::string text(name);
  // Drop parenthesised remarks: "Tesla T4 (1/4 vGPU)", "A10G (AWS)".
  while (true) {
    const size_t open = text.find('(');
    if (open == std::string::npos) break;
    const size_t close = text.find(')', open);
    text.erase(open, close == std::string::npos ? std::string::npos : close - open + 1);
  }
  std::string key = CompactKey(text);
  bool stripped = true;
  while (stripped) {
    stripped = false;
    for (auto word : kVendorWords) {
      if (StartsWith(key, word) && key.size() > word.size()) {
        key.erase(0, word.size());
        stripped = true;
      }
    }
  }
  return key;
}

bool GpuSpec::IsPcieVariant() const {
  return name.size() > 5 && name.compare(name.size() - 5, 5, "-PCIe") == 0;
}

bool HasFast16Bit(const GpuSpec& spec) {
  static constexpr std::string_view kOld[] = {"kepler", "maxwell", "pascal"};
  const bool old = std::find(std::begin(kOld), std::end(kOld), spec.generation) != std::end(kOld);
  return !old || spec.fp16_tflops.has_value();  // the P100 (GP100) has a 2x FP16 rate
}

std::vector<std::string_view> MissingFigures(const GpuSpec& spec) {
  std::vector<std::string_view> out;
  if (!spec.memory_gb) out.emplace_back("memory_gb");
  if (!spec.memory_bandwidth_gbps) out.emplace_back("memory_bandwidth_gbps");
  if (!spec.fp32_tflops) out.emplace_back("fp32_tflops");
  if (HasFast16Bit(spec) && !spec.fp16_tflops && !spec.bf16_tflops) out.emplace_back("fp16_tensor_tflops");
  return out;
}

namespace {

// generation, gpu_link_gbps, gpu_link_gpus, fp8 and graphics: checked, so that a typo is an
// error at its line rather than a GPU silently treated as another kind.
template <typename Col>
Result<void> ReadFacts(const CsvRow& row, const CsvRecord& rec, const Col& col, GpuSpec& s) {
  static const std::set<std::string> kGenerations = {"kepler", "maxwell", "pascal", "volta",  "turing", "ampere", "ada",
                                                     "hopper", "blackwell", "cdna2", "cdna3", "rdna",   "vega"};
  if (auto i = col("generation")) {
    s.generation = Trim(rec.fields[*i].value);
    if (!s.generation.empty() && !kGenerations.count(s.generation)) {
      return tl::unexpected(row.ErrorAt(*i, "generation", "unknown generation '" + s.generation + "'"));
    }
  }
  if (auto i = col("gpu_link_gbps")) {
    GS_TRY(v, row.OptionalNumber(*i, "gpu_link_gbps"));
    s.gpu_link_gbps = v;
  }
  if (auto i = col("gpu_link_gpus")) {
    GS_TRY(v, row.OptionalNumber(*i, "gpu_link_gpus"));
    if (v && !(*v >= 2 && *v <= 64)) return tl::unexpected(row.ErrorAt(*i, "gpu_link_gpus", "expected 2 to 64"));
    if (v) s.gpu_link_gpus = static_cast<int>(*v);
  }
  for (auto [name, out] : {std::pair{"fp8", &s.fp8}, std::pair{"graphics", &s.graphics}}) {
    auto i = col(name);
    if (!i) continue;
    const std::string v = Trim(rec.fields[*i].value);
    if (v != "yes" && v != "no" && !v.empty()) return tl::unexpected(row.ErrorAt(*i, name, "expected yes or no"));
    *out = v == "yes";
  }
  return {};
}

}  // namespace

Result<GpuTable> GpuTable::Parse(std::string_view gpus_csv, const std::string& gpus_file,
                                 std::string_view exclusions_csv, const std::string& excl_file) {
  GpuTable table;
  GS_TRY(csv, ParseCsv(gpus_csv, gpus_file));
  if (!csv.errors.empty()) return tl::unexpected(csv.errors.front());
  const char* required[] = {"name", "family", "aliases", "memory_gb"};
  for (const char* r : required) {
    if (!csv.Find(r)) return FailAt(gpus_file, 1, 1, r, "missing column");
  }
  auto col = [&](const char* n) { return csv.Find(n); };
  auto text = [&](const CsvRecord& rec, const char* n) -> std::string {
    auto i = col(n);
    return i ? Trim(rec.fields[*i].value) : std::string();
  };
  for (const auto& rec : csv.rows) {
    CsvRow row(csv, rec);
    GpuSpec s;
    s.name = text(rec, "name");
    if (s.name.empty()) return tl::unexpected(row.ErrorAt(*col("name"), "name", "empty name"));
    if (table.Find(s.name)) {
      return tl::unexpected(row.ErrorAt(*col("name"), "name", "duplicate GPU name " + s.name));
    }
    s.family = text(rec, "family");
    for (auto& a : Split(text(rec, "aliases"), ';')) {
      if (!Trim(a).empty()) s.aliases.push_back(Trim(a));
    }
    s.vendor = text(rec, "vendor");
    s.architecture = text(rec, "architecture");
    s.compute_capability = text(rec, "compute_capability");
    s.memory_type = text(rec, "memory_type");
    s.interconnect = text(rec, "interconnect");
    s.form_factor = text(rec, "form_factor");
    s.source = text(rec, "source");
    s.notes = text(rec, "notes");
    struct NumField {
      const char* name;
      std::optional<double>* out;
    };
    NumField nums[] = {{"memory_gb", &s.memory_gb},
                       {"memory_bandwidth_gbps", &s.memory_bandwidth_gbps},
                       {"fp32_tflops", &s.fp32_tflops},
                       {"tf32_tensor_tflops", &s.tf32_tflops},
                       {"fp16_tensor_tflops", &s.fp16_tflops},
                       {"bf16_tensor_tflops", &s.bf16_tflops},
                       {"int8_tops", &s.int8_tops},
                       {"tdp_w", &s.tdp_w},
                       {"usable_memory_gib", &s.usable_memory_gib}};
    for (auto& n : nums) {
      auto i = col(n.name);
      if (!i) continue;
      GS_TRY(v, row.OptionalNumber(*i, n.name));
      *n.out = v;
    }
    GS_CHECK(ReadFacts(row, rec, col, s));
    if (auto i = col("pcie_gen")) {
      GS_TRY(v, OptionalInt(row, *i, "pcie_gen"));
      s.pcie_gen = v;
    }
    Keys k{GpuKey(s.name), GpuKey(s.family), {}};
    for (const auto& a : s.aliases) k.aliases.push_back(GpuKey(a));
    table.keys_.push_back(std::move(k));
    table.specs_.push_back(std::move(s));
  }

  GS_TRY(excl, ParseCsv(exclusions_csv, excl_file));
  if (!excl.errors.empty()) return tl::unexpected(excl.errors.front());
  auto p = excl.Find("name_prefix");
  auto k = excl.Find("kind");
  auto r = excl.Find("reason");
  if (!p || !k || !r) return FailAt(excl_file, 1, 1, "", "expected columns name_prefix,kind,reason");
  for (const auto& rec : excl.rows) {
    table.exclusions_.push_back(
        {GpuKey(rec.fields[*p].value), rec.fields[*k].value, rec.fields[*r].value});
  }
  return table;
}

const GpuSpec* GpuTable::Find(std::string_view canonical) const {
  for (const auto& s : specs_) {
    if (s.name == canonical) return &s;
  }
  return nullptr;
}

Resolution GpuTable::ResolveSource(std::string_view raw, std::optional<double> memory_gib,
                                   bool pcie) const {
  const std::string key = GpuKey(raw);
  Resolution out;
  if (key.empty()) return out;
  const GpuSpec* direct = nullptr;
  auto first = [&](auto matches) -> const GpuSpec* {
    for (size_t i = 0; i < specs_.size(); ++i) {
      if (matches(keys_[i])) return &specs_[i];
    }
    return nullptr;
  };
  direct = first([&](const Keys& k) { return k.name == key; });
  if (!direct) {
    direct = first([&](const Keys& k) {
      return std::find(k.aliases.begin(), k.aliases.end(), key) != k.aliases.end();
    });
  }
  if (!direct) direct = first([&](const Keys& k) { return k.family == key; });
  if (!direct) {
    for (const auto& e : exclusions_) {
      if (StartsWith(key, e.name_prefix)) {
        out.excluded = &e;
        return out;
      }
    }
    return out;
  }
  // Candidates: the same family, in the requested form (PCIe or not) when the
  // family has that form.
  std::vector<const GpuSpec*> family;
  for (const auto& s : specs_) {
    if (s.family == direct->family && s.IsPcieVariant() == pcie) family.push_back(&s);
  }
  if (family.empty()) {
    for (const auto& s : specs_) {
      if (s.family == direct->family) family.push_back(&s);
    }
  }
  const GpuSpec* best = nullptr;
  if (memory_gib) {
    double best_gap = 0.10;  // a memory size must be within 10% to decide the variant
    for (const auto* s : family) {
      if (!s->memory_gb) continue;
      const double gap = std::abs(*s->memory_gb - *memory_gib) / *s->memory_gb;
      if (gap <= best_gap) {
        best_gap = gap;
        best = s;
      }
    }
  }
  if (!best) {
    // No memory, or a slice / odd size: the named row in the requested form.
    best = direct;
    if (direct->IsPcieVariant() != pcie) {
      for (const auto* s : family) {
        if (s->memory_gb == direct->memory_gb) {
          best = s;
          break;
        }
      }
    }
  }
  out.spec = best;
  return out;
}

const GpuSpec* GpuTable::ResolveDeviceName(std::string_view name,
                                           std::optional<double> memory_gib) const {
  const std::string key = GpuKey(name);
  std::string best;
  auto consider = [&](const std::string& candidate) {
    if (!candidate.empty() && StartsWith(key, candidate) && candidate.size() > best.size()) {
      best = candidate;
    }
  };
  for (const Keys& k : keys_) {
    consider(k.family);
    for (const auto& a : k.aliases) consider(a);
  }
  if (best.empty()) return nullptr;
  const bool pcie = key.find("pcie") != std::string::npos;
  return ResolveSource(best, memory_gib, pcie).spec;
}

Result<std::vector<const GpuSpec*>> GpuTable::MatchUser(std::string_view query) const {
  const std::string key = GpuKey(query);
  std::vector<const GpuSpec*> out;
  for (size_t i = 0; i < specs_.size(); ++i) {
    if (keys_[i].name == key) return std::vector<const GpuSpec*>{&specs_[i]};
  }
  for (size_t i = 0; i < specs_.size(); ++i) {
    if (keys_[i].family == key) out.push_back(&specs_[i]);
  }
  if (!out.empty()) return out;
  for (size_t i = 0; i < specs_.size(); ++i) {
    const auto& a = keys_[i].aliases;
    if (std::find(a.begin(), a.end(), key) != a.end()) return std::vector<const GpuSpec*>{&specs_[i]};
  }
  std::vector<std::string> names;
  for (const auto& s : specs_) names.push_back(s.name);
  auto near = Closest(query, names);
  std::string message = "unknown GPU '" + std::string(query) + "'";
  if (!near.empty()) message += "; did you mean " + Join(near, ", ") + "?";
  message += " (gpuscout gpus lists every GPU)";
  Error e;
  e.code = ExitCode::kBadInput;
  SetOption(e, "gpu");
  e.message = message;
  return tl::unexpected(e);
}

}  // namespace gpuscout
