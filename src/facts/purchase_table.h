// The commitments each vendor sells (data/purchase_options.csv, compiled
// in): which of reserved-1y/3y and savings-1y/3y, under the vendor's own
// name, and the discount off on demand assumed where no price is published.
// A vendor without rows sells none (Lambda, OCI, RunPod, Vast ...).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace gpuscout {

struct PurchaseTerm {
  std::string vendor;
  std::string purchase;  // reserved-1y, reserved-3y, savings-1y, savings-3y
  std::string name;      // the vendor's name for it
  double discount = 0;   // share off on demand
  std::string source;
  std::string notes;
};

class PurchaseTable {
 public:
  // Errors name the file, line and column; a vendor and purchase may appear once.
  static Result<PurchaseTable> Parse(std::string_view csv, const std::string& file);
  // nullptr when the vendor does not sell it.
  const PurchaseTerm* Find(std::string_view vendor, std::string_view purchase) const;
  const std::vector<PurchaseTerm>& terms() const { return terms_; }

 private:
  std::vector<PurchaseTerm> terms_;
};

// data/purchase_options.csv as compiled in. Thread-safe (parsed once).
const PurchaseTable& EmbeddedPurchases();

}  // namespace gpuscout
