#include "codec/fleet_yaml.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "codec/scale_json.h"

namespace gpuscout {
namespace {

// JSON to YAML, numbers in their shortest round-trip form (0.7, not
// yaml-cpp's 0.69999999999999996).
YAML::Node ToYaml(const nlohmann::json& j) {
  YAML::Node n;
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) n[k] = ToYaml(v);
  } else if (j.is_array()) {
    n = YAML::Node(YAML::NodeType::Sequence);
    for (const auto& v : j) n.push_back(ToYaml(v));
  } else if (j.is_boolean()) {
    n = j.get<bool>();
  } else if (j.is_number_integer()) {
    n = j.get<int64_t>();
  } else if (j.is_number()) {
    n = fmt::format("{}", j.get<double>());
  } else {
    n = j.get<std::string>();
  }
  return n;
}

// The policy as the fleet file reads it: empty step lists left out.
nlohmann::json PolicyKeys(const PolicyConfig& c) {
  nlohmann::json j = PolicyToJson(c);
  for (const char* k : {"out_steps", "in_steps"}) {
    if (j.contains(k) && j[k].empty()) j.erase(k);
  }
  return j;
}

// A relative trace path of `node`, read from `from`: kept where the file
// stays in the same folder, made absolute where it moves.
void Rebase(YAML::Node node, const std::filesystem::path& from, const std::filesystem::path& to) {
  if (!node.IsMap() || !node["trace"] || !node["trace"].IsScalar()) return;
  const std::filesystem::path trace = node["trace"].as<std::string>();
  std::error_code ec;
  const auto a = std::filesystem::absolute(from, ec).lexically_normal();
  const auto b = std::filesystem::absolute(to, ec).lexically_normal();
  if (ec || trace.is_absolute() || a == b) return;
  node["trace"] = (a / trace).lexically_normal().generic_string();
}

}  // namespace

Result<std::string> TunedFleetYaml(const std::string& fleet_text, const std::vector<TuneResult>& results,
                                   const std::string& from_dir, const std::string& to_dir) {
  YAML::Node root;
  try {
    root = YAML::Load(fleet_text);
  } catch (const YAML::Exception& e) {
    return Fail(ExitCode::kBadInput, std::string("the fleet file: ") + e.what());
  }
  if (!root.IsMap()) return Fail(ExitCode::kBadInput, "the fleet file is not a mapping");
  const bool flat = !root["pools"];
  Rebase(root, from_dir, to_dir);
  if (!flat && root["pools"].IsSequence()) {
    for (auto pool : root["pools"]) Rebase(pool, from_dir, to_dir);
  }
  for (size_t i = 0; i < results.size(); ++i) {
    const TuneResult& t = results[i];
    if (!t.found) continue;
    YAML::Node pool = flat ? root : root["pools"][i];
    if (!pool.IsMap()) return Fail(ExitCode::kBadInput, fmt::format("the fleet file has no pool {}", i + 1));
    pool["min_nodes"] = t.best.min_nodes;
    if (t.best.policy.type == PolicyType::kNone) continue;
    pool.remove("cooldown_s");
    // The type first, as people write it.
    nlohmann::json keys = PolicyKeys(t.best.policy);
    YAML::Node policy;
    policy["type"] = keys["type"].get<std::string>();
    keys.erase("type");
    for (const auto& [k, v] : keys.items()) policy[k] = ToYaml(v);
    pool["policy"] = policy;
  }
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str()) + "\n";
}

}  // namespace gpuscout
