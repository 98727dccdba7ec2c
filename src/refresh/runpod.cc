#include "refresh/runpod.h"

#include <nlohmann/json.hpp>

#include <cstdlib>

namespace gpuscout {
namespace {

constexpr const char* kQuery =
    "query GpuTypes { gpuTypes { id displayName memoryInGb securePrice communityPrice secureSpotPrice "
    "communitySpotPrice } }";

// A price field: a positive number, or nothing (null, absent, 0: not offered).
Result<std::optional<double>> Price(const nlohmann::json& t, const char* field, const std::string& url, const std::string& at) {
  auto it = t.find(field);
  if (it == t.end() || it->is_null()) return std::optional<double>();
  if (!it->is_number()) return tl::unexpected(DataError(url, at + "." + field, "not a number"));
  const double v = it->get<double>();
  return v > 0 ? std::optional(v) : std::nullopt;
}

}  // namespace

Result<std::vector<GpuRate>> ReadRunPodGpuTypes(const std::string& body, const std::string& url, const GpuTable& gpus) {
  const nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  if (answer.is_discarded() || !answer.is_object()) return tl::unexpected(DataError(url, "", "not valid JSON (cut short?)"));
  if (auto errors = answer.find("errors"); errors != answer.end() && errors->is_array() && !errors->empty()) {
    const auto& first = errors->front();
    const std::string message = first.is_object() && first.contains("message") && first["message"].is_string()
                                    ? first["message"].get<std::string>() : "GraphQL error";
    return tl::unexpected(DataError(url, "errors", "RunPod answered: " + message));
  }
  const nlohmann::json* types = nullptr;
  if (auto data = answer.find("data"); data != answer.end() && data->is_object()) {
    if (auto t = data->find("gpuTypes"); t != data->end() && t->is_array()) types = &*t;
  }
  if (!types) return tl::unexpected(DataError(url, "data.gpuTypes", "missing or not a list"));
  std::vector<GpuRate> out;
  size_t i = 0;
  for (const nlohmann::json& t : *types) {
    const std::string at = "data.gpuTypes[" + std::to_string(i++) + "]";
    if (!t.is_object() || !t.contains("id") || !t["id"].is_string()) return tl::unexpected(DataError(url, at + ".id", "missing or not a string"));
    const std::string id = t["id"].get<std::string>();
    std::optional<double> memory;
    if (t.contains("memoryInGb") && t["memoryInGb"].is_number()) memory = t["memoryInGb"].get<double>();
    const GpuSpec* spec = gpus.ResolveDeviceName(id, memory);
    GS_TRY(secure, Price(t, "securePrice", url, at));
    GS_TRY(community, Price(t, "communityPrice", url, at));
    GS_TRY(secure_spot, Price(t, "secureSpotPrice", url, at));
    GS_TRY(community_spot, Price(t, "communitySpotPrice", url, at));
    std::vector<const GpuSpec*> resolved;
    if (spec) resolved.push_back(spec);
    if (secure) out.push_back({resolved, id, "SECURE", secure, secure_spot, url});
    if (community) out.push_back({resolved, id, "COMMUNITY", community, community_spot, url});
  }
  return out;
}

Result<VendorPrices> FetchRunPod(const FetchContext& ctx) {
  VendorPrices out;
  out.vendor = "runpod";
  out.api = ctx.Base(kRunPodBase);
  const std::string url = out.api + "/graphql";
  HttpClient::Upload upload{nlohmann::json{{"query", kQuery}}.dump(), {"Content-Type: application/json"}};
  const char* key = std::getenv("RUNPOD_API_KEY");
  if (key && *key) upload.headers.push_back(std::string("Authorization: Bearer ") + key);
  GS_CHECK(ctx.BeforeRequest(url));
  auto response = ctx.http->Post(url, upload);
  if (!response) {
    Error e = response.error();
    if (e.message.find("HTTP 401") != std::string::npos || e.message.find("HTTP 403") != std::string::npos) {
      e.message += key && *key ? " (RUNPOD_API_KEY was refused)" : " (RunPod wants an API key: set RUNPOD_API_KEY)";
    }
    return tl::unexpected(e);
  }
  out.requests = 1;
  out.bytes = response->body.size();
  if (!ctx.catalog) return tl::unexpected(DataError(url, "", "no catalog to match RunPod's GPU types to"));
  GS_TRY(rates, ReadRunPodGpuTypes(response->body, url, ctx.catalog->gpus()));
  out.prices = PriceByGpu("runpod", rates, ctx);
  out.notes.push_back(Message("refresh.note.runpod"));
  return out;
}

}  // namespace gpuscout
