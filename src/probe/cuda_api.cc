#include "probe/cuda_api.h"

#include "base/env.h"

#include <cstdlib>

namespace gpuscout::probe {

std::string CudaLibraryName() {
  return Env::System().Var("GPUSCOUT_LIBCUDA").value_or("libcuda.so.1");
}

std::string CudaApi::ErrorText(int code) const {
  const char* name = nullptr;
  if (cuGetErrorName && cuGetErrorName(code, &name) == kCudaSuccess && name) {
    return std::string(name) + " (" + std::to_string(code) + ")";
  }
  // The toolkit's stub answers every call, cuGetErrorName too, with an error:
  // name the codes the probe explains from cuda.h.
  switch (code) {
    case kCudaErrorNotInitialized: return "CUDA_ERROR_NOT_INITIALIZED (3)";
    case kCudaErrorStubLibrary: return "CUDA_ERROR_STUB_LIBRARY (34)";
    case kCudaErrorInsufficientDriver: return "CUDA_ERROR_INSUFFICIENT_DRIVER (35)";
    case kCudaErrorNoDevice: return "CUDA_ERROR_NO_DEVICE (100)";
    default: return "CUresult " + std::to_string(code);
  }
}

Result<std::shared_ptr<const CudaApi>> LoadCudaApi(const std::string& library) {
  GS_TRY(lib, DynamicLibrary::Open(library));
  auto api = std::make_shared<CudaApi>();
  api->library = lib;
  const DynamicLibrary& l = *lib;
  const char* missing = nullptr;
  auto bind = [&](const char* symbol, auto& fn) {
    if (!l.Bind(symbol, fn) && !missing) missing = symbol;
  };
  bind("cuInit", api->cuInit);
  bind("cuDriverGetVersion", api->cuDriverGetVersion);
  bind("cuDeviceGetCount", api->cuDeviceGetCount);
  bind("cuDeviceGet", api->cuDeviceGet);
  bind("cuDeviceGetName", api->cuDeviceGetName);
  bind("cuDeviceTotalMem_v2", api->cuDeviceTotalMem);
  bind("cuDeviceGetAttribute", api->cuDeviceGetAttribute);
  bind("cuDevicePrimaryCtxRetain", api->cuDevicePrimaryCtxRetain);
  bind("cuDevicePrimaryCtxRelease_v2", api->cuDevicePrimaryCtxRelease);
  bind("cuCtxSetCurrent", api->cuCtxSetCurrent);
  bind("cuCtxSynchronize", api->cuCtxSynchronize);
  bind("cuMemAlloc_v2", api->cuMemAlloc);
  bind("cuMemFree_v2", api->cuMemFree);
  bind("cuMemAllocHost_v2", api->cuMemAllocHost);
  bind("cuMemFreeHost", api->cuMemFreeHost);
  bind("cuMemsetD8_v2", api->cuMemsetD8);
  bind("cuMemcpyDtoDAsync_v2", api->cuMemcpyDtoDAsync);
  bind("cuMemcpyHtoDAsync_v2", api->cuMemcpyHtoDAsync);
  bind("cuMemcpyDtoHAsync_v2", api->cuMemcpyDtoHAsync);
  bind("cuMemcpyDtoH_v2", api->cuMemcpyDtoH);
  bind("cuEventCreate", api->cuEventCreate);
  bind("cuEventRecord", api->cuEventRecord);
  bind("cuEventSynchronize", api->cuEventSynchronize);
  bind("cuEventElapsedTime", api->cuEventElapsedTime);
  bind("cuEventDestroy_v2", api->cuEventDestroy);
  bind("cuGetErrorName", api->cuGetErrorName);
  if (missing) {
    return Fail(ExitCode::kEnvironment,
                library + " lacks " + missing + ": not a CUDA driver library this probe can use");
  }
  return std::shared_ptr<const CudaApi>(std::move(api));
}

}  // namespace gpuscout::probe
