// Data files compiled into the binary (see embedded.S), so an installed
// gpuscout answers with no other file.
#pragma once

#include <string_view>

namespace gpuscout::embedded {

std::string_view Offers();            // data/offers.csv
std::string_view FileStatsCsv();      // data/snapshot_files.csv
std::string_view Gpus();              // data/gpus.csv
std::string_view Exclusions();        // data/accelerators_excluded.csv
std::string_view GcpHosts();          // data/gcp_hosts.csv
std::string_view AlibabaSpecs();      // data/sources/alibaba/ecs_gpu_specs_sparecores.csv
std::string_view Manifest();          // data/sources/manifest.csv
std::string_view CudaCompat();        // data/cuda_compat.csv
std::string_view Models();            // data/models.csv
std::string_view Benchmarks();        // data/benchmarks-calibration.csv
std::string_view MfuPublished();      // data/mfu_published.csv
std::string_view NetworkFacts();      // data/network_facts.csv
std::string_view InstanceGpus();      // data/instance_gpus.csv
std::string_view Fp64();              // data/fp64.csv
std::string_view Nvenc();             // data/nvenc.csv
std::string_view ServingEngines();    // data/serving_engines.csv
std::string_view ServingPublished();  // data/serving_published.csv
std::string_view MlperfInference();   // data/mlperf_inference.csv
std::string_view StockBenchmarks();   // data/benchmarks-stock.csv
std::string_view VendorFamilies();    // data/vendor_families.csv
std::string_view RegionNames();       // data/region_names.csv

}  // namespace gpuscout::embedded
