#include "cost/discount.h"

#include <cstdlib>

#include "base/strings.h"
#include "base/yaml_reader.h"

namespace gpuscout {

namespace {

// "aws" or "gcp:on-demand" into the vendor and the option.
Result<Discount> ReadKey(std::string_view key) {
  Discount d;
  const size_t colon = key.find(':');
  d.vendor = Trim(std::string(key.substr(0, colon)));
  if (d.vendor.empty()) return tl::unexpected(OptionError("discount", "expected VENDOR=PCT or VENDOR:OPTION=PCT, e.g. aws=12"));
  if (colon != std::string_view::npos) {
    const std::string option = Trim(std::string(key.substr(colon + 1)));
    d.only = ParsePurchase(option);
    if (!d.only) {
      return tl::unexpected(OptionError("discount", "unknown purchase option '" + option +
                                                        "' (on-demand, spot, reserved-1y, reserved-3y, savings-1y, savings-3y, monthly)"));
    }
  }
  return d;
}

Result<double> ReadPct(std::string_view text) {
  const std::string s = Trim(std::string(text));
  char* end = nullptr;
  const double pct = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !(pct >= 0 && pct < 100)) {
    return tl::unexpected(OptionError("discount", "expected a percentage from 0 to below 100, got '" + s + "'"));
  }
  return pct;
}

}  // namespace

Result<std::vector<Discount>> ParseDiscounts(std::string_view spec) {
  std::vector<Discount> out;
  for (const auto& item : Split(std::string(spec), ',')) {
    if (Trim(item).empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string::npos) return tl::unexpected(OptionError("discount", "expected VENDOR=PCT, got '" + item + "'"));
    GS_TRY(d, ReadKey(std::string_view(item).substr(0, eq)));
    GS_TRY(pct, ReadPct(std::string_view(item).substr(eq + 1)));
    d.pct = pct;
    out = MergeDiscounts(std::move(out), {d});
  }
  return out;
}

Result<std::vector<Discount>> ReadDiscountFile(const std::string& text, const std::string& file) {
  YamlReader yaml(file);
  GS_TRY(root, yaml.Load(text));
  if (!root.IsMap()) return yaml.At(root, "discounts", "expected a map with the key discounts");
  GS_CHECK(yaml.Keys(root, "", {"discounts"}));
  const YAML::Node list = root["discounts"];
  if (!list.IsMap()) return yaml.At(list, "discounts", "expected VENDOR: PCT entries (aws: 12, \"gcp:on-demand\": 8)");
  std::vector<Discount> out;
  try {
    for (const auto& entry : list) {
      const std::string key = entry.first.as<std::string>();
      auto d = ReadKey(key);
      if (!d) return yaml.At(entry.first, "discounts." + key, d.error().message);
      GS_TRY(pct, yaml.Number(entry.second, "discounts." + key, 0, 99.999));
      d->pct = pct;
      out = MergeDiscounts(std::move(out), {*d});
    }
  } catch (const YAML::Exception& e) {
    return yaml.Thrown(e);
  }
  return out;
}

std::vector<Discount> MergeDiscounts(std::vector<Discount> base, const std::vector<Discount>& over) {
  for (const auto& d : over) {
    bool replaced = false;
    for (auto& b : base) {
      if (b.vendor == d.vendor && b.only == d.only) b = d, replaced = true;
    }
    if (!replaced) base.push_back(d);
  }
  return base;
}

double DiscountShare(const std::vector<Discount>& discounts, std::string_view vendor, Purchase purchase) {
  const Discount* general = nullptr;
  for (const auto& d : discounts) {
    if (d.vendor != vendor) continue;
    if (d.only == purchase) return d.pct / 100;
    if (!d.only) general = &d;
  }
  return general && purchase != Purchase::kSpot ? general->pct / 100 : 0;
}

}  // namespace gpuscout
