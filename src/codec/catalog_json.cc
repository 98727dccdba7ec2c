#include "codec/catalog_json.h"

#include "catalog/suspect.h"

#include "base/money.h"

namespace gpuscout {
namespace {

nlohmann::json Opt(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json Text(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

std::string PriceSourceText(const PriceOrigin& origin) { return origin.kind + ": " + origin.source; }

nlohmann::json OfferToJson(const OfferRow& row, int max_price_age_days) {
  const Offer& o = *row.offer;
  nlohmann::json j = nlohmann::json::object();
  j["vendor"] = o.vendor;
  j["instance_type"] = o.instance_type;
  j["region"] = o.region;
  j["zone"] = Text(o.zone);
  j["gpu"] = o.gpu;
  j["gpu_count"] = o.gpu_count;
  j["gpu_mem_gib"] = Opt(o.gpu_mem_gib);
  j["vcpus"] = Opt(o.vcpus);
  j["mem_gib"] = Opt(o.mem_gib);
  j["price_hour"] = Opt(row.price_hour);
  j["price_hour_max"] = Opt(row.price_hour_max);
  j["spot_price_hour"] = Opt(row.spot_price_hour);
  j["spot_interruption"] = Text(row.spot_interruption);
  j["availability"] = Text(row.availability);
  j["reserved_hour"] = Opt(row.reserved_hour);
  j["reserved_term"] = Text(o.reserved_term);
  j["monthly_price"] = Opt(row.monthly_price);
  j["monthly_price_max"] = Opt(row.monthly_price_max);
  j["currency"] = std::string(CurrencyCode(row.currency));
  j["source_currency"] = std::string(CurrencyCode(o.currency));
  j["network"] = Text(o.network);
  j["rdma"] = Text(o.rdma);
  j["rdma_gbps"] = Opt(o.rdma_gbps);
  j["source"] = o.source;
  j["flags"] = SuspectNames(o.suspect);
  j["price_as_of"] = row.price_origin ? Text(row.price_origin->as_of) : nlohmann::json(nullptr);
  j["price_age_days"] = row.price_age_days ? nlohmann::json(*row.price_age_days) : nlohmann::json(nullptr);
  j["price_source"] = row.price_origin ? nlohmann::json(PriceSourceText(*row.price_origin)) : nlohmann::json(nullptr);
  j["price_stale"] = !row.price_age_days || *row.price_age_days > max_price_age_days;
  return j;
}

nlohmann::json PriceAgesToJson(const std::vector<PriceAge>& ages) {
  nlohmann::json a = nlohmann::json::array();
  for (const PriceAge& p : ages) {
    a.push_back({{"vendor", p.vendor},
                 {"as_of", Text(p.as_of)},
                 {"age_days", p.age_days ? nlohmann::json(*p.age_days) : nlohmann::json(nullptr)},
                 {"source", p.kind + ": " + p.source},
                 {"stale", p.stale}});
  }
  return a;
}

nlohmann::json OffersToJson(const OfferAnswer& answer) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& r : answer.rows) a.push_back(OfferToJson(r, answer.max_price_age_days));
  return a;
}

nlohmann::json GpuToJson(const GpuSpec& s) {
  nlohmann::json j;
  j["name"] = s.name;
  j["family"] = s.family;
  j["aliases"] = s.aliases;
  j["vendor"] = s.vendor;
  j["architecture"] = Text(s.architecture);
  j["compute_capability"] = Text(s.compute_capability);
  j["memory_gb"] = Opt(s.memory_gb);
  j["usable_memory_gib"] = Opt(s.UsableMemoryGib());
  j["memory_type"] = Text(s.memory_type);
  j["memory_bandwidth_gbps"] = Opt(s.memory_bandwidth_gbps);
  j["fp32_tflops"] = Opt(s.fp32_tflops);
  j["tf32_tensor_tflops"] = Opt(s.tf32_tflops);
  j["fp16_tensor_tflops"] = Opt(s.fp16_tflops);
  j["bf16_tensor_tflops"] = Opt(s.bf16_tflops);
  j["int8_tops"] = Opt(s.int8_tops);
  j["tdp_w"] = Opt(s.tdp_w);
  j["interconnect"] = Text(s.interconnect);
  j["pcie_gen"] = s.pcie_gen ? nlohmann::json(*s.pcie_gen) : nlohmann::json(nullptr);
  j["form_factor"] = Text(s.form_factor);
  j["source"] = s.source;
  j["notes"] = Text(s.notes);
  return j;
}

nlohmann::json FileStatsToJson(const FileStats& f) {
  return {{"file", f.file},           {"format", std::string(FormatName(f.format))},
          {"rows", f.rows},           {"kept", f.kept},
          {"cpu_only", f.cpu_only},   {"not_gpu", f.not_gpu},
          {"unmatched", f.unmatched}, {"zero_price_as_missing", f.zero_price}};
}

nlohmann::json VendorSummaryToJson(const VendorSummary& v, Currency currency, const ExchangeRate& rate) {
  nlohmann::json prices = nlohmann::json::array();
  for (const auto& p : v.prices) {
    prices.push_back({{"gpu", p.gpu},
                      {"offers", p.offers},
                      {"median_per_gpu_hour", p.median_per_gpu_hour},
                      {"cheapest_per_gpu_hour", p.cheapest_per_gpu_hour},
                      {"cheapest_instance_type", p.cheapest->instance_type},
                      {"cheapest_region", p.cheapest->region}});
  }
  nlohmann::json largest = nullptr;
  if (v.largest) {
    largest = {{"instance_type", v.largest->instance_type},
               {"gpu", v.largest->gpu},
               {"gpus", v.largest->gpu_count},
               {"gpu_mem_gib_total", v.largest->gpu_mem_gib.value_or(0) * v.largest->gpu_count}};
  }
  nlohmann::json rdma = nlohmann::json::array();
  for (const auto& r : v.rdma) {
    rdma.push_back({{"technology", r.technology},
                    {"instance_types", r.instance_types},
                    {"max_gbps_per_node", r.max_gbps > 0 ? nlohmann::json(r.max_gbps) : nlohmann::json(nullptr)}});
  }
  return {{"vendor", v.vendor},
          {"price_age", PriceAgesToJson({v.price_age}).front()},
          {"regions", v.regions},
          {"zones", v.zones},
          {"gpus", v.gpus},
          {"offers", v.offers},
          {"priced_offers", v.priced},
          {"spot_offers", v.with_spot},
          {"median_spot_discount", Opt(v.median_spot_discount)},
          {"reserved_offers", v.with_reserved},
          {"monthly_offers", v.with_monthly},
          {"largest_node", largest},
          {"rdma", rdma},
          {"instance_types_without_rdma", v.without_rdma},
          {"instance_types_rdma_unknown", v.rdma_unknown},
          {"currency", std::string(CurrencyCode(currency))},
          {"cny_per_usd", rate.cny_per_usd},
          {"prices_per_gpu_hour", prices}};
}

}  // namespace gpuscout
