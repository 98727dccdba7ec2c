// Embeds data/facts.csv and data/purchase_options.csv. GPUSCOUT_DATA_DIR is passed by CMake.
#include "base/incbin.h"
GPUSCOUT_EMBED(facts, GPUSCOUT_DATA_DIR, facts.csv)
GPUSCOUT_EMBED(purchases, GPUSCOUT_DATA_DIR, purchase_options.csv)
