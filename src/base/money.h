// Currencies and the one conversion rate between them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/message.h"

namespace gpuscout {

enum class Currency { kUSD, kCNY };

std::string_view CurrencyCode(Currency c);
std::optional<Currency> ParseCurrency(std::string_view code);  // "USD", "cny", "CNY (assumed)"

// The default rate, stated wherever currencies are mixed: a round figure for
// the CNY/USD market rate of 2024-2025. It is an assumption, not a quote:
// pass --cny-per-usd with today's rate.
inline constexpr double kDefaultCnyPerUsd = 7.20;

struct ExchangeRate {
  double cny_per_usd = kDefaultCnyPerUsd;
  bool user_given = false;

  double Convert(double amount, Currency from, Currency to) const;
  // "1 USD = 7.20 CNY (default; set --cny-per-usd)"
  Message Describe() const;  // "1 USD = 7.2 CNY (default; ...)"
};

}  // namespace gpuscout
