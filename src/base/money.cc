#include "base/money.h"

#include <fmt/format.h>

#include "base/strings.h"

namespace gpuscout {

std::string_view CurrencyCode(Currency c) { return c == Currency::kUSD ? "USD" : "CNY"; }

std::optional<Currency> ParseCurrency(std::string_view code) {
  const std::string key = CompactKey(code);
  if (StartsWith(key, "usd")) return Currency::kUSD;
  if (StartsWith(key, "cny") || StartsWith(key, "rmb")) return Currency::kCNY;
  return std::nullopt;
}

double ExchangeRate::Convert(double amount, Currency from, Currency to) const {
  if (from == to) return amount;
  return from == Currency::kUSD ? amount * cny_per_usd : amount / cny_per_usd;
}

Message ExchangeRate::Describe() const {
  return Message("money.rate").With("rate", cny_per_usd)
      .With("basis", Word(user_given ? "money.rate_given" : "money.rate_default"));
}

}  // namespace gpuscout
