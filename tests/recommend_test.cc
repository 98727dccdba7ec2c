// recommend and cost, against a plain re-implementation and the published
// formulas.
#include "optimizer/recommend.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <regex>
#include <set>

#include "catalog/embedded.h"
#include "catalog/suspect.h"
#include "codec/recommend_json.h"
#include "cost/cost_model.h"
#include "cost/spot.h"
#include "test_support.h"

namespace gpuscout {
namespace {

using testing::RealCatalog;

const Estimator& Real() { return testing::RealEstimator(); }

// The independent reference: a plain loop over every offer, no candidates,
// no grouping, no estimator: the cheapest on-demand total for bare needs
// (`gpus` per node, on exactly `nodes` nodes).
std::optional<double> PlainCheapest(double gpu_mem, int gpus, double hours, const std::set<std::string>& vendors,
                                    const std::string& region, int nodes, std::optional<double> budget) {
  const ExchangeRate rate;
  std::optional<double> best;
  const std::regex re(region.empty() ? ".*" : region, std::regex::icase);
  for (const Offer& o : RealCatalog().offers()) {
    if (!vendors.empty() && !vendors.count(o.vendor)) continue;
    if (!std::regex_search(o.region, re)) continue;
    if (!o.price_hour || o.gpu_count < 1 || !o.gpu_mem_gib || *o.gpu_mem_gib < gpu_mem) continue;
    if (o.gpu_count < gpus) continue;
    if (nodes > 1 && o.vendor == "vast") continue;  // a marketplace listing is one host (data/facts.csv)
    const double total = rate.Convert(*o.price_hour, o.currency, Currency::kUSD) * nodes * hours;
    if (budget && total > *budget) continue;
    if (!best || total < *best) best = total;
  }
  return best;
}

TEST(Recommend, AgreesWithAPlainLoopOnRandomCases) {
  std::mt19937 rng(4242);
  const std::vector<std::string> all_vendors = {"aws", "gcp", "azure", "lambda", "oci", "vast", "cudo", "alibaba", "tencent", "runpod", "fluidstack"};
  const double mems[] = {8, 16, 24, 40, 48, 80, 141};
  const int counts[] = {1, 2, 4, 8, 16};
  const char* regions[] = {"", "^us-", "europe|eu-", "cn-", "asia|ap-"};
  int with_answer = 0;
  for (int i = 0; i < 60; ++i) {
    RecommendRequest r;
    r.gpu_mem_gib = mems[rng() % std::size(mems)];
    r.gpus = counts[rng() % std::size(counts)];
    r.hours = 1 + static_cast<double>(rng() % 200);
    std::set<std::string> vendors;
    if (rng() % 2) {
      for (const auto& v : all_vendors) {
        if (rng() % 3 == 0) vendors.insert(v);
      }
    }
    r.vendors.assign(vendors.begin(), vendors.end());
    r.region_regex = regions[rng() % std::size(regions)];
    r.nodes = 1 + static_cast<int>(rng() % 3);
    if (rng() % 3 == 0) r.budget = 50.0 + static_cast<double>(rng() % 2000);
    r.purchases = {Purchase::kOnDemand};
    r.top = 1;
    SCOPED_TRACE(::testing::Message() << "case " << i << ": " << *r.gpu_mem_gib << " GB x " << *r.gpus << ", "
                                      << *r.hours << " h, region '" << r.region_regex << "', nodes " << *r.nodes);
    auto rec = Recommend(RealCatalog(), Real(), r);
    ASSERT_TRUE(rec.has_value()) << rec.error().Format();
    auto plain = PlainCheapest(*r.gpu_mem_gib, *r.gpus, *r.hours, vendors, r.region_regex, *r.nodes, r.budget);
    ASSERT_EQ(rec->candidates.empty(), !plain.has_value());
    if (plain) {
      ++with_answer;
      EXPECT_NEAR(rec->candidates.front().total_cost, *plain, 1e-6 * *plain);
    }
  }
  EXPECT_GE(with_answer, 30);  // most cases have an answer to compare
}

TEST(Recommend, CheapestEightBy80GbNodeOfLambdaAndAzure) {
  RecommendRequest r;
  r.gpu_mem_gib = 80;
  r.gpus = 8;
  r.hours = 10;
  r.purchases = {Purchase::kOnDemand};
  r.vendors = {"lambda", "azure"};
  auto rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec.has_value());
  ASSERT_FALSE(rec->candidates.empty());
  const Candidate& first = rec->candidates.front();
  double cheapest = 1e300;
  for (const Offer& o : RealCatalog().offers()) {
    if ((o.vendor == "lambda" || o.vendor == "azure") && o.gpu_count >= 8 && o.gpu_mem_gib && *o.gpu_mem_gib >= 80 && o.price_hour) {
      cheapest = std::min(cheapest, *o.price_hour);
    }
  }
  EXPECT_DOUBLE_EQ(first.price_hour, cheapest);
  EXPECT_DOUBLE_EQ(first.total_cost, cheapest * 10);
}

TEST(Recommend, LoraWorkloadGivesSeveralVendors) {
  RecommendRequest r;
  EstimateRequest w;
  w.task = "lora";
  w.model = "Llama-3.1-8B";
  w.tokens = 2e8;
  r.workload = w;
  r.deadline_hours = 24;
  auto rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec.has_value()) << rec.error().Format();
  std::set<std::string> vendors;
  for (const auto& c : rec->candidates) {
    vendors.insert(c.offer->vendor);
    EXPECT_LE(c.hours, 24);
    EXPECT_GT(c.total_cost, 0);
  }
  EXPECT_GE(vendors.size(), 3u);
  EXPECT_FALSE(rec->pareto.empty());
  for (size_t i = 1; i < rec->pareto.size(); ++i) {
    EXPECT_GE(rec->pareto[i].total_cost, rec->pareto[i - 1].total_cost);
    EXPECT_LT(rec->pareto[i].hours, rec->pareto[i - 1].hours);
  }
  EXPECT_FALSE(rec->assumptions.empty());
}

