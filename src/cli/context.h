// What every command shares: the global options, the output streams and the
// catalog, loaded once on first use.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "base/error.h"
#include "base/i18n.h"
#include "base/money.h"
#include "catalog/catalog.h"
#include "compat/cuda_compat.h"
#include "workload/estimate.h"

namespace gpuscout::cli {

enum class OutputFormat { kTable, kJson, kCsv };

struct GlobalOptions {
  std::string format = "table";
  std::string catalog_dir;
  std::string currency;  // empty: each price in its own currency
  std::optional<double> cny_per_usd;
  std::string lang = "en";
  int max_price_age_days = kDefaultMaxPriceAgeDays;  // older prices get a warning
};

// The estimator over `catalog`, from the embedded model and benchmark tables.
Result<Estimator> MakeEstimator(const Catalog& catalog);

struct Context {
  GlobalOptions options;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;

  // Checked views of the options; errors name the option.
  Result<OutputFormat> Format() const;
  Result<std::optional<Currency>> OutputCurrency() const;
  Result<ExchangeRate> Rate() const;
  // --currency and --cny-per-usd together, for the commands that price.
  struct MoneyOptions {
    std::optional<Currency> currency;  // nullopt: each price in its own currency
    ExchangeRate rate;
  };
  Result<MoneyOptions> Money() const;
  Lang language() const;

  Result<const Catalog*> GetCatalog();
  // The prologue of every command that prints prices: the output format and
  // the money options checked first (cheap), then the catalog loaded.
  struct Pricing {
    OutputFormat format;
    const Catalog* catalog = nullptr;
    std::optional<Currency> currency;
    ExchangeRate rate;
  };
  Result<Pricing> GetPricing();
  // The estimator over the catalog, its utilisation model fitted once.
  Result<const Estimator*> GetEstimator();
  // The CUDA compatibility table (data/cuda_compat.csv), read once.
  Result<const std::vector<CudaRelease>*> GetCompat();

 private:
  std::optional<Catalog> catalog_;
  std::optional<Estimator> estimator_;
  std::optional<std::vector<CudaRelease>> compat_;
};

// Each command registers itself and the code to run; the code returns the
// exit code or an Error (printed by app.cc).
using CommandResult = Result<int>;

}  // namespace gpuscout::cli
