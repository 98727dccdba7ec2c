#include "workload/workload.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace gpuscout {
namespace {

template <typename E, size_t N>
std::optional<E> Lookup(const std::array<std::pair<std::string_view, E>, N>& table,
                        std::string_view s) {
  for (const auto& [name, value] : table) {
    if (name == s) return value;
  }
  return std::nullopt;
}

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<std::string_view, E>, N>& table, E e) {
  for (const auto& [name, value] : table) {
    if (value == e) return name;
  }
  return "?";
}

constexpr std::array<std::pair<std::string_view, Task>, 11> kTasks = {{
    {"train", Task::kTrain}, {"finetune", Task::kFinetune}, {"lora", Task::kLora},
    {"qlora", Task::kQlora}, {"infer", Task::kInfer}, {"serve", Task::kInfer}, {"cnn-train", Task::kCnnTrain},
    {"cnn-infer", Task::kCnnInfer}, {"render", Task::kRender}, {"hpc", Task::kHpc},
    {"stream", Task::kStream}}};
constexpr std::array<std::pair<std::string_view, Precision>, 7> kPrecisions = {{
    {"fp32", Precision::kFp32}, {"bf16", Precision::kBf16}, {"fp16", Precision::kFp16},
    {"fp8", Precision::kFp8}, {"int8", Precision::kInt8}, {"int4", Precision::kInt4}, {"fp4", Precision::kFp4}}};
constexpr std::array<std::pair<std::string_view, Recompute>, 3> kRecompute = {{
    {"none", Recompute::kNone}, {"selective", Recompute::kSelective}, {"full", Recompute::kFull}}};
constexpr std::array<std::pair<std::string_view, Network>, 7> kNetworks = {{
    {"none", Network::kNone}, {"efa", Network::kEfa}, {"infiniband", Network::kInfiniBand},
    {"ib", Network::kInfiniBand}, {"erdma", Network::kErdma}, {"roce", Network::kRoce},
    {"tcp", Network::kTcp}}};

}  // namespace

std::optional<Task> ParseTask(std::string_view s) { return Lookup(kTasks, s); }
std::optional<Precision> ParsePrecision(std::string_view s) { return Lookup(kPrecisions, s); }
std::optional<Recompute> ParseRecompute(std::string_view s) { return Lookup(kRecompute, s); }
std::optional<Network> ParseNetwork(std::string_view s) { return Lookup(kNetworks, s); }
std::string_view TaskName(Task t) { return NameOf(kTasks, t); }

std::vector<std::string_view> TaskNames() {
  std::vector<std::string_view> out;
  for (const auto& [name, task] : kTasks) out.push_back(name);
  return out;
}

std::vector<std::string_view> PrecisionNames() {
  std::vector<std::string_view> out;
  for (const auto& [name, precision] : kPrecisions) out.push_back(name);
  return out;
}
std::string_view PrecisionName(Precision p) { return NameOf(kPrecisions, p); }
std::string_view StackName(Stack s) { return s == Stack::kTuned ? "tuned" : "stock"; }
std::string_view NetworkName(Network n) { return NameOf(kNetworks, n); }
std::string_view RecomputeName(Recompute r) { return NameOf(kRecompute, r); }

std::string_view UnsupportedPrecision(const GpuSpec& gpu, Precision p) {
  if (p == Precision::kBf16 && !gpu.bf16_tflops) return "precision.bf16";
  if (p == Precision::kFp8 && !gpu.fp8) return "precision.fp8";
  if (p == Precision::kFp4 && gpu.generation != "blackwell") return "precision.fp4";
  return {};
}

double BytesPer(Precision p) {
  switch (p) {
    case Precision::kFp32: return 4;
    case Precision::kBf16:
    case Precision::kFp16: return 2;
    case Precision::kFp8:
    case Precision::kInt8: return 1;
    case Precision::kInt4:
    case Precision::kFp4: return 0.5;
  }
  return 2;
}

void ApplyOffer(const Offer& offer, Hardware& hw) {
  hw.network = Network::kTcp;
  if (!offer.rdma.empty() && offer.rdma != "none") {
    std::string lower(offer.rdma);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    hw.network = ParseNetwork(lower).value_or(Network::kTcp);
  }
  if (offer.rdma_gbps) hw.network_gbps = *offer.rdma_gbps;
  hw.host_mem_gib = offer.mem_gib.value_or(0);
  hw.vcpus = offer.vcpus.value_or(0);
}

Hardware OfferHardware(const Offer& offer, const GpuSpec* gpu, int nodes) {
  Hardware hw;
  hw.gpu = gpu;
  hw.gpus_per_node = std::max(1, static_cast<int>(offer.gpu_count));
  hw.nodes = nodes;
  hw.memory_gib = offer.gpu_mem_gib.value_or(0);
  ApplyOffer(offer, hw);
  return hw;
}

bool IsTraining(Task t) {
  return t == Task::kTrain || t == Task::kFinetune || t == Task::kLora || t == Task::kQlora ||
         t == Task::kCnnTrain;
}

}  // namespace gpuscout
