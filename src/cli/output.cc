#include "cli/output.h"

#include "base/strings.h"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "base/csv.h"
#include "catalog/region_names.h"

namespace gpuscout::cli {

size_t DisplayWidth(const std::string& s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 1;
    unsigned cp = c;
    if (c >= 0xF0) {
      len = 4;
      cp = c & 0x07u;
    } else if (c >= 0xE0) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xC0) {
      len = 2;
      cp = c & 0x1Fu;
    }
    for (size_t k = 1; k < len && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    }
    width += (cp >= 0x1100 && (cp <= 0x115F || cp >= 0x2E80)) && cp < 0x1F000 ? 2 : 1;
    i += len;
  }
  return width;
}

void PrintPriceAges(std::ostream& out, const std::vector<PriceAge>& ages, int max_days, Lang lang) {
  std::vector<std::string> stale;
  for (const PriceAge& a : ages) {
    const std::string source = std::string(Tr(lang, "origin:" + a.kind)) + ": " + a.source;
    const Message line = a.age_days ? Message("price.age").With("vendor", a.vendor).With("date", a.as_of)
                                          .With("days", *a.age_days).With("source", source)
                                    : Message("price.age_unknown").With("vendor", a.vendor).With("source", source);
    out << Render(line, lang) << "\n";
    if (a.stale) stale.push_back(a.vendor);
  }
  if (stale.empty()) return;
  out << Render(Message("price.stale").With("max", max_days).With("vendors", Join(stale, ", ")), lang) << "\n";
}

std::string Fixed(double v, int digits) {
  std::string s = fmt::format("{:.{}f}", v, digits);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

void TextTable::PrintText(std::ostream& out) const {
  std::vector<size_t> width(headers.size(), 0);
  for (size_t c = 0; c < headers.size(); ++c) width[c] = DisplayWidth(headers[c]);
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size() && c < width.size(); ++c) {
      width[c] = std::max(width[c], DisplayWidth(r[c]));
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t c = 0; c < cells.size(); ++c) {
      const size_t pad = width[c] - DisplayWidth(cells[c]);
      const bool right = c < right_align.size() && right_align[c];
      if (c) s += "  ";
      if (right) s.append(pad, ' ');
      s += cells[c];
      if (!right && c + 1 < cells.size()) s.append(pad, ' ');
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << '\n';
  };
  line(headers);
  for (const auto& r : rows) line(r);
}

void TextTable::PrintCsv(std::ostream& out) const {
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c) out << ',';
      out << CsvEscape(cells[c] == "-" ? "" : cells[c]);
    }
    out << '\n';
  };
  line(keys.empty() ? headers : keys);
  for (const auto& r : rows) line(r);
}

std::string ProgressLine(double fraction, std::string_view label) {
  const size_t filled = static_cast<size_t>(std::clamp(fraction, 0.0, 1.0) * 20);
  return "\r[" + std::string(filled, '#') + std::string(20 - filled, '.') + "] " +
         fmt::format("{:<40}", label.substr(0, 40));
}

std::string ClearProgressLine() { return "\r" + std::string(64, ' ') + "\r"; }

std::string RegionCell(const std::string& vendor, const std::string& region, Lang lang) {
  if (lang != Lang::kZh) return region;
  const std::string& zh = RegionNameZh(vendor, region);
  return zh.empty() ? region : zh + " " + region;
}

}  // namespace gpuscout::cli
