#include "service/job_terms.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gpuscout {

namespace {

Result<double> Amount(const std::optional<double>& v, const char* name) {
  if (!v) return 0.0;
  if (!(*v >= 0 && *v <= 1e7)) return tl::unexpected(OptionError(name, "expected 0 to 10,000,000 GB"));
  return *v;
}

Result<std::vector<Discount>> FileDiscounts(const Env& env) {
  const std::string path = env.DataDir() + "/discounts.yaml";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::vector<Discount>{};
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) return Fail(ExitCode::kEnvironment, "cannot read " + path);
  return ReadDiscountFile(text.str(), path);
}

}  // namespace

Result<JobTerms> ReadJobTerms(const JobTermArgs& a, const Env& env) {
  JobTerms t;
  GS_TRY(disk, Amount(a.disk_gb, "disk_gb"));
  GS_TRY(egress, Amount(a.egress_gb, "egress_gb"));
  t.disk_gb = disk;
  t.egress_gb = egress;
  GS_TRY(file, FileDiscounts(env));
  GS_TRY(given, ParseDiscounts(a.discount));
  t.discounts = MergeDiscounts(std::move(file), given);
  return t;
}

}  // namespace gpuscout
