// Spot capacity: what interruptions cost a job.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "catalog/offer.h"

namespace gpuscout {

struct SpotParams {
  double interruptions_per_day = 0;  // 0: the vendor's default (DefaultInterruptionsPerDay)
  double checkpoint_minutes = 0;     // 0: the optimum (Daly); < 0: no checkpointing
  double checkpoint_cost_s = 60;     // writing one checkpoint
  double restart_cost_s = 600;       // boot, setup and reloading the last checkpoint
  // false (a job): the instances run in lockstep, so an interruption of any
  // of n instances stops all of them: the job's rate is n times a node's.
  // true (a service, streams): each instance is interrupted on its own.
  bool independent_instances = false;
  // A service's spare instances (independent_instances): priced beside the
  // n that serve, so an interruption hands over to a spare instead of
  // dropping requests; no work is lost and no checkpoint is kept.
  int spare_instances = 0;
};

// Default interruption rate per day and node. AWS's Spot Instance Advisor
// reports the frequency of interruption in monthly bands (<5%, 5-10%,
// 10-15%, 15-20%, >20%); GPU instance types sit mostly in the top band,
// which is open above 20%, so the default (data/facts.csv) takes 25% of
// nodes a month, inside the band rather than at its floor:
// -ln(1 - 0.25) / 30 = 0.0096 per day (an MTBF of 104 days). GCP and
// Azure publish no rates (only notices: 30 s; AWS gives 2 min): the same
// default, marked as an assumption.
double DefaultInterruptionsPerDay(const std::string& vendor);
// The share of nodes interrupted in a month that a Spot Instance Advisor
// band stands for: the middle of "a-b%", half of "<b%", and for the open top
// band (">20%") the same 25% as the default; nullopt for any other text.
std::optional<double> BandShare(std::string_view band);
// A node's interruptions per day on `offer`: its advisor band's when the
// refresh fetched one (-ln(1 - share) / 30), else the vendor's default.
double InterruptionsPerDay(const Offer& offer);

// Notice before an interruption, seconds: AWS 120, GCP and Azure 30.
double NoticeSeconds(const std::string& vendor);

struct SpotRun {
  double mtbf_h = 0;          // mean time between interruptions
  double checkpoint_h = 0;    // interval used (0: none)
  double expected_wall_h = 0; // wall-clock hours to finish `work_h` of work
  bool checkpointing = true;
};

// Young's interval sqrt(2*C*M) (Young 1974), refined by Daly's higher-order
// form (Daly 2006, "A higher order estimate of the optimum checkpoint
// interval for restart dumps"), and Daly's expected wall time
//   T = M e^(R/M) (e^((tau + C)/M) - 1) * W / tau.
// Without checkpointing every interruption restarts the job:
//   T = (M + R)(e^(W/M) - 1).
SpotRun ExpectedSpotRun(double work_h, const SpotParams& p, double interruptions_per_day);

double YoungInterval(double checkpoint_h, double mtbf_h);
double DalyInterval(double checkpoint_h, double mtbf_h);

}  // namespace gpuscout
