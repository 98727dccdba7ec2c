// Readers for the published price sheets gpuscout understands. Each turns one
// file into offers (or into rows to join), collecting every bad row as an
// error with file, line, column and field, so `catalog validate` can list
// them all. Rows without an accelerator (CPU instances) and accelerators that
// are not GPUs (TPU, Inferentia, FPGA ...) are counted, not kept.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv.h"
#include "base/error.h"
#include "catalog/gpu_spec.h"
#include "catalog/offer.h"

namespace gpuscout {

enum class SourceFormat {
  kSkyPilot,       // SkyPilot catalog vms.csv (any column order)
  kVantage,        // Vantage-derived AWS on-demand + reserved prices (vantage_gpu_prices.csv)
  kAlibabaPrices,  // Alibaba Cloud on-demand prices (InstanceType,Region,OnDemandPricePerHour,Currency)
  kAlibabaSpecs,   // Alibaba Cloud GPU instance specs (SpareCores extract)
  kTencent,        // Tencent Cloud list prices (monthly and hourly, CNY)
  kOffers,         // gpuscout's own offer table (data/offers.csv's columns): what catalog refresh writes
};

std::string_view FormatName(SourceFormat f);
Result<SourceFormat> ParseFormatName(std::string_view name);
// Guesses the format from the header row; nullopt when it matches none.
std::optional<SourceFormat> DetectFormat(const CsvTable& table);

struct FileStats {
  std::string file;  // as named in offers' `source`: "aws/vms.csv"
  SourceFormat format = SourceFormat::kSkyPilot;
  size_t rows = 0;
  size_t kept = 0;
  size_t cpu_only = 0;
  size_t not_gpu = 0;       // TPU, ASIC, FPGA ...
  size_t unmatched = 0;     // could not be joined (GCP host VM missing in zone ...)
  size_t zero_price = 0;    // prices of 0 read as missing
  std::vector<Error> errors;
};

// Facts from SkyPilot's GpuInfo column (a Python dict literal).
struct GpuInfoFacts {
  std::string name;
  std::optional<double> size_mib;
  std::optional<double> total_mib;
};
GpuInfoFacts ParseGpuInfo(std::string_view text);

// A price from text: empty or <= 0 means missing.
std::optional<double> PriceOrMissing(std::optional<double> value, FileStats& stats);

// Per-GPU memory in GiB from SkyPilot facts and the GPU count.
// `size_is_total`: the vendor's SizeInMiB is the whole machine's (Vast:
// 163840 MiB on a 2x A100-80GB offer).
std::optional<double> MemoryPerGpuGib(const GpuInfoFacts& facts, double count,
                                      bool size_is_total = false);

// Counts the file's rows, takes over the CSV layer's errors, and returns the
// index of each named column; nullopt (with an error) when one is missing.
std::optional<std::vector<size_t>> StartFile(const CsvTable& table,
                                             const std::vector<std::string_view>& names,
                                             FileStats& stats);

// Records the error of every failed result; true when all succeeded.
template <typename... R>
bool CollectErrors(FileStats& stats, const R&... results) {
  bool ok = true;
  auto one = [&](const auto& r) {
    if (!r) {
      stats.errors.push_back(r.error());
      ok = false;
    }
  };
  (one(results), ...);
  return ok;
}

// Index of each named column; records an error in `stats` and returns
// nullopt when a required one is missing.
std::optional<std::vector<size_t>> RequireColumns(const CsvTable& table,
                                                  const std::vector<std::string_view>& names,
                                                  FileStats& stats);

// One reader per format. `file` names the file in messages and offers.
// `leave_attachable`: skip rows with an accelerator but no instance type
// (GCP's attachable GPUs, which ReadGcp prices) instead of reporting them.
std::vector<Offer> ReadSkyPilot(const CsvTable& table, const std::string& vendor,
                                const GpuTable& gpus, FileStats& stats,
                                bool leave_attachable = false);
// GCP's SkyPilot file lists attachable GPUs on rows with no instance type;
// each is priced together with the host VM data/gcp_hosts.csv names.
std::vector<Offer> ReadGcp(const CsvTable& table, const CsvTable& hosts, const GpuTable& gpus,
                           FileStats& stats);

struct VantageRow {
  std::string instance_type;
  std::string region;
  std::string gpu_name;
  double gpu_count = 0;
  std::optional<double> vcpus;
  std::optional<double> mem_gib;
  std::optional<double> on_demand;
  std::optional<double> reserved;
  std::string source;
};
std::vector<VantageRow> ReadVantage(const CsvTable& table, FileStats& stats);
// Adds Vantage's reserved prices to AWS offers, and offers for the (instance
// type, region) pairs SkyPilot lacks. Hardware for a known instance type comes
// from SkyPilot (Vantage mislabels g5g and g6f); otherwise from Vantage.
void MergeVantage(const std::vector<VantageRow>& rows, const GpuTable& gpus,
                  std::vector<Offer>& offers, FileStats& stats);

struct AlibabaSpec {
  double vcpus = 0;
  double mem_gib = 0;
  double gpu_count = 0;
  std::string gpu_model;
  std::optional<double> gpu_mem_mib;
  std::string network;
  std::string source;
  int model_column = 0;
  int line = 0;
};
std::map<std::string, AlibabaSpec> ReadAlibabaSpecs(const CsvTable& table, FileStats& stats);
std::vector<Offer> ReadAlibabaPrices(const CsvTable& table,
                                     const std::map<std::string, AlibabaSpec>& specs,
                                     const std::string& specs_file, const GpuTable& gpus,
                                     FileStats& stats);

// gpuscout's offer table, every row `vendor`'s and of a GPU `gpus` knows.
std::vector<Offer> ReadOfferTable(CsvTable& table, const std::string& vendor, const GpuTable& gpus,
                                  FileStats& stats);

std::vector<Offer> ReadTencent(const CsvTable& table, const GpuTable& gpus, FileStats& stats);

}  // namespace gpuscout
