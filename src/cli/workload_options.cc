#include "cli/workload_options.h"

#include <variant>

#include "workload/request_fields.h"

namespace gpuscout::cli {
namespace {

std::string Help(const RequestField& f) {
  std::string help(f.help);
  if (!f.default_value.empty()) help += " (default " + std::string(f.default_value) + ")";
  return help;
}

void AddFields(CLI::App& app, EstimateRequest& r, FieldScope scope) {
  for (const RequestField& f : RequestFields()) {
    if (f.scope != scope) continue;
    CLI::Option* option = nullptr;
    std::visit([&](auto member) { option = app.add_option(OptionName(f.name), r.*member, Help(f)); }, f.member);
    if (!f.keyword.empty()) {
      option->transform([word = std::string(f.keyword)](std::string value) { return value == word ? "0" : value; });
    }
  }
}

}  // namespace

void AddWorkloadOptions(CLI::App& app, EstimateRequest& r) { AddFields(app, r, FieldScope::kWorkload); }

void AddHardwareOptions(CLI::App& app, EstimateRequest& r) { AddFields(app, r, FieldScope::kHardware); }

void AddJobTermOptions(CLI::App* app, JobTermArgs& job) {
  app->add_option("--disk-gb", job.disk_gb, "Block storage per instance, GB: priced per vendor and region (data/job_prices.csv)");
  app->add_option("--egress-gb", job.egress_gb, "GB sent to the internet per month of use (a job of a month or less: once), in the vendor's tiers");
  app->add_option("--discount", job.discount,
                  "Negotiated discounts, VENDOR[:OPTION]=PCT[,...] (aws=12 covers list prices, aws:spot=5 spot); "
                  "also read from discounts.yaml in the data folder");
}

}  // namespace gpuscout::cli
