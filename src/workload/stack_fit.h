// One training software stack's calibration: the published rows it was fitted
// on, the transformer utilisation model and the CNN model.
#pragma once

#include <string>
#include <vector>

#include "workload/calibration.h"
#include "workload/cnn_model.h"
#include "workload/workload.h"

namespace gpuscout {

struct StackFit {
  Stack stack = Stack::kStock;
  std::string source;  // the files, for the assumptions
  std::vector<BenchmarkRow> rows;
  UtilizationModel transformers;
  CnnModel cnn;
};

}  // namespace gpuscout
