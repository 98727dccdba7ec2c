// The CUDA driver API (libcuda.so.1), loaded at run time. Only the calls the
// probe makes, with the versioned symbol names the driver exports
// (cuMemAlloc_v2 ...). Types are the driver API's, spelled as plain C types.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "base/error.h"
#include "probe/dynamic_library.h"

namespace gpuscout::probe {

// CUresult values the probe explains.
inline constexpr int kCudaSuccess = 0;
inline constexpr int kCudaErrorNotInitialized = 3;
inline constexpr int kCudaErrorStubLibrary = 34;
inline constexpr int kCudaErrorInsufficientDriver = 35;
inline constexpr int kCudaErrorNoDevice = 100;

// CUdevice_attribute values.
inline constexpr int kAttrMultiprocessorCount = 16;
inline constexpr int kAttrPciBusId = 33;
inline constexpr int kAttrPciDeviceId = 34;
inline constexpr int kAttrPciDomainId = 50;
inline constexpr int kAttrComputeCapabilityMajor = 75;
inline constexpr int kAttrComputeCapabilityMinor = 76;

using CuDevicePtr = unsigned long long;
using CuContext = void*;
using CuEvent = void*;
using CuStream = void*;

struct CudaApi {
  std::shared_ptr<DynamicLibrary> library;
  int (*cuInit)(unsigned int) = nullptr;
  int (*cuDriverGetVersion)(int*) = nullptr;
  int (*cuDeviceGetCount)(int*) = nullptr;
  int (*cuDeviceGet)(int*, int) = nullptr;
  int (*cuDeviceGetName)(char*, int, int) = nullptr;
  int (*cuDeviceTotalMem)(size_t*, int) = nullptr;  // cuDeviceTotalMem_v2
  int (*cuDeviceGetAttribute)(int*, int, int) = nullptr;
  int (*cuDevicePrimaryCtxRetain)(CuContext*, int) = nullptr;
  int (*cuDevicePrimaryCtxRelease)(int) = nullptr;  // cuDevicePrimaryCtxRelease_v2
  int (*cuCtxSetCurrent)(CuContext) = nullptr;
  int (*cuCtxSynchronize)() = nullptr;
  int (*cuMemAlloc)(CuDevicePtr*, size_t) = nullptr;  // _v2
  int (*cuMemFree)(CuDevicePtr) = nullptr;            // _v2
  int (*cuMemAllocHost)(void**, size_t) = nullptr;    // _v2
  int (*cuMemFreeHost)(void*) = nullptr;
  int (*cuMemsetD8)(CuDevicePtr, unsigned char, size_t) = nullptr;  // _v2
  int (*cuMemcpyDtoDAsync)(CuDevicePtr, CuDevicePtr, size_t, CuStream) = nullptr;  // _v2
  int (*cuMemcpyHtoDAsync)(CuDevicePtr, const void*, size_t, CuStream) = nullptr;  // _v2
  int (*cuMemcpyDtoHAsync)(void*, CuDevicePtr, size_t, CuStream) = nullptr;        // _v2
  int (*cuMemcpyDtoH)(void*, CuDevicePtr, size_t) = nullptr;                       // _v2
  int (*cuEventCreate)(CuEvent*, unsigned int) = nullptr;
  int (*cuEventRecord)(CuEvent, CuStream) = nullptr;
  int (*cuEventSynchronize)(CuEvent) = nullptr;
  int (*cuEventElapsedTime)(float*, CuEvent, CuEvent) = nullptr;
  int (*cuEventDestroy)(CuEvent) = nullptr;  // _v2
  int (*cuGetErrorName)(int, const char**) = nullptr;

  // "CUDA_ERROR_STUB_LIBRARY (34)"
  std::string ErrorText(int code) const;
};

// The library name to load: $GPUSCOUT_LIBCUDA when set (tests use a fake), else libcuda.so.1.
std::string CudaLibraryName();

// Opens the library and binds every symbol. Does not call cuInit.
Result<std::shared_ptr<const CudaApi>> LoadCudaApi(const std::string& library);

}  // namespace gpuscout::probe
