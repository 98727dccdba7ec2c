// Single-precision FLOP/s of this machine's CPU, measured on every core with
// independent multiply-add chains. Compiled for the baseline instruction set
// (no -march), so it is a lower bound for libraries that use AVX2/AVX-512.
#pragma once

namespace gpuscout::probe {

struct CpuFlops {
  int threads = 0;
  double gflops = 0;
};

CpuFlops MeasureCpuFlops(double seconds = 0.1);

}  // namespace gpuscout::probe
