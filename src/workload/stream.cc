#include "workload/stream.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/csv.h"

namespace gpuscout {
namespace {

constexpr double kPixels1080p = 1920.0 * 1080.0;
// CUDA context and the renderer's own baseline, as for the other tasks.
constexpr double kContextGib = 0.5;

}  // namespace

Result<NvencTable> NvencTable::Parse(std::string_view text, const std::string& file) {
  GS_TRY(table, ParseCsv(text, file));
  if (!table.errors.empty()) return tl::unexpected(table.errors.front());
  const auto gpu = table.Find("gpu"), engines = table.Find("nvenc_engines");
  if (!gpu || !engines) return FailAt(file, 1, 1, "header", "expected gpu, nvenc_engines, source");
  NvencTable t;
  for (const auto& rec : table.rows) {
    CsvRow row(table, rec);
    GS_TRY(n, row.Number(*engines, "nvenc_engines"));
    if (!(n >= 0 && n <= 16) || n != std::floor(n)) {
      return tl::unexpected(row.ErrorAt(*engines, "nvenc_engines", "expected a whole number 0 to 16"));
    }
    t.rows_.emplace_back(row.Text(*gpu), static_cast<int>(n));
  }
  return t;
}

std::optional<int> NvencTable::Engines(const GpuSpec& gpu) const {
  for (const auto& [name, n] : rows_) {
    if (name == gpu.name) return n;
  }
  return std::nullopt;
}

StreamSizing SizeStream(const Workload& w, const GpuSpec& gpu, double memory_gib, const NvencTable& nvenc) {
  StreamSizing s;
  const StreamJob& job = w.stream;
  const double pixels_per_s = static_cast<double>(job.width) * job.height * job.fps;
  s.bitrate_mbps = job.bitrate_mbps > 0 ? job.bitrate_mbps : pixels_per_s * kBitsPerPixel / 1e6;
  const auto engines = nvenc.Engines(gpu);
  if (!engines) return s;
  s.known = true;
  s.engines = *engines;
  s.encode_ms = 1000.0 * job.width * job.height / (job.encoder_fps * kPixels1080p);
  // Each engine encodes encoder_fps frames of 1080p a second; a session
  // needs width x height x fps pixels a second.
  s.encoder_sessions = *engines * job.encoder_fps * kPixels1080p / pixels_per_s;
  double best = s.encoder_sessions;
  s.limit = "encoder";
  if (w.seconds_per_frame > 0 && w.reference_gpu && w.reference_gpu->fp32_tflops && gpu.fp32_tflops) {
    const double per_frame = w.seconds_per_frame * *w.reference_gpu->fp32_tflops / *gpu.fp32_tflops;
    s.render_sessions = 1 / (job.fps * per_frame);
    if (*s.render_sessions < best) {
      best = *s.render_sessions;
      s.limit = "rendering";
    }
  }
  const double capacity = memory_gib > 0 ? memory_gib : gpu.UsableMemoryGib().value_or(0);
  if (job.session_gb > 0 && capacity > 0) {
    s.memory_sessions = std::max(0.0, capacity - kContextGib) / job.session_gb;
    if (*s.memory_sessions < best) {
      best = *s.memory_sessions;
      s.limit = "memory";
    }
  }
  s.sessions_per_gpu = static_cast<int>(std::floor(best + 1e-9));
  if (s.sessions_per_gpu > 0) s.gpus_needed = (job.sessions + s.sessions_per_gpu - 1) / s.sessions_per_gpu;
  return s;
}

Throughput StreamThroughput(const Workload& w, const Hardware& hw, const StreamSizing& s) {
  Throughput t;
  t.known = s.known && s.sessions_per_gpu > 0;
  t.sessions_per_gpu = s.sessions_per_gpu;
  t.samples_per_s = s.sessions_per_gpu * hw.total_gpus() * w.stream.fps;
  t.step_s = s.encode_ms / 1000;
  return t;
}

std::vector<Message> DescribeStream(const Workload& w, const GpuSpec& gpu, const StreamSizing& s) {
  const StreamJob& job = w.stream;
  std::vector<Message> out;
  out.push_back(Message("stream.sessions").With("sessions", job.sessions).With("width", job.width)
                    .With("height", job.height).With("fps", job.fps).With("mbps", s.bitrate_mbps)
                    .With("basis", job.bitrate_mbps > 0 ? Verbatim("--bitrate-mbps")
                                                        : Message("stream.bits_per_pixel"))
                    .With("gbps", s.bitrate_mbps * job.sessions / 1000));
  if (!s.known) {
    out.push_back(Message("stream.no_nvenc_figure", "data/nvenc.csv").With("gpu", gpu.name));
    return out;
  }
  if (s.engines == 0) {
    out.push_back(Message("stream.no_nvenc", "data/nvenc.csv").With("gpu", gpu.name));
    return out;
  }
  out.push_back(Message("stream.encoder", "data/nvenc.csv").With("engines", s.engines).With("fps", job.encoder_fps)
                    .With("sessions", s.encoder_sessions).With("ms", s.encode_ms));
  if (s.render_sessions) {
    out.push_back(Message("stream.rendering").With("s", w.seconds_per_frame).With("ref", w.reference_gpu->name)
                      .With("gpu", gpu.name).With("sessions", *s.render_sessions));
  }
  if (s.memory_sessions) {
    out.push_back(Message("stream.memory").With("gb", job.session_gb).With("sessions", *s.memory_sessions));
  }
  out.push_back(Message("stream.per_gpu").With("sessions", s.sessions_per_gpu)
                    .With("limit", Word("stream.limit_" + s.limit))
                    .With("gpus", s.gpus_needed ? Message("stream.gpus_needed").With("gpus", s.gpus_needed)
                                                      .With("sessions", job.sessions)
                                                : Message()));
  return out;
}

}  // namespace gpuscout
