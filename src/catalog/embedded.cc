#include "catalog/embedded.h"

#define GPUSCOUT_DECLARE(sym)                 \
  extern "C" const char gpuscout_##sym##_begin[]; \
  extern "C" const char gpuscout_##sym##_end[];
GPUSCOUT_DECLARE(offers)
GPUSCOUT_DECLARE(file_stats)
GPUSCOUT_DECLARE(gpus)
GPUSCOUT_DECLARE(exclusions)
GPUSCOUT_DECLARE(gcp_hosts)
GPUSCOUT_DECLARE(alibaba_specs)
GPUSCOUT_DECLARE(manifest)
GPUSCOUT_DECLARE(cuda_compat)
GPUSCOUT_DECLARE(models)
GPUSCOUT_DECLARE(benchmarks)
GPUSCOUT_DECLARE(mfu)
GPUSCOUT_DECLARE(network_facts)
GPUSCOUT_DECLARE(instance_gpus)
GPUSCOUT_DECLARE(fp64)
GPUSCOUT_DECLARE(nvenc)
GPUSCOUT_DECLARE(serving_engines)
GPUSCOUT_DECLARE(serving_published)
GPUSCOUT_DECLARE(mlperf)
GPUSCOUT_DECLARE(stock_benchmarks)
GPUSCOUT_DECLARE(vendor_families)
GPUSCOUT_DECLARE(region_names)
#undef GPUSCOUT_DECLARE

namespace gpuscout::embedded {
namespace {
std::string_view View(const char* b, const char* e) {
  return {b, static_cast<size_t>(e - b)};
}
}  // namespace

std::string_view Offers() { return View(gpuscout_offers_begin, gpuscout_offers_end); }
std::string_view FileStatsCsv() { return View(gpuscout_file_stats_begin, gpuscout_file_stats_end); }
std::string_view Gpus() { return View(gpuscout_gpus_begin, gpuscout_gpus_end); }
std::string_view Exclusions() { return View(gpuscout_exclusions_begin, gpuscout_exclusions_end); }
std::string_view GcpHosts() { return View(gpuscout_gcp_hosts_begin, gpuscout_gcp_hosts_end); }
std::string_view AlibabaSpecs() {
  return View(gpuscout_alibaba_specs_begin, gpuscout_alibaba_specs_end);
}
std::string_view Manifest() { return View(gpuscout_manifest_begin, gpuscout_manifest_end); }
std::string_view CudaCompat() { return View(gpuscout_cuda_compat_begin, gpuscout_cuda_compat_end); }
std::string_view Models() { return View(gpuscout_models_begin, gpuscout_models_end); }
std::string_view Benchmarks() { return View(gpuscout_benchmarks_begin, gpuscout_benchmarks_end); }
std::string_view MfuPublished() { return View(gpuscout_mfu_begin, gpuscout_mfu_end); }

std::string_view NetworkFacts() { return View(gpuscout_network_facts_begin, gpuscout_network_facts_end); }
std::string_view InstanceGpus() { return View(gpuscout_instance_gpus_begin, gpuscout_instance_gpus_end); }
std::string_view Fp64() { return View(gpuscout_fp64_begin, gpuscout_fp64_end); }
std::string_view Nvenc() { return View(gpuscout_nvenc_begin, gpuscout_nvenc_end); }

std::string_view ServingEngines() { return View(gpuscout_serving_engines_begin, gpuscout_serving_engines_end); }
std::string_view ServingPublished() {
  return View(gpuscout_serving_published_begin, gpuscout_serving_published_end);
}
std::string_view MlperfInference() { return View(gpuscout_mlperf_begin, gpuscout_mlperf_end); }
std::string_view StockBenchmarks() { return View(gpuscout_stock_benchmarks_begin, gpuscout_stock_benchmarks_end); }
std::string_view VendorFamilies() { return View(gpuscout_vendor_families_begin, gpuscout_vendor_families_end); }
std::string_view RegionNames() { return View(gpuscout_region_names_begin, gpuscout_region_names_end); }

}  // namespace gpuscout::embedded
