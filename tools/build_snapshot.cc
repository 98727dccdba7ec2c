// Normalises the source files under DATA/sources into DATA/offers.csv and
// DATA/snapshot_files.csv, the snapshot the binary embeds.
//   build_snapshot DATA          write the snapshot
//   build_snapshot --check DATA  exit 1 when the committed snapshot differs
#include <cstdio>
#include <string>

#include "base/atomic_file.h"
#include "catalog/builder.h"
#include "catalog/gpu_spec.h"
#include "catalog/snapshot.h"

using namespace gpuscout;

int main(int argc, char** argv) {
  bool check = false;
  std::string data;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--check") {
      check = true;
    } else {
      data = a;
    }
  }
  if (data.empty()) {
    std::fprintf(stderr, "usage: build_snapshot [--check] DATA_DIR\n");
    return 2;
  }
  auto read = [&](const std::string& rel) {
    auto t = ReadFile(data + "/" + rel);
    if (!t) {
      std::fprintf(stderr, "%s\n", t.error().Format().c_str());
      std::exit(3);
    }
    return *t;
  };
  const std::string gpus_csv = read("gpus.csv");
  const std::string excl_csv = read("accelerators_excluded.csv");
  auto gpus = GpuTable::Parse(gpus_csv, "data/gpus.csv", excl_csv, "data/accelerators_excluded.csv");
  if (!gpus) {
    std::fprintf(stderr, "%s\n", gpus.error().Format().c_str());
    return 2;
  }
  auto files = ReadSourceDir(data + "/sources");
  if (!files) {
    std::fprintf(stderr, "%s\n", files.error().Format().c_str());
    return 3;
  }
  BuildInputs in{&*gpus, read("gcp_hosts.csv"), "", "alibaba/ecs_gpu_specs_sparecores.csv", read("network_facts.csv"),
                 read("instance_gpus.csv")};
  BuildResult build = BuildOffers(*files, in);
  if (build.ErrorCount()) {
    for (const auto& f : build.files) {
      for (const auto& e : f.errors) std::fprintf(stderr, "%s\n", e.Format().c_str());
    }
    return 2;
  }
  const std::string offers = WriteSnapshot(build.offers);
  const std::string stats = WriteFileStats(build.files);
  if (check) {
    auto old_offers = ReadFile(data + "/offers.csv");
    auto old_stats = ReadFile(data + "/snapshot_files.csv");
    if (!old_offers || !old_stats || *old_offers != offers || *old_stats != stats) {
      std::fprintf(stderr,
                   "data/offers.csv is not what data/sources gives: run `make catalog` and commit\n");
      return 1;
    }
    std::printf("snapshot matches sources: %zu offers from %zu files\n", build.offers.size(),
                build.files.size());
    return 0;
  }
  for (auto [name, text] : {std::pair{"offers.csv", &offers}, std::pair{"snapshot_files.csv", &stats}}) {
    auto w = WriteFileAtomic(data + "/" + name, *text);
    if (!w) {
      std::fprintf(stderr, "%s\n", w.error().Format().c_str());
      return 3;
    }
  }
  std::printf("wrote %zu offers from %zu files\n", build.offers.size(), build.files.size());
  for (const auto& f : build.files) {
    std::printf("  %-45s rows %5zu kept %5zu cpu %5zu not-gpu %4zu unmatched %4zu zero-price %3zu\n",
                f.file.c_str(), f.rows, f.kept, f.cpu_only, f.not_gpu, f.unmatched, f.zero_price);
  }
  return 0;
}
