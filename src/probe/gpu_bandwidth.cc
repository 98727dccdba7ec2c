#include "probe/gpu_bandwidth.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace gpuscout::probe {
namespace {

// Releases what was allocated, whatever path the measurement leaves by.
struct Resources {
  const CudaApi& cu;
  int device = 0;
  bool context = false;
  CuDevicePtr src = 0, dst = 0;
  void* host = nullptr;
  CuEvent start = nullptr, stop = nullptr;
  ~Resources() {
    if (context) cu.cuCtxSynchronize();
    if (start) cu.cuEventDestroy(start);
    if (stop) cu.cuEventDestroy(stop);
    if (src) cu.cuMemFree(src);
    if (dst) cu.cuMemFree(dst);
    if (host) cu.cuMemFreeHost(host);
    if (context) cu.cuDevicePrimaryCtxRelease(device);
  }
};

Result<void> Check(const CudaApi& cu, int result, const char* what) {
  if (result == kCudaSuccess) return {};
  return Fail(ExitCode::kEnvironment, std::string(what) + ": " + cu.ErrorText(result));
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Times `copy` with events: `warmup` untimed runs, then `repeats` timed ones.
template <typename Copy>
Result<double> TimeMedianMs(const CudaApi& cu, Resources& r, int warmup, int repeats, Copy copy,
                            const std::function<void(double)>& step) {
  for (int i = 0; i < warmup; ++i) {
    if (auto c = Check(cu, copy(), "warm-up copy"); !c) return tl::unexpected(c.error());
  }
  std::vector<double> ms;
  for (int i = 0; i < repeats; ++i) {
    if (auto c = Check(cu, cu.cuEventRecord(r.start, nullptr), "cuEventRecord"); !c) {
      return tl::unexpected(c.error());
    }
    if (auto c = Check(cu, copy(), "copy"); !c) return tl::unexpected(c.error());
    if (auto c = Check(cu, cu.cuEventRecord(r.stop, nullptr), "cuEventRecord"); !c) {
      return tl::unexpected(c.error());
    }
    if (auto c = Check(cu, cu.cuEventSynchronize(r.stop), "cuEventSynchronize"); !c) {
      return tl::unexpected(c.error());
    }
    float elapsed = 0;
    if (auto c = Check(cu, cu.cuEventElapsedTime(&elapsed, r.start, r.stop), "cuEventElapsedTime");
        !c) {
      return tl::unexpected(c.error());
    }
    ms.push_back(static_cast<double>(elapsed));
    if (step) step(static_cast<double>(i + 1) / repeats);
  }
  return Median(ms);
}

}  // namespace

Result<GpuBandwidth> MeasureGpuBandwidth(const CudaApi& cu, int ordinal, uint64_t total_bytes,
                                         const GpuBandwidthOptions& o) {
  Resources r{cu};
  int dev = 0;
  if (auto c = Check(cu, cu.cuDeviceGet(&dev, ordinal), "cuDeviceGet"); !c) {
    return tl::unexpected(c.error());
  }
  r.device = dev;
  CuContext ctx = nullptr;
  if (auto c = Check(cu, cu.cuDevicePrimaryCtxRetain(&ctx, dev), "cuDevicePrimaryCtxRetain"); !c) {
    return tl::unexpected(c.error());
  }
  r.context = true;
  if (auto c = Check(cu, cu.cuCtxSetCurrent(ctx), "cuCtxSetCurrent"); !c) {
    return tl::unexpected(c.error());
  }
  const size_t dbytes = std::max<size_t>(
      1 << 20, std::min<size_t>(o.device_bytes, static_cast<size_t>(total_bytes / 8)));
  const size_t hbytes = std::min(o.host_bytes, dbytes);
  struct Step {
    int result;
    const char* what;
  };
  for (Step s : {Step{cu.cuMemAlloc(&r.src, dbytes), "cuMemAlloc (source)"},
                 Step{cu.cuMemAlloc(&r.dst, dbytes), "cuMemAlloc (destination)"},
                 Step{cu.cuMemAllocHost(&r.host, hbytes), "cuMemAllocHost (pinned)"},
                 Step{cu.cuEventCreate(&r.start, 0), "cuEventCreate"},
                 Step{cu.cuEventCreate(&r.stop, 0), "cuEventCreate"},
                 // A pattern, not zeros: the copy must move real bytes.
                 Step{cu.cuMemsetD8(r.src, 0xA5, dbytes), "cuMemsetD8"},
                 Step{cu.cuMemsetD8(r.dst, 0x00, dbytes), "cuMemsetD8"}}) {
    if (auto c = Check(cu, s.result, s.what); !c) return tl::unexpected(c.error());
  }
  std::memset(r.host, 0x5A, hbytes);
  auto phase = [&](double base) {
    return [&, base](double f) {
      if (o.progress) o.progress(base + f / 3);
    };
  };

  GpuBandwidth out;
  auto d2d = TimeMedianMs(cu, r, 3, o.repeats,
                          [&] { return cu.cuMemcpyDtoDAsync(r.dst, r.src, dbytes, nullptr); },
                          phase(0));
  if (!d2d) return tl::unexpected(d2d.error());
  out.device_to_device = {dbytes, o.repeats, *d2d, 2.0 * static_cast<double>(dbytes) / (*d2d * 1e6),
                          false};
  // Check the copy: the end of the destination holds the source's pattern.
  std::vector<unsigned char> tail(4096);
  if (auto c = Check(cu, cu.cuMemcpyDtoH(tail.data(), r.dst + dbytes - tail.size(), tail.size()),
                     "cuMemcpyDtoH");
      !c) {
    return tl::unexpected(c.error());
  }
  out.device_to_device.verified =
      std::all_of(tail.begin(), tail.end(), [](unsigned char b) { return b == 0xA5; });

  auto h2d = TimeMedianMs(cu, r, 2, o.repeats,
                          [&] { return cu.cuMemcpyHtoDAsync(r.dst, r.host, hbytes, nullptr); },
                          phase(1.0 / 3));
  if (!h2d) return tl::unexpected(h2d.error());
  out.host_to_device = {hbytes, o.repeats, *h2d, static_cast<double>(hbytes) / (*h2d * 1e6), false};
  if (auto c = Check(cu, cu.cuMemcpyDtoH(tail.data(), r.dst, tail.size()), "cuMemcpyDtoH"); !c) {
    return tl::unexpected(c.error());
  }
  out.host_to_device.verified =
      std::all_of(tail.begin(), tail.end(), [](unsigned char b) { return b == 0x5A; });
  if (o.while_busy) {
    // Keep the link busy for a while, and let the caller read its state.
    for (int i = 0; i < 8; ++i) cu.cuMemcpyHtoDAsync(r.dst, r.host, hbytes, nullptr);
    o.while_busy();
    cu.cuCtxSynchronize();
  }

  std::memset(r.host, 0, hbytes);
  auto d2h = TimeMedianMs(cu, r, 2, o.repeats,
                          [&] { return cu.cuMemcpyDtoHAsync(r.host, r.src, hbytes, nullptr); },
                          phase(2.0 / 3));
  if (!d2h) return tl::unexpected(d2h.error());
  out.device_to_host = {hbytes, o.repeats, *d2h, static_cast<double>(hbytes) / (*d2h * 1e6), false};
  const auto* h = static_cast<const unsigned char*>(r.host);
  out.device_to_host.verified = h[0] == 0xA5 && h[hbytes - 1] == 0xA5;
  return out;
}

}  // namespace gpuscout::probe
