#include "cost/spot.h"

#include "facts/facts.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace gpuscout {

double DefaultInterruptionsPerDay(const std::string&) {
  return -std::log(1 - EmbeddedFacts().spot_interrupted_per_month) / 30.0;
}

namespace {

// A whole percentage at the front of `text` ("20" of "20%"); nullopt otherwise.
std::optional<double> Percent(std::string_view& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  text.remove_prefix(static_cast<size_t>(end - text.data()));
  return v;
}

}  // namespace

std::optional<double> BandShare(std::string_view band) {
  if (band.starts_with("<")) {
    band.remove_prefix(1);
    auto top = Percent(band);
    return top && band == "%" && *top > 0 && *top <= 100 ? std::optional(*top / 200) : std::nullopt;
  }
  if (band.starts_with(">")) {
    band.remove_prefix(1);
    auto floor = Percent(band);
    if (!floor || band != "%" || *floor >= 100) return std::nullopt;
    return std::max(*floor / 100, EmbeddedFacts().spot_interrupted_per_month);
  }
  auto low = Percent(band);
  if (!low || !band.starts_with("-")) return std::nullopt;
  band.remove_prefix(1);
  auto high = Percent(band);
  if (!high || band != "%" || *high <= *low || *high > 100) return std::nullopt;
  return (*low + *high) / 200;
}

double InterruptionsPerDay(const Offer& offer) {
  const auto share = BandShare(offer.spot_interruption);
  return share ? -std::log(1 - *share) / 30.0 : DefaultInterruptionsPerDay(offer.vendor);
}

double NoticeSeconds(const std::string& vendor) {
  return vendor == "aws" ? EmbeddedFacts().spot_notice_s_aws : EmbeddedFacts().spot_notice_s_other;
}

double YoungInterval(double c, double m) { return std::sqrt(2 * c * m); }

double DalyInterval(double c, double m) {
  if (c >= 2 * m) return m;
  return std::sqrt(2 * c * m) * (1 + std::sqrt(c / (2 * m)) / 3 + c / (18 * m)) - c;
}

SpotRun ExpectedSpotRun(double work_h, const SpotParams& p, double per_day) {
  SpotRun r;
  r.mtbf_h = 24.0 / per_day;
  const double m = r.mtbf_h;
  const double restart = p.restart_cost_s / 3600;
  if (work_h <= 0) return r;
  if (p.checkpoint_minutes < 0) {
    r.checkpointing = false;
    r.expected_wall_h = (m + restart) * std::expm1(work_h / m);
    return r;
  }
  const double c = p.checkpoint_cost_s / 3600;
  double tau = p.checkpoint_minutes > 0 ? p.checkpoint_minutes / 60 : DalyInterval(c, m);
  tau = std::min(tau, work_h);  // never more than one segment's worth
  r.checkpoint_h = tau;
  r.expected_wall_h = m * std::exp(restart / m) * std::expm1((tau + c) / m) * work_h / tau;
  return r;
}

}  // namespace gpuscout
