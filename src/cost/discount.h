// Negotiated discounts (issue #20): a share off a vendor's list prices, from
// `--discount VENDOR[:OPTION]=PCT[,...]` or the user's discounts.yaml.
// `aws=12` covers the list-price options (on demand, reserved, savings
// plans, monthly); spot is a market price and is covered only when named
// (`aws:spot=5`). A named option's entry wins over the vendor's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "cost/purchase.h"

namespace gpuscout {

struct Discount {
  std::string vendor;
  std::optional<Purchase> only;  // none: every list-price option
  double pct = 0;                // 0 to 100
};

// "aws=12,gcp:on-demand=8"; errors name the option `discount`.
Result<std::vector<Discount>> ParseDiscounts(std::string_view spec);
// discounts.yaml: `discounts: {aws: 12, "gcp:on-demand": 8}`; errors name
// the file, line and key.
Result<std::vector<Discount>> ReadDiscountFile(const std::string& text, const std::string& file);
// `over` entries replace `base` ones for the same vendor and option.
std::vector<Discount> MergeDiscounts(std::vector<Discount> base, const std::vector<Discount>& over);

// The share (0 to 1) off `purchase` on `vendor`'s prices; 0 when none applies.
double DiscountShare(const std::vector<Discount>& discounts, std::string_view vendor, Purchase purchase);

}  // namespace gpuscout
