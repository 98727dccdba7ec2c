// Embeds the catalog snapshot. GPUSCOUT_DATA_DIR is passed by CMake.
#include "base/incbin.h"
#define EMBED(sym, file) GPUSCOUT_EMBED(sym, GPUSCOUT_DATA_DIR, file)

EMBED(offers, offers.csv)
EMBED(file_stats, snapshot_files.csv)
EMBED(gpus, gpus.csv)
EMBED(exclusions, accelerators_excluded.csv)
EMBED(gcp_hosts, gcp_hosts.csv)
EMBED(alibaba_specs, sources/alibaba/ecs_gpu_specs_sparecores.csv)
EMBED(manifest, sources/manifest.csv)
EMBED(cuda_compat, cuda_compat.csv)
EMBED(models, models.csv)
EMBED(benchmarks, benchmarks-calibration.csv)
EMBED(mfu, mfu_published.csv)
EMBED(network_facts, network_facts.csv)
EMBED(instance_gpus, instance_gpus.csv)
EMBED(fp64, fp64.csv)
EMBED(nvenc, nvenc.csv)
EMBED(serving_engines, serving_engines.csv)
EMBED(serving_published, serving_published.csv)
EMBED(mlperf, mlperf_inference.csv)
EMBED(stock_benchmarks, benchmarks-stock.csv)
EMBED(vendor_families, vendor_families.csv)
EMBED(region_names, region_names.csv)

.section .note.GNU-stack, "", @progbits
