#include "service/offers.h"

namespace gpuscout {

Result<OfferAnswer> FindOffers(const Catalog& catalog, const OffersArgs& a, std::optional<Currency> currency,
                               const ExchangeRate& rate) {
  OfferQuery q;
  if (!a.gpu.empty()) {
    GS_TRY(g, ParseGpuFilter(catalog.gpus(), a.gpu));
    q.gpus = g.first;
    q.gpu_count = g.second;
  }
  if (!a.vendor.empty()) {
    GS_TRY(v, ParseVendorList(catalog, a.vendor));
    q.vendors = v;
  }
  if (a.sort != "price" && a.sort != "price-per-gpu" && a.sort != "gpu-mem") {
    return tl::unexpected(OptionError("sort", "expected price, price-per-gpu or gpu-mem"));
  }
  q.region_regex = a.region;
  q.min_gpu_mem_gib = a.min_gpu_mem;
  q.max_price = a.max_price;
  q.spot = a.spot;
  q.all_regions = a.all_regions;
  q.sort = a.sort == "price-per-gpu" ? OfferSort::kPricePerGpu : a.sort == "gpu-mem" ? OfferSort::kGpuMem : OfferSort::kPrice;
  q.currency = currency;
  q.rate = rate;
  q.max_price_age_days = a.max_price_age_days;
  auto answer = RunOfferQuery(catalog, q);
  if (!answer) return answer;
  if (a.limit && answer->rows.size() > *a.limit) {
    answer->rows.resize(*a.limit);
    std::vector<const Offer*> shown;
    for (const auto& r : answer->rows) shown.push_back(r.offer);
    answer->price_ages = catalog.PriceAgesOf(shown, q.today, q.max_price_age_days);
  }
  return answer;
}

}  // namespace gpuscout
