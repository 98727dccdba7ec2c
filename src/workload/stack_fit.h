// One training software stack's calibration: the published rows it was fitted
// on, the transformer utilisation model, the CNN model, and (where the stack
// has the measurements: stock) the encoder fine-tuning roofline.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workload/calibration.h"
#include "workload/roofline_model.h"
#include "workload/workload.h"

namespace gpuscout {

struct StackFit {
  Stack stack = Stack::kStock;
  std::string source;  // the files, for the assumptions
  std::vector<BenchmarkRow> rows;
  UtilizationModel transformers;  // fitted for the tuned stack only
  RooflineModel cnn;
  std::optional<RooflineModel> finetune;

  // The roofline that models `cls` on this stack, or none (the utilisation
  // model does).
  const RooflineModel* RooflineFor(WorkClass cls) const {
    if (IsBandwidthBound(cls)) return &cnn;
    if (cls == WorkClass::kEncoderFinetune && finetune) return &*finetune;
    return nullptr;
  }
};

}  // namespace gpuscout
