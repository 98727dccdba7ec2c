#include "refresh/lambda.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <set>

#include "base/strings.h"
#include "refresh/json_fields.h"

namespace gpuscout {
namespace {

using json = nlohmann::json;

// "A100 (40 GB SXM4)": the memory in the description picks the variant.
std::optional<double> MemoryIn(const std::string& description) {
  const auto gb = description.find(" GB");
  if (gb == std::string::npos) return std::nullopt;
  size_t start = gb;
  while (start > 0 && (std::isdigit(static_cast<unsigned char>(description[start - 1])) || description[start - 1] == '.')) --start;
  return ParseDouble(description.substr(start, gb - start));
}

Result<FetchedHardware> Hardware(const json& type, const std::string& url, const std::string& at, const GpuTable& gpus,
                                 std::string& description) {
  const json* specs = type.contains("specs") && type["specs"].is_object() ? &type["specs"] : nullptr;
  if (!specs || !specs->value("gpus", json()).is_number()) {
    return tl::unexpected(DataError(url, at + ".specs.gpus", "missing or not a number"));
  }
  description = TextOf(type, "gpu_description");
  FetchedHardware h;
  h.gpu_count = (*specs)["gpus"].get<double>();
  if (specs->value("vcpus", json()).is_number()) h.vcpus = (*specs)["vcpus"].get<double>();
  if (specs->value("memory_gib", json()).is_number()) h.mem_gib = (*specs)["memory_gib"].get<double>();
  const std::optional<double> memory = MemoryIn(description);
  if (const GpuSpec* gpu = gpus.ResolveDeviceName(description, memory)) {
    h.gpu = gpu->name;
    h.gpu_mem_gib = memory ? memory : gpu->memory_gb;
  }
  return h;
}

}  // namespace

Result<std::vector<FetchedPrice>> ReadLambdaInstanceTypes(const std::string& body, const std::string& url,
                                                          const std::vector<std::string>& regions, const GpuTable& gpus,
                                                          std::vector<std::string>& unknown) {
  const json answer = json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) return tl::unexpected(DataError(url, "", "not valid JSON (cut short?)"));
  auto data = answer.find("data");
  if (data == answer.end() || !data->is_object()) return tl::unexpected(DataError(url, "data", "missing or not an object"));
  std::vector<FetchedPrice> out;
  for (const auto& [name, entry] : data->items()) {
    const std::string at = "data." + name;
    const json* type = entry.is_object() && entry.contains("instance_type") ? &entry["instance_type"] : nullptr;
    if (!type || !type->is_object() || !type->value("price_cents_per_hour", json()).is_number()) {
      return tl::unexpected(DataError(url, at + ".instance_type.price_cents_per_hour", "missing or not a number"));
    }
    std::string description;
    GS_TRY(hardware, Hardware(*type, url, at + ".instance_type", gpus, description));
    if (hardware.gpu_count <= 0) continue;  // a CPU-only type
    if (hardware.gpu.empty()) {
      unknown.push_back(name + " (" + description + ")");
      continue;
    }
    std::set<std::string> capacity;
    if (auto r = entry.find("regions_with_capacity_available"); r != entry.end() && r->is_array()) {
      for (const json& region : *r) {
        if (region.is_object() && region.value("name", json()).is_string()) capacity.insert(region["name"].get<std::string>());
      }
    }
    const double price = (*type)["price_cents_per_hour"].get<double>() / 100;
    for (const std::string& region : regions) {
      FetchedPrice p;
      p.instance_type = name;
      p.region = region;
      p.price_hour = price;
      p.hardware = hardware;
      if (!capacity.count(region)) p.availability = "sold-out";
      p.where = url;
      out.push_back(std::move(p));
    }
  }
  return out;
}

Result<VendorPrices> FetchLambda(const FetchContext& ctx) {
  const char* key = std::getenv("LAMBDA_API_KEY");
  if (!key || !*key) {
    return tl::unexpected(Error{ExitCode::kBadInput, "Lambda's instance-types API needs your key: set LAMBDA_API_KEY "
                                "(docs/refresh.md#lambda)", "", 0, 0, "", false, false});
  }
  if (!ctx.catalog) return tl::unexpected(DataError(kLambdaBase, "", "no catalog to match Lambda's types to"));
  VendorPrices out;
  out.vendor = "lambda";
  out.api = ctx.Base(kLambdaBase);
  const std::string url = out.api + "/api/v1/instance-types";
  GS_CHECK(ctx.BeforeRequest(url));
  HttpClient::Upload upload{"", {std::string("Authorization: Bearer ") + key}, false};
  upload.keep_error_body = true;
  GS_TRY(response, ctx.http->Post(url, upload));
  out.requests = 1;
  out.bytes = response.body.size();
  if (response.status == 401 || response.status == 403) {
    const json e = json::parse(response.body, nullptr, false);
    const std::string detail = e.is_object() && e.contains("error") && e["error"].is_object()
                                   ? TextOf(e["error"], "code") + ": " + TextOf(e["error"], "message")
                                   : "HTTP " + std::to_string(response.status);
    return tl::unexpected(Error{ExitCode::kEnvironment, "key rejected by Lambda (" + detail + "): check LAMBDA_API_KEY",
                                url, 0, 0, "", false, false});
  }
  if (response.status >= 300) {
    return tl::unexpected(Error{ExitCode::kEnvironment, "GET " + url + ": HTTP " + std::to_string(response.status), url, 0, 0,
                                "", false, false});
  }
  std::vector<std::string> unknown;
  GS_TRY(prices, ReadLambdaInstanceTypes(response.body, url, ctx.regions, ctx.catalog->gpus(), unknown));
  out.prices = std::move(prices);
  if (!unknown.empty()) out.notes.push_back(Message("refresh.note.unknown_models").With("types", Join(unknown, ", ")));
  out.notes.push_back(Message("refresh.note.lambda"));
  return out;
}

}  // namespace gpuscout
