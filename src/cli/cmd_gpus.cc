// gpuscout gpus [NAME]: the spec table.
#include <ostream>

#include "base/message.h"
#include "codec/json_text.h"
#include "base/strings.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "codec/catalog_json.h"

namespace gpuscout::cli {
namespace {

std::string Num(const std::optional<double>& v) { return v ? Fixed(*v, 2) : "-"; }

// Offers per GPU, so the table says what can actually be rented.
std::map<std::string, size_t> OffersPerGpu(const Catalog& catalog) {
  std::map<std::string, size_t> offers;
  for (const auto& o : catalog.offers()) ++offers[o.gpu];
  return offers;
}

// --missing: the GPUs offers name whose speed figures are incomplete, and
// which columns. Nothing listed = every offer can be estimated.
CommandResult RunMissing(Context& ctx, OutputFormat format, const Catalog& catalog) {
  auto offers = OffersPerGpu(catalog);
  TextTable t;
  t.keys = {"name", "offers", "missing"};
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(ctx.language(), k));
  t.right_align = {false, true, false};
  nlohmann::json a = nlohmann::json::array();
  for (const auto& s : catalog.gpus().specs()) {
    const auto missing = MissingFigures(s);
    if (missing.empty() || offers[s.name] == 0) continue;
    t.rows.push_back({s.name, std::to_string(offers[s.name]), Join(std::vector<std::string>(missing.begin(), missing.end()), ",")});
    a.push_back({{"name", s.name}, {"offers", offers[s.name]}, {"missing", missing}});
  }
  if (format == OutputFormat::kJson) {
    *ctx.out << JsonText(a, 2) << "\n";
  } else if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
  } else if (t.rows.empty()) {
    *ctx.out << Render(Message("gpus.none_missing"), ctx.language()) << "\n";
  } else {
    t.PrintText(*ctx.out);
  }
  return 0;
}

CommandResult RunGpus(Context& ctx, const std::string& name, bool missing) {
  GS_TRY(format, ctx.Format());
  GS_TRY(catalog, ctx.GetCatalog());
  if (missing) {
    if (!name.empty()) return tl::unexpected(OptionError("missing", "lists every offer GPU; give no GPU name with it"));
    return RunMissing(ctx, format, *catalog);
  }
  const GpuTable& table = (catalog)->gpus();
  std::vector<const GpuSpec*> specs;
  if (name.empty()) {
    for (const auto& s : table.specs()) specs.push_back(&s);
  } else {
    GS_TRY(m, table.MatchUser(name));
    specs = m;
  }
  auto offers = OffersPerGpu(*catalog);

  if (format == OutputFormat::kJson) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto* s : specs) {
      auto j = GpuToJson(*s);
      j["offers"] = offers[s->name];
      a.push_back(j);
    }
    *ctx.out << JsonText(a, 2) << "\n";
    return 0;
  }
  const Lang lang = ctx.language();
  TextTable t;
  t.keys = {"name", "vendor", "architecture", "compute_capability", "memory_gb",
            "memory_bandwidth_gbps", "fp32_tflops", "tf32_tensor_tflops", "fp16_tensor_tflops",
            "bf16_tensor_tflops", "int8_tops", "pcie_gen", "interconnect", "offers"};
  for (const auto& k : t.keys) t.headers.emplace_back(Tr(lang, k));
  t.right_align = {false, false, false, true, true, true, true, true, true, true, true, true, false, true};
  for (const auto* s : specs) {
    t.rows.push_back({s->name, s->vendor, s->architecture.empty() ? "-" : s->architecture,
                      s->compute_capability.empty() ? "-" : s->compute_capability,
                      Num(s->memory_gb), Num(s->memory_bandwidth_gbps), Num(s->fp32_tflops),
                      Num(s->tf32_tflops), Num(s->fp16_tflops), Num(s->bf16_tflops),
                      Num(s->int8_tops), s->pcie_gen ? std::to_string(*s->pcie_gen) : "-",
                      s->interconnect.empty() ? "-" : s->interconnect,
                      std::to_string(offers[s->name])});
  }
  if (format == OutputFormat::kCsv) {
    t.PrintCsv(*ctx.out);
    return 0;
  }
  t.PrintText(*ctx.out);
  *ctx.out << "\n"
           << Render(Message("gpus.legend"), lang) << "\n";
  if (specs.size() == 1 && !specs[0]->notes.empty()) *ctx.out << specs[0]->notes << "\n";
  return 0;
}

}  // namespace

void AddGpusCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto* sub = app.add_subcommand("gpus", "GPU specs: memory, bandwidth, TFLOPS by precision, "
                                         "interconnect, PCIe generation, compute capability");
  auto name = std::make_shared<std::string>();
  sub->add_option("name", *name, "A GPU (A100-80GB), an alias (a100-80gb) or a family (A100)");
  auto missing = std::make_shared<bool>(false);
  sub->add_flag("--missing", *missing,
                "List the GPUs that offers name but whose speed figures (memory, bandwidth, FP32, 16-bit rate) "
                "are not all known; empty when every offer can be estimated");
  out.emplace_back(sub, [&ctx, name, missing] { return RunGpus(ctx, *name, *missing); });
}

}  // namespace gpuscout::cli
