#include "facts/purchase_table.h"

#include <set>
#include <stdexcept>

#include "base/csv.h"
#include "base/strings.h"

extern "C" const char gpuscout_purchases_begin[];
extern "C" const char gpuscout_purchases_end[];

namespace gpuscout {

Result<PurchaseTable> PurchaseTable::Parse(std::string_view csv, const std::string& file) {
  GS_TRY(table, ParseCsv(csv, file));
  if (!table.errors.empty()) return tl::unexpected(table.errors.front());
  GS_TRY(cols, table.Require({"vendor", "purchase", "name", "discount", "source"}));
  static const std::set<std::string> kKinds = {"reserved-1y", "reserved-3y", "savings-1y", "savings-3y"};
  PurchaseTable out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    PurchaseTerm t;
    t.vendor = Trim(row.Text(cols[0]));
    t.purchase = Trim(row.Text(cols[1]));
    t.name = Trim(row.Text(cols[2]));
    t.source = Trim(row.Text(cols[4]));
    if (auto n = table.Find("notes")) t.notes = Trim(row.Text(*n));
    if (t.vendor.empty()) return tl::unexpected(row.ErrorAt(cols[0], "vendor", "missing"));
    if (!kKinds.count(t.purchase)) {
      return tl::unexpected(row.ErrorAt(cols[1], "purchase", "expected reserved-1y, reserved-3y, savings-1y or savings-3y"));
    }
    if (t.name.empty()) return tl::unexpected(row.ErrorAt(cols[2], "name", "missing: the vendor's name for it"));
    if (t.source.empty()) return tl::unexpected(row.ErrorAt(cols[4], "source", "missing: where the figure comes from"));
    GS_TRY(d, row.Number(cols[3], "discount"));
    if (!(d > 0 && d < 1)) return tl::unexpected(row.ErrorAt(cols[3], "discount", "expected a share between 0 and 1"));
    t.discount = d;
    if (!seen.emplace(t.vendor, t.purchase).second) {
      return tl::unexpected(row.ErrorAt(cols[1], "purchase", t.vendor + " " + t.purchase + " given twice"));
    }
    out.terms_.push_back(std::move(t));
  }
  return out;
}

const PurchaseTerm* PurchaseTable::Find(std::string_view vendor, std::string_view purchase) const {
  for (const auto& t : terms_) {
    if (t.vendor == vendor && t.purchase == purchase) return &t;
  }
  return nullptr;
}

const PurchaseTable& EmbeddedPurchases() {
  static const PurchaseTable table = [] {
    const std::string_view text(gpuscout_purchases_begin,
                                static_cast<size_t>(gpuscout_purchases_end - gpuscout_purchases_begin));
    auto t = PurchaseTable::Parse(text, "data/purchase_options.csv");
    if (!t) throw std::logic_error("the compiled-in " + t.error().Format());
    return *t;
  }();
  return table;
}

}  // namespace gpuscout