TEST(Recommend, MissingPricesAreNeverRecommended) {
  RecommendRequest r;
  r.gpu_mem_gib = 140;
  r.gpus = 8;
  r.hours = 5;
  r.vendors = {"aws"};
  r.top = 100;
  auto rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec.has_value());
  for (const auto& c : rec->candidates) {
    if (c.purchase == Purchase::kOnDemand) {
      ASSERT_TRUE(c.offer->price_hour.has_value());
    }
    if (c.purchase == Purchase::kSpot) {
      ASSERT_TRUE(c.offer->spot_price_hour.has_value());
    }
    EXPECT_GT(c.total_cost, 0);
  }
  EXPECT_GT(rec->rejected.at("no_price"), 0u);  // p5e.48xlarge has none
}

TEST(Recommend, DeadlineRelaxationSaysWhatItSaves) {
  RecommendRequest r;
  EstimateRequest w;
  w.task = "lora";
  w.model = "Llama-3.1-8B";
  w.tokens = 2e8;
  r.workload = w;
  r.deadline_hours = 1;
  r.spot = SpotPolicy::kNever;
  auto rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec.has_value());
  ASSERT_FALSE(rec->relaxations.empty());
  EXPECT_EQ(rec->relaxations.front().constraint, "deadline");
  const Relaxation& x = rec->relaxations.front();
  ASSERT_TRUE(x.instead_of.has_value());
  EXPECT_LT(x.candidate.total_cost, *x.instead_of);
  EXPECT_DOUBLE_EQ(x.value, x.candidate.hours);
  // The same data in either language, with no English left in the Chinese.
  const std::string en = RelaxationText(x, Currency::kUSD, Lang::kEn), zh = RelaxationText(x, Currency::kUSD, Lang::kZh);
  EXPECT_NE(en.find("deadline saves"), std::string::npos) << en;
  EXPECT_NE(zh.find("截止时间放宽到"), std::string::npos) << zh;
  EXPECT_FALSE(std::regex_search(zh, std::regex("deadline|saves|instead"))) << zh;
  // Impossible: nothing fits a budget of one cent.
  r.budget = 0.01;
  auto none = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->candidates.empty());
  EXPECT_FALSE(none->relaxations.empty());
}

