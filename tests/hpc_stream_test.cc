// --task hpc and --task stream: the seed's GROMACS and Pixel Streaming
// examples against hand-computed expectations, and the FP64 rule against
// the datasheets.
#include <gtest/gtest.h>

#include <cmath>

#include "optimizer/alternatives.h"
#include "optimizer/recommend.h"
#include "source_files.h"
#include "workload/hpc.h"
#include "workload/stream.h"

namespace gpuscout {
namespace {

using testing::RealCatalog;
using testing::RealEstimator;

// The seed's CPU cluster: 128 nodes of 2 x EPYC 7763 (64 cores at 2.45 GHz,
// 16 FP64 FLOP per cycle with two 256-bit FMA units; 8 channels of
// DDR4-3200 = 204.8 GB/s per socket), 1 us of simulation in 72 h.
EstimateRequest Gromacs() {
  EstimateRequest r;
  r.task = "hpc";
  r.reference_nodes = 128;
  r.reference_hours = 72;
  r.reference_node_tflops = 2 * 64 * 2.45 * 16 / 1000;  // 5.0176
  r.reference_node_gbps = 2 * 204.8;
  return r;
}

TEST(Hpc, CudaRatioAgreesWithEveryDatasheetRow) {
  const Fp64Rates& rates = RealEstimator().fp64();
  int checked = 0;
  for (const auto& row : rates.rows()) {
    const GpuSpec* gpu = RealCatalog().gpus().Find(row.gpu);
    ASSERT_NE(gpu, nullptr) << row.gpu;
    const auto ratio = Fp64Rates::CudaRatio(gpu->compute_capability);
    if (!ratio || !gpu->fp32_tflops) continue;  // AMD: no compute capability
    SCOPED_TRACE(row.gpu);
    EXPECT_NEAR(*gpu->fp32_tflops * *ratio, row.tflops, 0.05 * row.tflops);
    ++checked;
  }
  EXPECT_GE(checked, 10);  // V100 x4, A100 x4, H100, H100-PCIe, H200
  // Derived where no datasheet row exists: T4 8.1 / 32, L4 30.29 / 64.
  EXPECT_NEAR(RealEstimator().fp64().Fp64(*RealCatalog().gpus().Find("T4"))->tflops, 8.1 / 32, 1e-9);
  EXPECT_NEAR(RealEstimator().fp64().Fp64(*RealCatalog().gpus().Find("L4"))->tflops, 30.29 / 64, 1e-9);
  EXPECT_NEAR(RealEstimator().fp64().Fp64(*RealCatalog().gpus().Find("A10G"))->tflops, 35.0 / 64, 1e-9);
}

TEST(Hpc, SeedGromacsOnEightNodesOfFourMi250x) {
  EstimateRequest r = Gromacs();
  r.gpu = "MI250X";
  r.gpus = 4;
  r.nodes = 8;
  auto resolved = RealEstimator().Resolve(r);
  ASSERT_TRUE(resolved.has_value()) << resolved.error().Format();
  const Estimate e = RealEstimator().Run(resolved->first, resolved->second);
  ASSERT_TRUE(e.throughput.total_hours.has_value());
  // By hand: per node, 0.5 x 5.0176/(4 x 47.9) + 0.5 x 409.6/(4 x 3280)
  //   = 0.5 x 0.026188 + 0.5 x 0.031220 = 0.028704 of a reference node's time;
  // nodes: 128 x 0.9^7 = 61.222 reference, 8 x 0.9^3 = 5.832 target;
  // 72 h x 61.222 / 5.832 x 0.028704 = 21.70 h (the article claims 8.5 h).
  EXPECT_NEAR(*e.throughput.total_hours, 21.70, 0.01);
  EXPECT_TRUE(e.memory.fits);
}

TEST(Hpc, Fp32AndGpuReferences) {
  // A job measured on one A100 node of 8 GPUs, moved to one H100 node of 8:
  // FP64 34/9.7 faster, memory 3350/2039 faster.
  EstimateRequest r;
  r.task = "hpc";
  r.reference_gpu = "A100-80GB";
  r.reference_gpus_per_node = 8;
  r.reference_hours = 10;
  r.gpu = "H100";
  r.gpus = 8;
  auto resolved = RealEstimator().Resolve(r);
  ASSERT_TRUE(resolved.has_value()) << resolved.error().Format();
  auto t = RealEstimator().Run(resolved->first, resolved->second).throughput;
  EXPECT_NEAR(*t.total_hours, 10 * (0.5 * 9.7 / 34 + 0.5 * 2039.0 / 3350), 1e-6);
  r.precision = "fp32";  // 19.5 -> 67 FP32 TFLOPS
  resolved = RealEstimator().Resolve(r);
  ASSERT_TRUE(resolved.has_value());
  t = RealEstimator().Run(resolved->first, resolved->second).throughput;
  EXPECT_NEAR(*t.total_hours, 10 * (0.5 * 19.5 / 67 + 0.5 * 2039.0 / 3350), 1e-6);
}

TEST(Hpc, BadReferencesNameTheOption) {
  EstimateRequest r = Gromacs();
  r.gpu = "H100";
  r.reference_hours.reset();
  EXPECT_EQ(RealEstimator().Resolve(r).error().field, "reference_hours");
  r = Gromacs();
  r.gpu = "H100";
  r.reference_node_gbps.reset();
  EXPECT_EQ(RealEstimator().Resolve(r).error().field, "reference_node_gbps");
  r = Gromacs();
  r.gpu = "H100";
  r.precision = "bf16";
  EXPECT_EQ(RealEstimator().Resolve(r).error().field, "precision");
  r = Gromacs();
  r.gpu = "H100";
  r.scaling_efficiency = 1.5;
  EXPECT_EQ(RealEstimator().Resolve(r).error().field, "scaling_efficiency");
  EstimateRequest g;
  g.task = "hpc";
  g.gpu = "H100";
  g.reference_hours = 1;
  EXPECT_EQ(RealEstimator().Resolve(g).error().field, "reference_gpu");
}

TEST(Hpc, RecommendPricesTheSeedExampleEndToEnd) {
  RecommendRequest r;
  r.workload = Gromacs();
  r.vendors = {"aws"};
  r.gpu_filter = *testing::FixtureCatalog().gpus().MatchUser("H100");
  r.purchases = {Purchase::kOnDemand};
  r.max_nodes = 1;
  // A winner and a price are pinned: the fixed catalog.
  auto rec = Recommend(testing::FixtureCatalog(), testing::FixtureEstimator(), r);
  ASSERT_TRUE(rec.has_value()) << rec.error().Format();
  ASSERT_FALSE(rec->candidates.empty());
  const Candidate& best = rec->candidates.front();
  EXPECT_EQ(best.offer->instance_type, "p5.48xlarge");
  // By hand: 8 x H100 = 272 FP64 TFLOPS, 26,800 GB/s:
  //   0.5 x 5.0176/272 + 0.5 x 409.6/26800 = 0.0092235 + 0.0076418 = 0.0168653;
  //   72 h x 128 x 0.9^7 / 1 x 0.0168653 = 74.34 h.
  EXPECT_NEAR(best.hours, 74.34, 0.01);
  // AWS bills the run by the second (data/billing.csv).
  EXPECT_NEAR(best.total_cost, std::ceil(best.hours * 3600) / 3600 * 55.04, 1e-6);
  EXPECT_NEAR(best.parts.compute, best.total_cost, 1e-9);
}

EstimateRequest PixelStreaming(int sessions) {
  // The seed's 4.2: Unreal Engine Pixel Streaming at 4K, 60 fps.
  EstimateRequest r;
  r.task = "stream";
  r.resolution = "3840x2160";
  r.fps = 60;
  r.sessions = sessions;
  return r;
}

TEST(Stream, SeedPixelStreamingOnAT4) {
  EstimateRequest r = PixelStreaming(10);
  r.gpu = "T4";
  auto resolved = RealEstimator().Resolve(r);
  ASSERT_TRUE(resolved.has_value()) << resolved.error().Format();
  const Estimate e = RealEstimator().Run(resolved->first, resolved->second);
  ASSERT_TRUE(e.stream.has_value());
  // By hand: one NVENC x 480 x 1920 x 1080 = 995.3 Mpixel/s; a 4K60 session
  // needs 3840 x 2160 x 60 = 497.7 Mpixel/s: 2 sessions; 10 sessions on 5 GPUs.
  EXPECT_DOUBLE_EQ(e.stream->encoder_sessions, 2.0);
  EXPECT_EQ(e.stream->sessions_per_gpu, 2);
  EXPECT_EQ(e.stream->gpus_needed, 5);
  EXPECT_EQ(e.stream->limit, "encoder");
  // 0.1 bit per pixel: 49.77 Mbit/s a stream, inside YouTube's 20-51 for 2160p60.
  EXPECT_NEAR(e.stream->bitrate_mbps, 49.7664, 1e-9);
  EXPECT_NEAR(e.stream->encode_ms, 1000.0 * 4 / 480, 1e-9);
}

TEST(Stream, RenderingAndMemoryLimits) {
  EstimateRequest r = PixelStreaming(1);
  r.gpu = "L4";  // 2 NVENC: 4 sessions by the encoder
  r.seconds_per_frame = 0.004;  // on a T4 (8.1 FP32 TFLOPS); L4 30.29
  auto resolved = RealEstimator().Resolve(r);
  ASSERT_TRUE(resolved.has_value()) << resolved.error().Format();
  auto s = RealEstimator().Run(resolved->first, resolved->second).stream;
  EXPECT_DOUBLE_EQ(s->encoder_sessions, 4.0);
  // 0.004 x 8.1 / 30.29 = 1.0697 ms a frame; 1 / (60 x 0.0010697) = 15.6 sessions: the encoder limits.
  EXPECT_NEAR(*s->render_sessions, 1 / (60 * 0.004 * 8.1 / 30.29), 1e-9);
  EXPECT_EQ(s->sessions_per_gpu, 4);
  r.session_gb = 10;  // (24 - 0.5) / 10 = 2.35 sessions
  resolved = RealEstimator().Resolve(r);
  s = RealEstimator().Run(resolved->first, resolved->second).stream;
  EXPECT_EQ(s->limit, "memory");
  EXPECT_EQ(s->sessions_per_gpu, 2);
  r.seconds_per_frame = 0.05;  // 13.4 ms a frame on the L4: 1.25 sessions
  resolved = RealEstimator().Resolve(r);
  s = RealEstimator().Run(resolved->first, resolved->second).stream;
  EXPECT_EQ(s->limit, "rendering");
  EXPECT_EQ(s->sessions_per_gpu, 1);
}

TEST(Stream, GpusWithoutAnEncoderCarryNothing) {
  EstimateRequest r = PixelStreaming(1);
  r.gpu = "H100";
  auto resolved = RealEstimator().Resolve(r);
  ASSERT_TRUE(resolved.has_value());
  auto s = RealEstimator().Run(resolved->first, resolved->second).stream;
  EXPECT_TRUE(s->known);
  EXPECT_EQ(s->engines, 0);
  EXPECT_EQ(s->sessions_per_gpu, 0);
  EstimateRequest bad = PixelStreaming(1);
  bad.gpu = "T4";
  for (const char* res : {"4k", "3840x", "x2160", "3840x2160x3", "8x8", "3840*2160"}) {
    bad.resolution = res;
    auto e = RealEstimator().Resolve(bad);
    ASSERT_FALSE(e.has_value()) << res;
    EXPECT_EQ(e.error().field, "resolution");
  }
}

TEST(Stream, RecommendSizesTheSeedsInstances) {
  RecommendRequest r;
  r.workload = PixelStreaming(10);
  r.vendors = {"aws"};
  r.region_regex = "^us-east-1$";
  r.purchases = {Purchase::kOnDemand};
  r.top = 1000;
  auto rec = Recommend(RealCatalog(), RealEstimator(), r);
  ASSERT_TRUE(rec.has_value()) << rec.error().Format();
  bool saw_g4dn = false;
  for (const auto& c : rec->candidates) {
    SCOPED_TRACE(c.offer->instance_type);
    EXPECT_NE(c.offer->gpu, "H100");  // no encoder
    EXPECT_NE(c.offer->gpu, "A100-40GB");
    if (c.offer->instance_type == "g4dn.xlarge") {
      saw_g4dn = true;
      EXPECT_EQ(c.nodes, 5);  // 2 sessions per T4
      EXPECT_NEAR(c.total_cost, 5 * *c.offer->price_hour, 1e-9);
    }
    if (c.offer->instance_type == "g4dn.12xlarge") {
      EXPECT_EQ(c.nodes, 2);  // 4 T4s: 8 sessions
    }
    if (c.offer->instance_type == "g6.xlarge") {
      EXPECT_EQ(c.nodes, 3);  // L4: 4 sessions
    }
    EXPECT_NE(c.purchase, Purchase::kSpot);
  }
  EXPECT_TRUE(saw_g4dn);
  // Sorted by total cost.
  for (size_t i = 1; i < rec->candidates.size(); ++i) {
    EXPECT_LE(rec->candidates[i - 1].total_cost, rec->candidates[i].total_cost + 1e-9);
  }
}

TEST(Stream, AlternativesUseTheSameModelForRemoteRendering) {
  AlternativesRequest r;
  r.workload = PixelStreaming(4);
  r.cpu_gflops = 100;
  r.cpu_bandwidth_gbps = 20;
  r.rtt_ms = 30;
  r.bandwidth_mbps = 100;
  auto a = CompareAlternatives(RealCatalog(), RealEstimator(), r);
  ASSERT_TRUE(a.has_value()) << a.error().Format();
  const Alternative* remote = nullptr;
  for (const auto& o : a->options) {
    if (o.name == "remote-rendering") remote = &o;
  }
  ASSERT_NE(remote, nullptr);
  ASSERT_TRUE(remote->fits) << Render(remote->why, Lang::kEn);
  // 30 ms round trip + 16.67 render + 8.33 encode + 49.77/60 Mbit over 100 Mbit/s (8.29 ms) + 16.67 display.
  EXPECT_NEAR(remote->latency_ms, 30 + 1000.0 / 60 + 1000.0 * 4 / 480 + 49.7664 / 60 / 100 * 1000 + 1000.0 / 60, 1e-6);
  r.bandwidth_mbps = 20;  // below the stream's bitrate
  a = CompareAlternatives(RealCatalog(), RealEstimator(), r);
  for (const auto& o : a->options) {
    if (o.name == "remote-rendering") {
      EXPECT_FALSE(o.fits);
    }
  }
}

}  // namespace
}  // namespace gpuscout
