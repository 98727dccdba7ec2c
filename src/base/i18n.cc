#include "base/i18n.h"

#include <array>
#include <unordered_map>

namespace gpuscout {
namespace {

using Entry = MessageEntry;

// Table headers and words; the sentences are in message_table.cc.
constexpr std::array kEntries = {
    Entry{"vendor", "VENDOR", "厂商"},
    Entry{"instance_type", "INSTANCE", "实例规格"},
    Entry{"region", "REGION", "地域"},
    Entry{"zone", "ZONE", "可用区"},
    Entry{"gpu", "GPU", "GPU"},
    Entry{"gpu_count", "GPUS", "GPU数"},
    Entry{"gpu_mem_gib", "GPU_MEM_GiB", "显存GiB"},
    Entry{"vcpus", "vCPU", "vCPU"},
    Entry{"mem_gib", "MEM_GiB", "内存GiB"},
    Entry{"price_hour", "PRICE/h", "按量/小时"},
    Entry{"spot_price_hour", "SPOT/h", "竞价/小时"},
    Entry{"reserved_hour", "RESERVED/h", "预留/小时"},
    Entry{"monthly_price", "MONTHLY", "包年包月/月"},
    Entry{"currency", "CUR", "币种"},
    Entry{"flags", "FLAGS", "标记"},
    Entry{"network", "NETWORK", "网络"},
    Entry{"source", "SOURCE", "来源"},
    Entry{"name", "NAME", "名称"},
    Entry{"architecture", "ARCH", "架构"},
    Entry{"compute_capability", "CC", "计算能力"},
    Entry{"memory_gb", "MEM_GB", "显存GB"},
    Entry{"memory_bandwidth_gbps", "BW_GB/s", "带宽GB/s"},
    Entry{"fp32_tflops", "FP32", "FP32"},
    Entry{"tf32_tensor_tflops", "TF32", "TF32"},
    Entry{"fp16_tensor_tflops", "FP16", "FP16"},
    Entry{"bf16_tensor_tflops", "BF16", "BF16"},
    Entry{"int8_tops", "INT8", "INT8"},
    Entry{"interconnect", "INTERCONNECT", "互联"},
    Entry{"pcie_gen", "PCIe", "PCIe"},
    Entry{"offers", "OFFERS", "报价数"},
    Entry{"missing", "MISSING", "缺少的数据"},
    Entry{"setup", "SETUP", "配置"},
    Entry{"per_gpu_hour", "PER GPU-H", "每 GPU 小时"},
    Entry{"not_estimated", "Not estimated (no speed figure for the GPU; gpuscout gpus --missing), listed apart:",
          "未估算（没有该 GPU 的速度数据；见 gpuscout gpus --missing），单独列出："},
    Entry{"purchase.on-demand", "on demand", "按量计费"},
    Entry{"purchase.spot", "on spot", "竞价"},
    Entry{"purchase.reserved-1y", "reserved for 1 year", "预留 1 年"},
    Entry{"purchase.reserved-3y", "reserved for 3 years", "预留 3 年"},
    Entry{"purchase.savings-1y", "with a 1-year savings plan", "1 年节省计划"},
    Entry{"purchase.savings-3y", "with a 3-year savings plan", "3 年节省计划"},
    Entry{"purchase.monthly", "by the month", "包月"},
    Entry{"precision.bf16", "bf16 needs an Ampere or newer NVIDIA GPU (CDNA 2 or newer on AMD)",
          "bf16 需要 Ampere 或更新的 NVIDIA GPU（AMD 需 CDNA 2 或更新）"},
    Entry{"precision.fp8", "fp8 needs an Ada, Hopper or Blackwell GPU (CDNA 3 on AMD)",
          "fp8 需要 Ada、Hopper 或 Blackwell GPU（AMD 需 CDNA 3）"},
    Entry{"precision.fp4", "fp4 needs a Blackwell GPU", "fp4 需要 Blackwell GPU"},
    Entry{"file", "FILE", "文件"},
    Entry{"format", "FORMAT", "格式"},
    Entry{"rows", "ROWS", "行数"},
    Entry{"date", "DATE", "日期"},
    Entry{"prices_as_of", "PRICES AS OF", "价格日期"},
    Entry{"age_days", "AGE (DAYS)", "天数"},
    Entry{"origin", "ORIGIN", "出处"},
    Entry{"as_of", "AS OF", "日期"},
    Entry{"zones", "ZONES", "可用区"},
    Entry{"origin:snapshot", "snapshot", "快照"},
    Entry{"origin:import", "import", "导入"},
    Entry{"origin:folder", "folder", "文件夹"},
    Entry{"origin:refresh", "refresh", "刷新"},
    Entry{"kept", "KEPT", "保留"},
    Entry{"skipped", "SKIPPED", "跳过"},
    Entry{"no_offers", "No offer matches these filters.", "没有符合条件的报价。"},
    Entry{"rate_note", "Prices in more than one currency were converted at",
          "不同币种的价格已按此汇率换算："},
    Entry{"mixed_note", "Currencies are mixed; sorted by USD equivalent at",
          "列表含多种币种，按美元等值排序，汇率："},
    Entry{"missing_note", "'-' = no published price (never read as 0).",
          "'-' 表示无公开价格（不按 0 计）。"},
    Entry{"cheapest_region_note",
          "Cheapest region per instance type; --all-regions lists every region.",
          "每种实例只显示最便宜的地域；--all-regions 显示全部地域。"},
    Entry{"unknown_gpu", "unknown GPU", "未知的 GPU"},
    Entry{"did_you_mean", "did you mean", "您是否想输入"},
    Entry{"error", "error", "错误"},
    Entry{"valid", "valid", "有效"},
    Entry{"imported", "imported", "已导入"},
    Entry{"probe_machine", "== Machine ==", "== 机器 =="},
    Entry{"probe_host_bandwidth", "== Host memory bandwidth ==", "== 主机内存带宽 =="},
    Entry{"probe_network", "== Network ==", "== 网络 =="},
    Entry{"probe_compatibility", "== Compatibility ==", "== 兼容性 =="},
    Entry{"probe_promised", "promised vs measured", "承诺与实测"},
    Entry{"probe_findings", "== Findings ==", "== 发现 =="},
    Entry{"probe_gpus", "== GPUs ==", "== GPU =="},
    Entry{"rank", "#", "#"},
    Entry{"nodes", "NODES", "节点"},
    Entry{"layout", "LAYOUT", "布局"},
    Entry{"purchase", "PURCHASE", "购买方式"},
    Entry{"price", "PRICE", "单价"},
    Entry{"hours", "HOURS", "小时"},
    Entry{"total_cost", "TOTAL", "总价"},
    Entry{"nothing_meets", "Nothing meets the constraints.", "没有满足约束的方案。"},
    Entry{"pareto_front", "Pareto front of cost against time:", "成本与时间的帕累托前沿："},
    Entry{"assumed_discount", "* a default discount, not a published price", "* 价格为假定折扣（无公开价格）"},
    Entry{"candidates_priced", "candidates priced: ", "评估的方案："},
    Entry{"rejected", "rejected:", "淘汰："},
    Entry{"relax", "relax: ", "放宽约束："},
    Entry{"replicas", "REPLICAS", "副本"},
    Entry{"ttft_ms", "TTFT-MS", "首TOKEN-毫秒"},
    Entry{"tpot_ms", "TPOT-MS", "每TOKEN-毫秒"},
    Entry{"per_month", "PER-MONTH", "每月"},
    Entry{"per_million_tokens", "PER-M-TOKENS", "每百万TOKEN"},
    Entry{"assumptions", "Assumptions:", "假设："},
    Entry{"memory_per_gpu", "MEMORY PER GPU", "显存（每块 GPU）"},
    Entry{"fits", "FITS", "可以放下"},
    Entry{"does_not_fit", "DOES NOT FIT", "放不下"},
    Entry{"mem_weights", "weights", "权重"},
    Entry{"mem_gradients", "gradients", "梯度"},
    Entry{"mem_optimizer", "optimizer states", "优化器状态"},
    Entry{"mem_activations", "activations", "激活"},
    Entry{"mem_kv_cache", "KV cache", "KV 缓存"},
    Entry{"mem_overhead", "CUDA context + reserve", "CUDA 上下文与预留"},
    Entry{"mem_total", "total", "合计"},
    Entry{"mem_capacity", "capacity", "容量"},
    Entry{"alt_h_option", "OPTION", "方案"},
    Entry{"alt_h_where", "WHERE", "位置"},
    Entry{"alt_h_latency_ms", "LATENCY ms", "延迟 ms"},
    Entry{"alt_h_throughput", "THROUGHPUT", "吞吐"},
    Entry{"alt_h_monthly_cost", "PER MONTH", "每月"},
    Entry{"alt_h_currency", "CUR", "币种"},
    Entry{"alt_h_note", "NOTE", "说明"},
    Entry{"this machine", "this machine", "本机"},
    Entry{"cost_h_purchase", "OPTION", "购买方式"},
    Entry{"probe_l_cpu", "CPU", "CPU"},
    Entry{"probe_l_caches", "caches", "缓存"},
    Entry{"probe_l_memory", "memory", "内存"},
    Entry{"probe_l_os", "OS", "操作系统"},
    Entry{"probe_l_hypervisor", "hypervisor", "虚拟化"},
    Entry{"probe_l_container", "container", "容器"},
    Entry{"probe_l_driver", "driver", "驱动"},
    Entry{"probe_h_check", "CHECK", "检查项"},
    Entry{"probe_h_promised", "PROMISED", "承诺"},
    Entry{"probe_h_measured", "MEASURED", "实测"},
    Entry{"probe_h_ok", "OK", "合格"},
    Entry{"yes", "yes", "是"},
    Entry{"colon", ": ", "："},
    Entry{"list_separator", "; ", "；"},
    Entry{"no", "no", "否"},
    Entry{"NO", "NO", "否"},
    Entry{"none", "none", "无"},
    Entry{"vendors_h_vendor", "VENDOR", "厂商"},
    Entry{"vendors_h_gpu", "GPU", "GPU"},
    Entry{"vendors_h_offers", "OFFERS", "报价数"},
    Entry{"vendors_h_median_per_gpu_hour", "MEDIAN/GPU-h", "中位数/卡时"},
    Entry{"vendors_h_cheapest_per_gpu_hour", "CHEAPEST/GPU-h", "最低/卡时"},
    Entry{"vendors_h_cheapest_offer", "CHEAPEST OFFER", "最便宜的报价"},
    Entry{"cost_h_rate", "RATE", "单价"},
    Entry{"cost_h_total", "TOTAL", "总价"},
    Entry{"cost_h_compute", "COMPUTE", "计算"},
    Entry{"cost_h_interruption", "INTERRUPTIONS", "中断"},
    Entry{"cost_h_storage", "STORAGE", "存储"},
    Entry{"cost_h_egress", "EGRESS", "出流量"},
    Entry{"cost_h_discount", "DISCOUNT", "折扣"},
    Entry{"cost_h_effective_hourly", "EFFECTIVE/h", "折合/小时"},
    Entry{"cost_h_break_even_hours_per_month", "BREAK-EVEN h/month", "盈亏平衡 小时/月"},
    Entry{"cost_h_note", "NOTE", "说明"},
};

}  // namespace

std::optional<Lang> ParseLang(std::string_view code) {
  if (code == "en") return Lang::kEn;
  if (code == "zh" || code == "zh-CN" || code == "cn") return Lang::kZh;
  return std::nullopt;
}

std::span<const MessageEntry> WordTable() { return kEntries; }

std::optional<std::string_view> Lookup(Lang lang, std::string_view key) {
  static const auto* const kIndex = [] {
    auto* index = new std::unordered_map<std::string_view, const MessageEntry*>;
    for (const auto& e : WordTable()) index->emplace(e.key, &e);
    for (const auto& e : SentenceTable()) index->emplace(e.key, &e);
    return index;
  }();
  auto it = kIndex->find(key);
  if (it == kIndex->end()) return std::nullopt;
  const MessageEntry& e = *it->second;
  return lang == Lang::kZh && !e.zh.empty() ? e.zh : e.en;
}

std::string_view Tr(Lang lang, std::string_view key) { return Lookup(lang, key).value_or(key); }

}  // namespace gpuscout