// --tp used to fail whatever the offers ("1 GPUs do not divide into
// tensor-parallel groups of 2"): the workload was resolved on a one-GPU
// placeholder. Each candidate must agree with `estimate --offer` for it.
TEST(Recommend, TensorParallelismIsTriedOnEveryOfferItDivides) {
  RecommendRequest r;
  EstimateRequest w;
  w.model = "Llama-3.1-70B";
  w.task = "infer";
  w.tensor_parallel = 8;
  r.workload = w;
  r.vendors = {"aws"};
  auto rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec.has_value()) << rec.error().Format();
  ASSERT_FALSE(rec->candidates.empty());
  for (const Candidate& c : rec->candidates) {
    EXPECT_EQ(static_cast<int>(c.offer->gpu_count) * c.nodes % 8, 0) << c.offer->instance_type;
    EstimateRequest one = w;
    one.offer = c.offer->vendor + ":" + c.offer->instance_type;
    one.nodes = c.nodes;  // 16 T4s hold it in two pipeline stages
    one.pipeline_parallel = c.layout.pipeline_parallel;
    auto resolved = Real().Resolve(one);
    ASSERT_TRUE(resolved.has_value()) << resolved.error().Format();
    const Estimate e = Real().Run(resolved->first, resolved->second);
    EXPECT_TRUE(e.memory.fits) << c.offer->instance_type;
    EXPECT_NEAR(e.memory.total / kGiB, c.memory_gib, 1e-6) << c.offer->instance_type;
  }
  // Fixed at 1 (and no pipeline stages), no GPU of the catalog holds 70 B in
  // fp16 alone; left to the search, every candidate is split so that it fits.
  r.workload->tensor_parallel = 1;
  r.workload->pipeline_parallel = 1;
  auto alone = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(alone.has_value());
  for (const Candidate& c : alone->candidates) EXPECT_GT(c.memory_gib, 130) << c.offer->instance_type;
  r.workload->tensor_parallel.reset();
  r.workload->pipeline_parallel.reset();
  auto searched = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(searched.has_value());
  ASSERT_FALSE(searched->candidates.empty());
  for (const Candidate& c : searched->candidates) {
    EXPECT_GT(c.layout.tensor_parallel * c.layout.pipeline_parallel, 1) << c.offer->instance_type;
    EXPECT_LT(c.memory_gib, 141) << c.offer->instance_type;
  }
}

TEST(Recommend, BadValuesNameTheOption) {
  RecommendRequest r;
  auto e = Recommend(RealCatalog(), Real(), r);
  ASSERT_FALSE(e.has_value());
  r.gpu_mem_gib = -4;
  e = Recommend(RealCatalog(), Real(), r);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().field, "gpu_mem");
  r.gpu_mem_gib = 40;
  r.region_regex = "us-(";
  e = Recommend(RealCatalog(), Real(), r);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().field, "region");
}

TEST(Recommend, ContradictoryOptionsAreRefusedNamingBoth) {
  RecommendRequest r;
  EstimateRequest w;
  w.model = "Llama-3.1-8B";
  w.task = "infer";
  r.workload = w;
  r.gpu_mem_gib = 80;
  auto both = Recommend(RealCatalog(), Real(), r);
  ASSERT_FALSE(both.has_value());
  EXPECT_EQ(both.error().field, "gpu_mem");
  EXPECT_NE(both.error().Format().find("--model"), std::string::npos) << both.error().Format();
  r.gpu_mem_gib.reset();
  r.spot = SpotPolicy::kOnly;
  r.purchases = {Purchase::kOnDemand};
  auto spot = Recommend(RealCatalog(), Real(), r);
  ASSERT_FALSE(spot.has_value());
  EXPECT_NE(spot.error().Format().find("--purchase"), std::string::npos) << spot.error().Format();
  r.spot = SpotPolicy::kNever;
  r.purchases = {Purchase::kSpot};
  EXPECT_FALSE(Recommend(RealCatalog(), Real(), r).has_value());
  r.purchases = {Purchase::kSpot, Purchase::kOnDemand};
  EXPECT_TRUE(Recommend(RealCatalog(), Real(), r).has_value());
}

TEST(Spot, YoungAndDalyIntervals) {
  // C = 1 minute, MTBF = 24 h: Young sqrt(2*C*M) = sqrt(2 * 1/60 * 24) h = 0.894 h.
  EXPECT_NEAR(YoungInterval(1.0 / 60, 24), std::sqrt(0.8), 1e-12);
  const double daly = DalyInterval(1.0 / 60, 24);
  EXPECT_NEAR(daly, std::sqrt(0.8) * (1 + std::sqrt(1.0 / 60 / 48) / 3 + 1.0 / 60 / (18 * 24)) - 1.0 / 60, 1e-12);
  EXPECT_LT(std::abs(daly - YoungInterval(1.0 / 60, 24)), 0.05);  // close when C << M
  EXPECT_DOUBLE_EQ(DalyInterval(100, 10), 10);                    // C >= 2M: checkpoint every MTBF
}

