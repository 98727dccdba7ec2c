#include <cmath>

#include "base/strings.h"
#include "catalog/source/source_file.h"

namespace gpuscout {

std::string_view FormatName(SourceFormat f) {
  switch (f) {
    case SourceFormat::kSkyPilot: return "skypilot";
    case SourceFormat::kVantage: return "vantage";
    case SourceFormat::kAlibabaPrices: return "alibaba-prices";
    case SourceFormat::kAlibabaSpecs: return "alibaba-specs";
    case SourceFormat::kTencent: return "tencent";
    case SourceFormat::kOffers: return "gpuscout-offers";
  }
  return "?";
}

Result<SourceFormat> ParseFormatName(std::string_view name) {
  for (auto f : {SourceFormat::kSkyPilot, SourceFormat::kVantage, SourceFormat::kAlibabaPrices,
                 SourceFormat::kAlibabaSpecs, SourceFormat::kTencent, SourceFormat::kOffers}) {
    if (name == FormatName(f)) return f;
  }
  Error e;
  SetOption(e, "format");
  e.message = "unknown source format '" + std::string(name) +
              "'; one of skypilot, vantage, alibaba-prices, alibaba-specs, tencent, gpuscout-offers";
  return tl::unexpected(e);
}

std::optional<SourceFormat> DetectFormat(const CsvTable& t) {
  auto has = [&](std::string_view c) { return t.Find(c).has_value(); };
  if (has("InstanceType") && has("AcceleratorName") && has("Price")) return SourceFormat::kSkyPilot;
  if (has("InstanceType") && has("OnDemandPrice") && has("ReservedPrice")) return SourceFormat::kVantage;
  if (has("InstanceType") && has("OnDemandPricePerHour")) return SourceFormat::kAlibabaPrices;
  if (has("InstanceType") && has("GpuModel") && has("GpuMemoryPerGpuMiB")) return SourceFormat::kAlibabaSpecs;
  if (has("InstanceType") && has("HourlyPriceCNY_Min")) return SourceFormat::kTencent;
  if (has("vendor") && has("instance_type") && has("gpu_count") && has("price_hour")) return SourceFormat::kOffers;
  return std::nullopt;
}

std::optional<std::vector<size_t>> RequireColumns(const CsvTable& table,
                                                  const std::vector<std::string_view>& names,
                                                  FileStats& stats) {
  std::vector<size_t> out;
  for (auto n : names) {
    auto i = table.Find(n);
    if (!i) {
      stats.errors.push_back(Error{ExitCode::kBadInput,
                                   "missing column (header has: " + Join(table.header, ",") + ")",
                                   table.file, 1, 1, std::string(n)});
      return std::nullopt;
    }
    out.push_back(*i);
  }
  return out;
}

std::optional<std::vector<size_t>> StartFile(const CsvTable& table,
                                             const std::vector<std::string_view>& names,
                                             FileStats& stats) {
  stats.rows += table.rows.size();
  for (const auto& e : table.errors) stats.errors.push_back(e);
  return RequireColumns(table, names, stats);
}

namespace {

std::optional<double> NumberAfter(std::string_view text, std::string_view key) {
  const size_t at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  size_t b = at + key.size();
  while (b < text.size() && (text[b] == ' ' || text[b] == '\'' || text[b] == '"')) ++b;
  size_t e = b;
  while (e < text.size() && (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == '.')) ++e;
  return ParseDouble(text.substr(b, e - b));
}

}  // namespace

GpuInfoFacts ParseGpuInfo(std::string_view text) {
  GpuInfoFacts f;
  f.size_mib = NumberAfter(text, "'SizeInMiB':");
  f.total_mib = NumberAfter(text, "'TotalGpuMemoryInMiB':");
  const std::string_view key = "'Name': '";
  const size_t at = text.find(key);
  if (at != std::string_view::npos) {
    const size_t b = at + key.size();
    const size_t e = text.find('\'', b);
    if (e != std::string_view::npos) f.name = std::string(text.substr(b, e - b));
  } else if (text.find('{') == std::string_view::npos) {
    f.name = Trim(text);  // Azure's GpuInfo is just the name
  }
  return f;
}

std::optional<double> MemoryPerGpuGib(const GpuInfoFacts& f, double count, bool size_is_total) {
  // SkyPilot's MemoryInfo.SizeInMiB is per GPU (per slice for a fraction);
  // TotalGpuMemoryInMiB is not reliable (Lambda writes the per-GPU figure there).
  std::optional<double> mib = f.size_mib;
  if (mib && size_is_total && count >= 1) *mib /= count;
  if (!mib && f.total_mib && count > 0) mib = count < 1 ? *f.total_mib : *f.total_mib / count;
  if (!mib || *mib <= 0) return std::nullopt;
  // RunPod's catalog writes GiB in the SizeInMiB field ("SizeInMiB: 80" for an
  // 80 GB A100); no GPU has under 1 GiB, so a figure below 1024 is GiB.
  if (*mib < 1024) return *mib;
  return std::round(*mib / 1024.0 * 100.0) / 100.0;
}

std::optional<double> PriceOrMissing(std::optional<double> value, FileStats& stats) {
  if (!value) return std::nullopt;
  if (*value <= 0) {
    ++stats.zero_price;
    return std::nullopt;
  }
  return value;
}

}  // namespace gpuscout
