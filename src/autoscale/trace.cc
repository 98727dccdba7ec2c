#include "autoscale/trace.h"

#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/csv.h"
#include "base/strings.h"

namespace gpuscout {

double Trace::Peak() const {
  double p = 0;
  for (const auto& x : points) p = std::max(p, x.value);
  return p;
}

double Trace::Median() const {
  if (points.empty()) return 0;
  std::vector<double> v;
  v.reserve(points.size());
  for (const auto& x : points) v.push_back(x.value);
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

namespace {

// Digits at [at, at + n) of a string already checked for its shape.
int Digits(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// YYYY-MM-DDTHH:MM[:SS] then Z or +HH:MM / -HH:MM, read by hand and checked
// field by field: date::parse read seconds that were not there (an
// uninitialised value, then a NaN converted to an integer: undefined
// behaviour found by fuzzing).
std::optional<TracePoint> ReadIso(std::string_view s) {
  auto shaped = [](std::string_view text, std::string_view form) {  // form: 9 for a digit, else the character
    if (text.size() != form.size()) return false;
    for (size_t i = 0; i < form.size(); ++i) {
      if (form[i] == '9' ? !std::isdigit(static_cast<unsigned char>(text[i])) : text[i] != form[i]) return false;
    }
    return true;
  };
  const size_t clock = s.size() > 19 && s[16] == ':' ? 19 : 16;
  if (s.size() < clock + 1 || !shaped(s.substr(0, clock), clock == 19 ? "9999-99-99T99:99:99" : "9999-99-99T99:99")) {
    return std::nullopt;
  }
  const std::string_view zone = s.substr(clock);
  if (zone != "Z" && !shaped(zone, "+99:99") && !shaped(zone, "-99:99")) return std::nullopt;
  const date::year_month_day day{date::year{Digits(s, 0, 4)}, date::month{static_cast<unsigned>(Digits(s, 5, 2))},
                                 date::day{static_cast<unsigned>(Digits(s, 8, 2))}};
  const int h = Digits(s, 11, 2), m = Digits(s, 14, 2), sec = clock == 19 ? Digits(s, 17, 2) : 0;
  const int oh = zone == "Z" ? 0 : Digits(zone, 1, 2), om = zone == "Z" ? 0 : Digits(zone, 4, 2);
  if (!day.ok() || h > 23 || m > 59 || sec > 59 || oh > 23 || om > 59) return std::nullopt;
  const int offset = (zone[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
  TracePoint p;
  p.t = static_cast<int64_t>(date::sys_days(day).time_since_epoch().count()) * 86400 + h * 3600 + m * 60 + sec - offset;
  p.utc_offset_s = offset;
  return p;
}

}  // namespace

Result<TracePoint> ParseTimestamp(std::string_view raw) {
  const std::string text = Trim(raw);
  if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) {
    auto v = ParseDouble(text);
    // Checked before the conversion: a double beyond int64's range is undefined behaviour.
    if (!v || *v > static_cast<double>(kLatestTimestamp)) {
      return Fail(ExitCode::kBadInput, "not a timestamp: '" + text + "' (epoch seconds up to 9999-12-31)");
    }
    TracePoint p;
    p.t = static_cast<int64_t>(*v);
    return p;
  }
  std::string s = text;
  if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
  auto p = ReadIso(s);
  if (!p) {
    return Fail(ExitCode::kBadInput,
                "not a timestamp: '" + text + "' (ISO-8601 with an offset, 2026-01-05T20:00:00+08:00, or epoch seconds)");
  }
  if (p->t < 0 || p->t > kLatestTimestamp) return Fail(ExitCode::kBadInput, "not a timestamp: '" + text + "' (1970 to 9999)");
  return *p;
}

Result<Trace> ParseTrace(std::string_view text, const std::string& file) {
  GS_TRY(t, ParseCsv(text, file));
  if (!t.errors.empty()) return tl::unexpected(t.errors.front());
  Trace trace;
  trace.file = file;
  auto ts = t.Find("timestamp");
  auto rps = t.Find("rps");
  auto util = t.Find("utilization");
  if (!ts || (!rps && !util)) return FailAt(file, 1, 1, "", "a trace needs the columns timestamp and rps (or utilization)");
  trace.utilization = !rps;
  const size_t vc = rps ? *rps : *util;
  const char* vname = rps ? "rps" : "utilization";
  int previous_line = 0;
  for (const auto& rec : t.rows) {
    CsvRow row(t, rec);
    auto p = ParseTimestamp(rec.fields[*ts].value);
    if (!p) return tl::unexpected(row.ErrorAt(*ts, "timestamp", p.error().message));
    GS_TRY(v, row.Number(vc, vname));
    if (v < 0) return tl::unexpected(row.ErrorAt(vc, vname, "negative"));
    if (trace.utilization && v > 1) return tl::unexpected(row.ErrorAt(vc, vname, "utilisation above 1"));
    if (!trace.points.empty() && p->t <= trace.points.back().t) {
      return tl::unexpected(row.ErrorAt(*ts, "timestamp",
                                        std::string(p->t == trace.points.back().t ? "duplicate of" : "earlier than") +
                                            " the timestamp on line " + std::to_string(previous_line) +
                                            ": a trace must be sorted"));
    }
    p->value = v;
    trace.points.push_back(*p);
    previous_line = rec.line;
  }
  if (trace.points.size() < 2) return FailAt(file, 1, 1, "", "a trace needs at least two samples");
  return trace;
}

}  // namespace gpuscout
