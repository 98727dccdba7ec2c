// Real-time rendering and streaming (--task stream): how many sessions of a
// resolution and frame rate one GPU carries, limited by its hardware video
// encoders (NVENC), its rendering speed and its memory; the bitrate each
// stream sends.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/message.h"
#include "base/error.h"
#include "catalog/gpu_spec.h"
#include "workload/throughput.h"
#include "workload/workload.h"

namespace gpuscout {

// NVENC engines per GPU chip (data/nvenc.csv).
class NvencTable {
 public:
  static Result<NvencTable> Parse(std::string_view text, const std::string& file);
  // nullopt: the table does not know this GPU.
  std::optional<int> Engines(const GpuSpec& gpu) const;

 private:
  std::vector<std::pair<std::string, int>> rows_;
};

struct StreamSizing {
  bool known = false;         // false: no encoder figure for the GPU
  int engines = 0;
  double encoder_sessions = 0;              // per GPU, before rounding down
  std::optional<double> render_sessions;    // from --seconds-per-frame
  std::optional<double> memory_sessions;    // from --session-gb
  int sessions_per_gpu = 0;
  std::string limit;                        // encoder, rendering or memory
  double bitrate_mbps = 0;                  // per stream
  double encode_ms = 0;                     // one frame on one engine
  int gpus_needed = 0;                      // for all sessions; 0 when none fit
};

// 1080p frames/s per NVENC engine taken by default: 480 (second-generation
// Maxwell's "16x realtime", a floor for later generations; data/SOURCES.md).
inline constexpr double kDefaultEncoderFps = 480;
// Default bitrate, bits per pixel: 0.1 (49.8 Mbit/s at 3840x2160, 60 fps,
// inside YouTube's published 20-51 Mbit/s for 2160p60 H.264).
inline constexpr double kBitsPerPixel = 0.1;

StreamSizing SizeStream(const Workload& w, const GpuSpec& gpu, double memory_gib, const NvencTable& nvenc);

// A sizing as the throughput the recommender reads: frames/s of all GPUs,
// sessions per GPU; known when at least one session fits.
Throughput StreamThroughput(const Workload& w, const Hardware& hw, const StreamSizing& s);

// The same in words, for the estimate's assumptions.
std::vector<Message> DescribeStream(const Workload& w, const GpuSpec& gpu, const StreamSizing& s);

}  // namespace gpuscout
