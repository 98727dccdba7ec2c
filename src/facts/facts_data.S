// Embeds data/facts.csv. GPUSCOUT_DATA_DIR is passed by CMake.
#include "base/incbin.h"
GPUSCOUT_EMBED(facts, GPUSCOUT_DATA_DIR, facts.csv)
