// Embeds data/facts.csv, data/purchase_options.csv, data/job_prices.csv and data/billing.csv. GPUSCOUT_DATA_DIR is passed by CMake.
#include "base/incbin.h"
GPUSCOUT_EMBED(facts, GPUSCOUT_DATA_DIR, facts.csv)
GPUSCOUT_EMBED(purchases, GPUSCOUT_DATA_DIR, purchase_options.csv)
GPUSCOUT_EMBED(job_prices, GPUSCOUT_DATA_DIR, job_prices.csv)
GPUSCOUT_EMBED(billing, GPUSCOUT_DATA_DIR, billing.csv)
