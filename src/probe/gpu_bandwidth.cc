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
    GS_CHECK(Check(cu, copy(), "warm-up copy"));
  }
  std::vector<double> ms;
  for (int i = 0; i < repeats; ++i) {
    GS_CHECK(Check(cu, cu.cuEventRecord(r.start, nullptr), "cuEventRecord"));
    GS_CHECK(Check(cu, copy(), "copy"));
    GS_CHECK(Check(cu, cu.cuEventRecord(r.stop, nullptr), "cuEventRecord"));
    GS_CHECK(Check(cu, cu.cuEventSynchronize(r.stop), "cuEventSynchronize"));
    float elapsed = 0;
    GS_CHECK(Check(cu, cu.cuEventElapsedTime(&elapsed, r.start, r.stop), "cuEventElapsedTime"));
    ms.push_back(static_cast<double>(elapsed));
    if (step) step(static_cast<double>(i + 1) / repeats);
  }
  return Median(ms);
}

// The context, both device buffers, the pinned host buffer and the events,
// each checked before the next is made, and the buffers filled.
Result<void> Setup(const CudaApi& cu, Resources& r, int ordinal, size_t dbytes, size_t hbytes) {
  GS_CHECK(Check(cu, cu.cuDeviceGet(&r.device, ordinal), "cuDeviceGet"));
  CuContext ctx = nullptr;
  GS_CHECK(Check(cu, cu.cuDevicePrimaryCtxRetain(&ctx, r.device), "cuDevicePrimaryCtxRetain"));
  r.context = true;
  GS_CHECK(Check(cu, cu.cuCtxSetCurrent(ctx), "cuCtxSetCurrent"));
  GS_CHECK(Check(cu, cu.cuMemAlloc(&r.src, dbytes), "cuMemAlloc (source)"));
  GS_CHECK(Check(cu, cu.cuMemAlloc(&r.dst, dbytes), "cuMemAlloc (destination)"));
  GS_CHECK(Check(cu, cu.cuMemAllocHost(&r.host, hbytes), "cuMemAllocHost (pinned)"));
  GS_CHECK(Check(cu, cu.cuEventCreate(&r.start, 0), "cuEventCreate"));
  GS_CHECK(Check(cu, cu.cuEventCreate(&r.stop, 0), "cuEventCreate"));
  // A pattern, not zeros: the copy must move real bytes.
  GS_CHECK(Check(cu, cu.cuMemsetD8(r.src, 0xA5, dbytes), "cuMemsetD8"));
  GS_CHECK(Check(cu, cu.cuMemsetD8(r.dst, 0x00, dbytes), "cuMemsetD8"));
  std::memset(r.host, 0x5A, hbytes);
  return {};
}

// Whether `bytes` of device memory at `at` all hold `pattern`.
Result<bool> DeviceHolds(const CudaApi& cu, CuDevicePtr at, size_t bytes, unsigned char pattern) {
  std::vector<unsigned char> copy(bytes);
  GS_CHECK(Check(cu, cu.cuMemcpyDtoH(copy.data(), at, bytes), "cuMemcpyDtoH"));
  return std::all_of(copy.begin(), copy.end(), [pattern](unsigned char b) { return b == pattern; });
}

// Keeps the link busy for a while, and lets the caller read its state.
Result<void> WhileBusy(const CudaApi& cu, Resources& r, size_t hbytes, const std::function<void()>& busy) {
  for (int i = 0; i < 8; ++i) GS_CHECK(Check(cu, cu.cuMemcpyHtoDAsync(r.dst, r.host, hbytes, nullptr), "cuMemcpyHtoDAsync"));
  busy();
  return Check(cu, cu.cuCtxSynchronize(), "cuCtxSynchronize");
}

}  // namespace

Result<GpuBandwidth> MeasureGpuBandwidth(const CudaApi& cu, int ordinal, uint64_t total_bytes,
                                         const GpuBandwidthOptions& o) {
  Resources r{cu};
  const size_t dbytes = std::max<size_t>(1 << 20, std::min<size_t>(o.device_bytes, static_cast<size_t>(total_bytes / 8)));
  const size_t hbytes = std::min(o.host_bytes, dbytes);
  GS_CHECK(Setup(cu, r, ordinal, dbytes, hbytes));
  auto phase = [&](double base) {
    return [&, base](double f) {
      if (o.progress) o.progress(base + f / 3);
    };
  };
  constexpr size_t kTail = 4096;
  GpuBandwidth out;
  GS_TRY(d2d, TimeMedianMs(cu, r, 3, o.repeats, [&] { return cu.cuMemcpyDtoDAsync(r.dst, r.src, dbytes, nullptr); }, phase(0)));
  // Check the copy: the end of the destination holds the source's pattern.
  GS_TRY(d2d_ok, DeviceHolds(cu, r.dst + dbytes - kTail, kTail, 0xA5));
  out.device_to_device = {dbytes, o.repeats, d2d, 2.0 * static_cast<double>(dbytes) / (d2d * 1e6), d2d_ok};
  GS_TRY(h2d, TimeMedianMs(cu, r, 2, o.repeats, [&] { return cu.cuMemcpyHtoDAsync(r.dst, r.host, hbytes, nullptr); },
                           phase(1.0 / 3)));
  GS_TRY(h2d_ok, DeviceHolds(cu, r.dst, kTail, 0x5A));
  out.host_to_device = {hbytes, o.repeats, h2d, static_cast<double>(hbytes) / (h2d * 1e6), h2d_ok};
  if (o.while_busy) GS_CHECK(WhileBusy(cu, r, hbytes, o.while_busy));
  std::memset(r.host, 0, hbytes);
  GS_TRY(d2h, TimeMedianMs(cu, r, 2, o.repeats, [&] { return cu.cuMemcpyDtoHAsync(r.host, r.src, hbytes, nullptr); },
                           phase(2.0 / 3)));
  const auto* h = static_cast<const unsigned char*>(r.host);
  out.device_to_host = {hbytes, o.repeats, d2h, static_cast<double>(hbytes) / (d2h * 1e6), h[0] == 0xA5 && h[hbytes - 1] == 0xA5};
  return out;
}

}  // namespace gpuscout::probe