TEST(Spot, ReRunsWithoutCheckpointsGrowExponentially) {
  SpotParams p;
  p.checkpoint_minutes = -1;
  p.restart_cost_s = 0;
  // One interruption a day, a 24 h job: (M)(e^(W/M) - 1) = 24 (e - 1) = 41.2 h.
  const SpotRun r = ExpectedSpotRun(24, p, 1);
  EXPECT_FALSE(r.checkpointing);
  EXPECT_NEAR(r.expected_wall_h, 24 * (std::exp(1.0) - 1), 1e-9);
  SpotParams with;
  const SpotRun c = ExpectedSpotRun(24, with, 1);
  EXPECT_LT(c.expected_wall_h, 26);  // checkpoints every ~Daly interval keep it near 24 h
  EXPECT_GT(c.expected_wall_h, 24);
}

// A job on two nodes stops when either is interrupted: at 2 interruptions a
// day per node its mean time between failures is 6 h, not 12 h.
TEST(Spot, InterruptionsOfAJobScaleWithItsNodes) {
  Offer o;
  o.vendor = "aws";
  o.spot_price_hour = 10;
  SpotParams p;
  p.interruptions_per_day = 2;
  const OptionCost one = PriceOption(o, Purchase::kSpot, Usage::Job(100), p, 1, true);
  const OptionCost two = PriceOption(o, Purchase::kSpot, Usage::Job(100), p, 2, true);
  EXPECT_NE(Render(one.note, Lang::kEn).find("MTBF 12 h"), std::string::npos) << Render(one.note, Lang::kEn);
  EXPECT_NE(Render(two.note, Lang::kEn).find("MTBF 6 h"), std::string::npos) << Render(two.note, Lang::kEn);
  EXPECT_NEAR(two.wall_hours, ExpectedSpotRun(100, p, 4).expected_wall_h, 1e-9);
  EXPECT_GT(two.wall_hours, one.wall_hours);
  EXPECT_NEAR(two.total, 20 * two.wall_hours, 1e-9);
  // A service's instances are interrupted each on its own.
  p.independent_instances = true;
  EXPECT_NEAR(PriceOption(o, Purchase::kSpot, Usage::Job(100), p, 2, false).wall_hours, one.wall_hours, 1e-9);
}

// The Spot Instance Advisor's bands as shares of nodes interrupted a month,
// and an offer's band (from a refresh) setting its interruption rate.
TEST(Spot, AdvisorBandsSetTheInterruptionRate) {
  EXPECT_DOUBLE_EQ(*BandShare("<5%"), 0.025);
  EXPECT_DOUBLE_EQ(*BandShare("5-10%"), 0.075);
  EXPECT_DOUBLE_EQ(*BandShare("15-20%"), 0.175);
  EXPECT_DOUBLE_EQ(*BandShare(">20%"), 0.25);  // open above 20%: the default, inside the band
  for (const char* bad : {"", "often", "10-5%", "<0%", ">100%", "5-10", "<5%%"}) EXPECT_FALSE(BandShare(bad)) << bad;
  Offer o;
  o.vendor = "aws";
  o.spot_price_hour = 10;
  EXPECT_DOUBLE_EQ(InterruptionsPerDay(o), DefaultInterruptionsPerDay("aws"));
  const OptionCost default_band = PriceOption(o, Purchase::kSpot, Usage::Job(100), SpotParams{}, 8, false);
  o.spot_interruption = "<5%";
  EXPECT_NEAR(InterruptionsPerDay(o), -std::log(1 - 0.025) / 30, 1e-12);
  const OptionCost calm = PriceOption(o, Purchase::kSpot, Usage::Job(100), SpotParams{}, 8, false);
  EXPECT_LT(calm.wall_hours, default_band.wall_hours);  // fewer restarts: fewer hours paid
  EXPECT_LT(calm.total, default_band.total);
}

