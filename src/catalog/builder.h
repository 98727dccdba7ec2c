// Turns a set of source files (the published formats) into offers.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/csv.h"
#include "catalog/gpu_spec.h"
#include "catalog/offer.h"
#include "catalog/source/source_file.h"

namespace gpuscout {

struct SourceText {
  SourceText(std::string path_in, std::string text_in, std::optional<SourceFormat> format_in = std::nullopt,
             std::string vendor_in = {}, std::string as_of_in = {})
      : path(std::move(path_in)), text(std::move(text_in)), format(format_in), vendor(std::move(vendor_in)),
        as_of(std::move(as_of_in)) {}
  std::string path;  // relative, "<vendor>/<file>": the vendor is the first folder
  std::string text;
  std::optional<SourceFormat> format;  // nullopt: detect from the header
  std::string vendor;                  // empty: the first folder of `path`
  std::string as_of;                   // YYYY-MM-DD of its prices (a file on disk: when it was written)
  std::string kind;                    // the origin's kind when not the loader's own ("refresh")
  std::string origin;                  // where its prices came from, when not the file itself (an API)
};

struct BuildResult {
  std::vector<Offer> offers;  // sorted by vendor, instance type, region, zone
  std::vector<FileStats> files;

  size_t ErrorCount() const;
};

struct BuildInputs {
  const GpuTable* gpus = nullptr;
  std::string gcp_hosts_csv;         // data/gcp_hosts.csv
  std::string alibaba_specs_csv;     // used when the set has no Alibaba specs file
  std::string alibaba_specs_name;
  std::string network_facts_csv;     // data/network_facts.csv: RDMA per instance family
  std::string instance_gpus_csv;     // data/instance_gpus.csv: the GPU of types a sheet names wrongly
};

BuildResult BuildOffers(const std::vector<SourceText>& files, const BuildInputs& in);

// Reads every *.csv under `dir` (recursively) as a source file.
Result<std::vector<SourceText>> ReadSourceDir(const std::string& dir);

}  // namespace gpuscout
