#include "catalog/freshness.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

namespace gpuscout {

using std::chrono::sys_days;

sys_days Today() { return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()); }

std::optional<sys_days> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](size_t at, size_t n, auto& out) {
    return std::from_chars(s.data() + at, s.data() + at + n, out).ptr == s.data() + at + n;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::string FormatDate(sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

namespace {

// Whether origin `a` is older than `b`: no date counts as oldest.
bool Older(const PriceOrigin& a, const PriceOrigin& b) {
  if (a.as_of.empty() != b.as_of.empty()) return a.as_of.empty();
  return a.as_of < b.as_of;  // ISO dates order as text
}

}  // namespace

std::optional<int> AgeDays(const PriceOrigin& origin, sys_days today) {
  const auto day = ParseDate(origin.as_of);
  return day ? std::optional<int>(static_cast<int>((today - *day).count())) : std::nullopt;
}

std::vector<VendorOrigin> OriginsByVendor(const std::vector<Offer>& offers, const std::vector<PriceOrigin>& origins) {
  // Two sheets from the same upstream file and commit count as one origin.
  std::map<std::tuple<std::string, std::string, std::string, std::string>, VendorOrigin> merged;
  for (const Offer& o : offers) {
    if (o.price_origin >= origins.size()) continue;
    const PriceOrigin& p = origins[o.price_origin];
    VendorOrigin& v = merged[{o.vendor, p.as_of, p.kind, p.source}];
    v.vendor = o.vendor;
    v.origin = &p;
    ++v.offers;
  }
  std::vector<VendorOrigin> out;
  for (auto& [key, v] : merged) out.push_back(std::move(v));
  std::stable_sort(out.begin(), out.end(), [](const VendorOrigin& a, const VendorOrigin& b) {
    return a.vendor != b.vendor ? a.vendor < b.vendor : Older(*a.origin, *b.origin);
  });
  return out;
}

std::vector<PriceAge> PriceAges(const std::vector<const Offer*>& offers, const std::vector<PriceOrigin>& origins,
                                sys_days today, int max_age_days) {
  std::vector<PriceAge> out;
  std::vector<const PriceOrigin*> oldest;
  for (const Offer* o : offers) {
    if (o->price_origin >= origins.size()) continue;
    const PriceOrigin& origin = origins[o->price_origin];
    auto it = std::find_if(out.begin(), out.end(), [&](const PriceAge& a) { return a.vendor == o->vendor; });
    if (it == out.end()) {
      out.push_back({o->vendor, {}, {}, {}, {}, false});
      oldest.push_back(&origin);
    } else {
      const auto at = static_cast<size_t>(it - out.begin());
      if (Older(origin, *oldest[at])) oldest[at] = &origin;
    }
  }
  for (size_t i = 0; i < out.size(); ++i) {
    const PriceOrigin& origin = *oldest[i];
    PriceAge& a = out[i];
    a.as_of = origin.as_of;
    a.kind = origin.kind;
    a.source = origin.source;
    a.age_days = AgeDays(origin, today);
    a.stale = !a.age_days || *a.age_days > max_age_days;
  }
  return out;
}

}  // namespace gpuscout