TEST(Cost, P4dUnderEveryOption) {
  const Offer* p4d = nullptr;
  for (const Offer& o : RealCatalog().offers()) {
    if (o.vendor == "aws" && o.instance_type == "p4d.24xlarge" && o.region == "us-east-1" && o.price_hour) {
      p4d = &o;
      break;
    }
  }
  ASSERT_NE(p4d, nullptr);
  const auto options = PriceOptions(*p4d, Usage{300, 12}, SpotParams{});
  // AWS sells on demand, spot, reserved and savings plans, 1 and 3 years; no monthly subscription.
  ASSERT_EQ(options.size(), 6u);
  for (const OptionCost& c : options) EXPECT_NE(c.purchase, Purchase::kMonthly);
  const OptionCost& od = options[0];
  ASSERT_TRUE(od.available);
  EXPECT_DOUBLE_EQ(od.total, *p4d->price_hour * 3600);
  const OptionCost& r1 = options[2];
  ASSERT_TRUE(r1.available);
  EXPECT_DOUBLE_EQ(r1.rate, *p4d->reserved_hour);  // the published Vantage price, not a default
  EXPECT_FALSE(r1.rate_assumed);
  EXPECT_DOUBLE_EQ(r1.total, *p4d->reserved_hour * 8760);  // the whole year is paid
  EXPECT_NEAR(*r1.break_even_hours_per_month, *p4d->reserved_hour / *p4d->price_hour * 730, 1e-9);
  const OptionCost& r3 = options[3];
  EXPECT_TRUE(r3.rate_assumed);
  EXPECT_NEAR(r3.rate, *p4d->price_hour * 0.28, 1e-9);
}

TEST(Cost, TencentMonthlyBreakEven) {
  const Offer* gt4 = nullptr;
  for (const Offer& o : RealCatalog().offers()) {
    if (o.vendor == "tencent" && o.instance_type == "GT4.4XLARGE96") gt4 = &o;
  }
  ASSERT_NE(gt4, nullptr);
  const OptionCost m = PriceOption(*gt4, Purchase::kMonthly, Usage{200, 3}, SpotParams{});
  ASSERT_TRUE(m.available);
  EXPECT_DOUBLE_EQ(m.total, 13748 * 3);
  EXPECT_NEAR(*m.break_even_hours_per_month, 13748 / 28.64, 1e-9);  // 480 h a month
  EXPECT_FALSE(PriceOption(*gt4, Purchase::kReserved1y, Usage{200, 3}, SpotParams{}).available);
}

}  // namespace
}  // namespace gpuscout

namespace gpuscout {
namespace {

// Issue #14: --gpus means GPUs per node in recommend as in estimate, and
// --nodes fixes the node count; with a workload too.
TEST(Recommend, GpusArePerNodeAndNodesFixTheCount) {
  RecommendRequest bare;
  bare.gpu_mem_gib = 80;
  bare.gpus = 8;
  bare.nodes = 2;
  bare.hours = 10;
  bare.purchases = {Purchase::kOnDemand};
  auto rec = Recommend(RealCatalog(), Real(), bare);
  ASSERT_TRUE(rec.has_value()) << rec.error().Format();
  ASSERT_FALSE(rec->candidates.empty());
  for (const Candidate& c : rec->candidates) {
    EXPECT_GE(c.offer->gpu_count, 8);
    EXPECT_EQ(c.nodes, 2);
    EXPECT_NEAR(c.total_cost, c.price_hour * 10, 1e-9 * c.total_cost);  // price_hour is for both nodes
  }
  EXPECT_GT(rec->rejected.at("too_few_gpus"), 0u);

  EstimateRequest serve;
  serve.model = "Llama-3.1-70B";
  serve.task = "infer";
  RecommendRequest r;
  r.workload = serve;
  r.gpus = 8;
  rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec.has_value()) << rec.error().Format();
  ASSERT_FALSE(rec->candidates.empty());
  for (const Candidate& c : rec->candidates) EXPECT_GE(c.offer->gpu_count, 8);

  r.nodes = 2;
  r.max_nodes = 4;
  EXPECT_EQ(Recommend(RealCatalog(), Real(), r).error().field, "nodes");
  // A job timed by its dataset takes no --hours.
  RecommendRequest job;
  EstimateRequest lora;
  lora.model = "Llama-3.1-8B";
  lora.task = "lora";
  lora.tokens = 1e8;
  job.workload = lora;
  job.hours = 5;
  EXPECT_EQ(Recommend(RealCatalog(), Real(), job).error().field, "hours");
  bare.nodes.reset();
  bare.max_nodes = 2;
  EXPECT_EQ(Recommend(RealCatalog(), Real(), bare).error().field, "max_nodes");
}

}  // namespace
}  // namespace gpuscout

