#include "catalog/builder.h"

#include <cctype>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "base/atomic_file.h"
#include "base/strings.h"
#include "catalog/freshness.h"
#include "catalog/instance_gpus.h"
#include "catalog/network_facts.h"

namespace gpuscout {

size_t BuildResult::ErrorCount() const {
  size_t n = 0;
  for (const auto& f : files) n += f.errors.size();
  return n;
}

namespace {

std::string VendorOf(const std::string& path) {
  const auto slash = path.find('/');
  return slash == std::string::npos ? std::string() : ToLower(path.substr(0, slash));
}

struct Parsed {
  const SourceText* src;
  CsvTable table;
  SourceFormat format;
  size_t stats_index;
};

FileStats FileError(const std::string& file, std::string message, int line, int column) {
  FileStats stats;
  stats.file = file;
  stats.errors.push_back(Error{ExitCode::kBadInput, std::move(message), file, line, column, ""});
  return stats;
}

// Each file parsed as CSV and its format known; a file that fails gets its
// errors in `result` and is left out.
std::vector<Parsed> ParseFiles(const std::vector<SourceText>& files, BuildResult& result) {
  std::vector<Parsed> parsed;
  for (const auto& src : files) {
    auto table = ParseCsv(src.text, src.path);
    if (!table) {
      FileStats stats;
      stats.file = src.path;
      stats.errors.push_back(table.error());
      result.files.push_back(std::move(stats));
      continue;
    }
    auto format = src.format ? src.format : DetectFormat(*table);
    if (!format) {
      result.files.push_back(FileError(src.path, "header matches no known source format (skypilot, vantage, "
                                                 "alibaba-prices, alibaba-specs, tencent, gpuscout-offers)", 1, 1));
      continue;
    }
    if (*format == SourceFormat::kSkyPilot) FoldExtraFieldsInto(*table, "Generation");
    if ((*format == SourceFormat::kSkyPilot || *format == SourceFormat::kOffers) && src.vendor.empty() &&
        VendorOf(src.path).empty()) {
      result.files.push_back(FileError(src.path, "a " + std::string(FormatName(*format)) +
                                                 " file must sit in a folder named after its vendor "
                                                 "(aws/vms.csv) or be imported with --vendor", 0, 0));
      continue;
    }
    FileStats stats;
    stats.file = src.path;
    stats.format = *format;
    result.files.push_back(std::move(stats));
    parsed.push_back({&src, std::move(*table), *format, result.files.size() - 1});
  }
  return parsed;
}

// Alibaba: prices joined with specs (a specs file among the sources, else
// the built-in table, whose errors are reported like any file's).
void ReadAlibaba(std::vector<Parsed>& parsed, const BuildInputs& in, BuildResult& result, std::vector<Offer>& offers) {
  std::map<std::string, AlibabaSpec> specs;
  std::string specs_file = in.alibaba_specs_name;
  bool have_specs = false;
  for (auto& p : parsed) {
    if (p.format != SourceFormat::kAlibabaSpecs) continue;
    auto s = ReadAlibabaSpecs(p.table, result.files[p.stats_index]);
    specs.insert(s.begin(), s.end());
    specs_file = p.src->path;
    have_specs = true;
  }
  if (!have_specs && !in.alibaba_specs_csv.empty()) {
    FileStats stats;
    stats.file = in.alibaba_specs_name;
    auto t = ParseCsv(in.alibaba_specs_csv, in.alibaba_specs_name);
    if (t) specs = ReadAlibabaSpecs(*t, stats);
    else stats.errors.push_back(t.error());
    if (!stats.errors.empty()) result.files.push_back(std::move(stats));
  }
  for (auto& p : parsed) {
    if (p.format != SourceFormat::kAlibabaPrices) continue;
    for (auto& o : ReadAlibabaPrices(p.table, specs, specs_file, *in.gpus, result.files[p.stats_index])) {
      offers.push_back(std::move(o));
    }
  }
}

// The offers of every parsed file, in the order the joins need.
std::vector<Offer> ReadOffers(std::vector<Parsed>& parsed, const BuildInputs& in, BuildResult& result) {
  std::vector<Offer> offers;
  auto hosts = ParseCsv(in.gcp_hosts_csv, "data/gcp_hosts.csv");
  if (!hosts && !in.gcp_hosts_csv.empty()) {
    FileStats stats;
    stats.file = "data/gcp_hosts.csv";
    stats.errors.push_back(hosts.error());
    result.files.push_back(std::move(stats));
  }
  // 1. SkyPilot files (GCP's joined with its host table).
  for (auto& p : parsed) {
    if (p.format != SourceFormat::kSkyPilot) continue;
    FileStats& st = result.files[p.stats_index];
    const std::string vendor = p.src->vendor.empty() ? VendorOf(p.src->path) : p.src->vendor;
    for (auto& o : vendor == "gcp" && hosts ? ReadGcp(p.table, *hosts, *in.gpus, st) : ReadSkyPilot(p.table, vendor, *in.gpus, st)) {
      offers.push_back(std::move(o));
    }
  }
  // 2. Vantage: reserved prices onto AWS offers, and the regions SkyPilot lacks.
  for (auto& p : parsed) {
    if (p.format == SourceFormat::kVantage) MergeVantage(ReadVantage(p.table, result.files[p.stats_index]), *in.gpus, offers, result.files[p.stats_index]);
  }
  // 3. Alibaba. 4. Tencent. 5. gpuscout's own tables (catalog refresh).
  ReadAlibaba(parsed, in, result, offers);
  for (auto& p : parsed) {
    if (p.format != SourceFormat::kTencent) continue;
    for (auto& o : ReadTencent(p.table, *in.gpus, result.files[p.stats_index])) offers.push_back(std::move(o));
  }
  for (auto& p : parsed) {
    if (p.format != SourceFormat::kOffers) continue;
    const std::string vendor = p.src->vendor.empty() ? VendorOf(p.src->path) : p.src->vendor;
    for (auto& o : ReadOfferTable(p.table, vendor, *in.gpus, result.files[p.stats_index])) offers.push_back(std::move(o));
  }
  return offers;
}

// The file and line an offer's source ("FILE:LINE[+...]") names; FILE may
// itself hold colons, so the known file names are matched as prefixes.
std::pair<FileStats*, int> SourceOf(const Offer& o, BuildResult& result) {
  FileStats* st = nullptr;
  for (auto& f : result.files) {
    if (o.source.size() > f.file.size() && o.source.compare(0, f.file.size(), f.file) == 0 && o.source[f.file.size()] == ':') st = &f;
  }
  int line = 0;
  for (size_t i = st ? st->file.size() + 1 : o.source.size();
       i < o.source.size() && std::isdigit(static_cast<unsigned char>(o.source[i])) && line < 100000000; ++i) {
    line = line * 10 + (o.source[i] - '0');
  }
  return {st, line};
}

// One offer per (vendor, instance type, region, zone): a second is an error.
void KeepUnique(std::vector<Offer>& offers, BuildResult& result) {
  std::stable_sort(offers.begin(), offers.end(), [](const Offer& a, const Offer& b) {
    return std::tie(a.vendor, a.instance_type, a.region, a.zone) < std::tie(b.vendor, b.instance_type, b.region, b.zone);
  });
  for (auto& o : offers) {
    if (result.offers.empty() || result.offers.back().Key() != o.Key()) {
      result.offers.push_back(std::move(o));
      continue;
    }
    auto [st, line] = SourceOf(o, result);
    if (!st) continue;
    st->errors.push_back(Error{ExitCode::kBadInput,
                               "duplicate offer " + o.instance_type + " in " + o.region + (o.zone.empty() ? "" : "/" + o.zone) +
                                   " (first at " + result.offers.back().source + ")",
                               st->file, line, 0, "", false});
    --st->kept;
  }
}

// A fact table that does not parse is a bad file of the build, named.
template <typename T>
std::optional<T> ParsedOrRecorded(Result<T> parsed, const char* file, BuildResult& result) {
  if (parsed) return std::move(*parsed);
  FileStats st;
  st.file = file;
  st.errors.push_back(parsed.error());
  result.files.push_back(std::move(st));
  return std::nullopt;
}

// Networking between nodes, from the per-family fact table.
void ApplyNetworkFacts(const BuildInputs& in, BuildResult& result) {
  if (in.network_facts_csv.empty()) return;
  auto facts = ParsedOrRecorded(NetworkFacts::Parse(in.network_facts_csv, "data/network_facts.csv"),
                                "data/network_facts.csv", result);
  if (!facts) return;
  for (auto& o : result.offers) {
    if (const NetworkFact* f = facts->Find(o.vendor, o.instance_type)) {
      o.rdma = f->technology;
      o.rdma_gbps = f->gbps;
    }
  }
}

// The GPU of the instance types a sheet names wrongly (a slice counted whole,
// a card named by its family), from data/instance_gpus.csv.
void ApplyInstanceGpus(const BuildInputs& in, BuildResult& result) {
  if (in.instance_gpus_csv.empty() || !in.gpus) return;
  auto table = ParsedOrRecorded(InstanceGpus::Parse(in.instance_gpus_csv, "data/instance_gpus.csv", *in.gpus),
                                "data/instance_gpus.csv", result);
  if (!table) return;
  for (auto& o : result.offers) {
    if (const InstanceGpu* g = table->Find(o.vendor, o.instance_type)) {
      o.gpu = g->gpu;
      o.gpu_count = g->gpu_count;
      o.gpu_mem_gib = g->gpu_mem_gib;
    }
  }
}

}  // namespace

BuildResult BuildOffers(const std::vector<SourceText>& files, const BuildInputs& in) {
  BuildResult result;
  std::vector<Parsed> parsed = ParseFiles(files, result);
  std::vector<Offer> offers = ReadOffers(parsed, in, result);
  KeepUnique(offers, result);
  ApplyNetworkFacts(in, result);
  ApplyInstanceGpus(in, result);
  return result;
}

namespace {

// The day a file was last written (UTC), as YYYY-MM-DD; empty when unknown.
std::string ModifiedDate(const std::filesystem::path& path) {
  std::error_code ec;
  const auto written = std::filesystem::last_write_time(path, ec);
  if (ec) return {};
  const auto utc = std::chrono::file_clock::to_sys(written);
  return FormatDate(std::chrono::floor<std::chrono::days>(utc));
}

}  // namespace

Result<std::vector<SourceText>> ReadSourceDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Fail(ExitCode::kEnvironment, "catalog folder " + dir + " does not exist or is not a folder");
  }
  std::vector<SourceText> out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".csv") continue;
    const std::string rel = fs::relative(it->path(), dir).generic_string();
    if (rel.find('/') == std::string::npos) continue;  // gpus.csv etc. at the top level
    GS_TRY(text, ReadFile(it->path().string()));
    out.push_back({rel, std::move(text), std::nullopt, {}, ModifiedDate(it->path())});
  }
  if (ec) return Fail(ExitCode::kEnvironment, "cannot list " + dir + ": " + ec.message());
  std::sort(out.begin(), out.end(),
            [](const SourceText& a, const SourceText& b) { return a.path < b.path; });
  return out;
}

}  // namespace gpuscout