namespace gpuscout {
namespace {

// The on-demand row added past --top is the cheapest on-demand candidate,
// even when its instance type is already shown on spot (it was the first
// type never seen on spot: an M60 at 137x the L40S's price).
TEST(Recommend, TheOnDemandRowIsTheCheapestOnDemand) {
  RecommendRequest r;
  r.workload = testing::Lora8b();
  r.vendors = {"aws", "gcp"};
  r.top = 3;
  auto rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec.has_value()) << rec.error().Format();
  ASSERT_EQ(rec->candidates.size(), 4u);
  const Candidate& added = rec->candidates.back();
  ASSERT_EQ(added.purchase, Purchase::kOnDemand);
  r.purchases = {Purchase::kOnDemand};
  r.top = 1;
  auto od = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(od.has_value());
  EXPECT_EQ(added.offer, od->candidates.front().offer);
  EXPECT_DOUBLE_EQ(added.total_cost, od->candidates.front().total_cost);
  EXPECT_GT(added.rank, 3);
}

// Disk and egress are in every total, and the total is its parts.
TEST(Recommend, WholeJobTermsAreInEveryTotal) {
  RecommendRequest r;
  r.gpu_mem_gib = 40;
  r.gpus = 1;
  r.hours = 10;
  r.purchases = {Purchase::kOnDemand};
  r.vendors = {"aws", "gcp", "lambda"};
  r.top = 20;
  auto bare = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(bare.has_value());
  r.job_terms.disk_gb = 1000;
  r.job_terms.egress_gb = 5000;
  auto whole = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(whole.has_value());
  ASSERT_FALSE(whole->candidates.empty());
  for (const Candidate& c : whole->candidates) {
    EXPECT_NEAR(c.total_cost, c.parts.total(), 1e-9) << c.offer->instance_type;
    EXPECT_GT(c.parts.storage, 0) << c.offer->instance_type;
    if (c.offer->vendor == "aws") {
      EXPECT_NEAR(c.parts.egress, 4900 * 0.09, 1e-9);
    }
    if (c.offer->vendor == "gcp") {
      EXPECT_NEAR(c.parts.egress, 1024 * 0.12 + 3976 * 0.11, 1e-9);
    }
    if (c.offer->vendor == "lambda") {
      EXPECT_EQ(c.parts.egress, 0);
    }
    for (const Candidate& b : bare->candidates) {
      if (b.offer == c.offer) {
        EXPECT_NEAR(c.total_cost, b.total_cost + c.parts.storage + c.parts.egress, 1e-9);
      }
    }
  }
  // 5 TB of egress is 441 USD on AWS and 560 on GCP, nothing on Lambda: Lambda ranks first.
  EXPECT_EQ(whole->candidates.front().offer->vendor, "lambda");
  bool billing = false;
  for (const auto& m : whole->assumptions) billing |= m.key() == "cost.billing" || m.key() == "cost.billing_step";
  EXPECT_TRUE(billing);
}

// Reservation-only instance types (AWS p5e, GCP A4) are marked, never priced
// at 0 and never ranked on demand.
TEST(Recommend, ReservationOnlyTypesAreNeverOnDemand) {
  size_t marked = 0;
  for (const Offer& o : RealCatalog().offers()) {
    if (o.instance_type == "p5e.48xlarge" || o.instance_type == "a4-highgpu-8g") {
      EXPECT_TRUE(o.suspect & kReservationOnly) << o.instance_type;
      ++marked;
    } else if (o.price_hour) {
      EXPECT_FALSE(o.suspect & kReservationOnly) << o.instance_type;
    }
  }
  EXPECT_GT(marked, 10u);
  RecommendRequest r;
  r.gpu_mem_gib = 140;
  r.gpus = 8;
  r.hours = 5;
  r.vendors = {"aws", "gcp"};
  r.top = 200;
  auto rec = Recommend(RealCatalog(), Real(), r);
  ASSERT_TRUE(rec.has_value());
  for (const auto& c : rec->candidates) {
    EXPECT_GT(c.total_cost, 0);
    if (c.offer->suspect & kReservationOnly) {
      EXPECT_NE(c.purchase, Purchase::kOnDemand) << c.offer->instance_type;
    }
  }
  const Offer* p5e = nullptr;
  for (const Offer& o : RealCatalog().offers()) {
    if (o.instance_type == "p5e.48xlarge") p5e = &o;
  }
  ASSERT_NE(p5e, nullptr);
  const OptionCost od = PriceOption(*p5e, Purchase::kOnDemand, Usage{730, 1}, SpotParams{});
  EXPECT_FALSE(od.available);
  EXPECT_EQ(od.why_not, "cost.reservation_only");
}

}  // namespace
}  // namespace gpuscout
