// gpuscout completion bash|zsh: a completion script generated from the
// command table itself (every subcommand and option the parser knows, at
// every depth) and from the data (GPU, vendor and model names of the
// catalog and the model table), so it cannot drift from the program.
// zsh runs the same functions through its bashcompinit layer.
#include <fmt/format.h>

#include <map>
#include <set>
#include <sstream>

// GCC 12 reports a null dereference inside CLI11's split() when it inlines
// it here (a false positive of -Wnull-dereference in std::string's move):
// silenced for the library's header only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include "cli/commands.h"
#pragma GCC diagnostic pop
#include "base/strings.h"
#include "workload/engine.h"
#include "workload/workload.h"

namespace gpuscout::cli {
namespace {

struct Tables {
  std::map<std::string, std::vector<std::string>> subs;  // command path -> its subcommands
  std::map<std::string, std::vector<std::string>> opts;  // command path -> its options
  std::set<std::string> valued;                          // options that take a value
};

// The parser's tree, walked from `app`; `path` is "" for the root.
void Walk(const CLI::App& app, const std::string& path, Tables& t) {
  for (const CLI::Option* o : app.get_options()) {
    if (!o->nonpositional() || o->get_group().empty()) continue;  // positionals, hidden options
    for (const auto& name : o->get_lnames()) {
      t.opts[path].push_back("--" + name);
      if (o->get_items_expected_min() > 0) t.valued.insert("--" + name);
    }
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    t.subs[path].push_back(sub->get_name());
    Walk(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), t);
  }
}

// The names an option's value can be: from the data where they are data.
std::map<std::string, std::vector<std::string>> Values(Context& ctx) {
  std::map<std::string, std::vector<std::string>> v;
  auto strings = [](const auto& views) {
    std::vector<std::string> out;
    for (const auto& s : views) out.emplace_back(s);
    return out;
  };
  if (auto catalog = ctx.GetCatalog()) {
    for (const auto& g : (*catalog)->gpus().specs()) v["--gpu"].push_back(g.name);
    std::set<std::string> vendors;
    for (const auto& o : (*catalog)->offers()) vendors.insert(o.vendor);
    v["--vendor"].assign(vendors.begin(), vendors.end());
  }
  if (auto estimator = ctx.GetEstimator()) {
    for (const auto& m : (*estimator)->models().models()) v["--model"].push_back(m.name);
  }
  v["--task"] = strings(TaskNames());
  v["--precision"] = strings(PrecisionNames());
  for (int e = 0; e < static_cast<int>(Engine::kCount); ++e) v["--engine"].emplace_back(EngineName(static_cast<Engine>(e)));
  v["--format"] = {"table", "json", "csv"};
  v["--lang"] = {"en", "zh"};
  v["--currency"] = {"USD", "CNY"};
  v["--example"] = {"diurnal", "spiky", "weekly"};
  v["--sort"] = {"price", "price-per-gpu", "gpu-mem"};
  v["--purchase"] = {"on-demand", "spot", "reserved-1y", "reserved-3y", "savings-1y", "savings-3y", "monthly"};
  v["--source-format"] = {"skypilot", "vantage", "alibaba-prices", "alibaba-specs", "tencent", "gpuscout-offers"};
  v["--network"] = {"efa", "infiniband", "erdma", "roce", "tcp"};
  return v;
}

// A shell `case` on $1 printing each key's words.
std::string CaseFunction(const std::string& name, const std::map<std::string, std::vector<std::string>>& table) {
  std::string out = name + "() {\n  case \"$1\" in\n";
  for (const auto& [key, words] : table) out += fmt::format("    '{}') echo '{}' ;;\n", key, Join(words, " "));
  return out + "  esac\n}\n";
}

constexpr const char* kDriver = R"sh(
# The command path so far (subcommands only; options and their values are
# skipped), then what may come at the cursor. A value of a list option
# (--gpu A10,L4) is completed after its last comma.
_gpuscout() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" path="" w i skip=0
  (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w="${COMP_WORDS[i]}"
    if (( skip )); then skip=0; continue; fi
    case " $_gpuscout_valued " in *" $w "*) skip=1; continue ;; esac
    case "$w" in -*) continue ;; esac
    case " $(_gpuscout_subs "$path") " in *" $w "*) path="${path:+$path }$w" ;; esac
  done
  COMPREPLY=()
  case " $_gpuscout_valued " in
    *" $prev "*)
      local values head=""
      values="$(_gpuscout_values "$prev")"
      if [ -z "$values" ]; then COMPREPLY=( $(compgen -f -- "$cur") ); return 0; fi
      case "$cur" in *,*) head="${cur%,*},"; cur="${cur##*,}" ;; esac
      COMPREPLY=( $(compgen -P "$head" -W "$values" -- "$cur") )
      return 0 ;;
  esac
  case "$cur" in
    -*) COMPREPLY=( $(compgen -W "$(_gpuscout_opts "$path") $(_gpuscout_opts '')" -- "$cur") ); return 0 ;;
  esac
  local subs
  subs="$(_gpuscout_subs "$path")"
  if [ -n "$subs" ]; then COMPREPLY=( $(compgen -W "$subs" -- "$cur") ); else COMPREPLY=( $(compgen -f -- "$cur") ); fi
  return 0
}
complete -F _gpuscout gpuscout
)sh";

std::string Script(const CLI::App& root, Context& ctx, const std::string& shell) {
  Tables t;
  Walk(root, "", t);
  std::ostringstream out;
  out << "# gpuscout completion for " << shell << ", generated by `gpuscout completion " << shell << "`.\n";
  if (shell == "zsh") {
    out << "# Load it with: source <(gpuscout completion zsh)   (it turns on zsh's bashcompinit)\n"
        << "autoload -U +X compinit && { (( $+functions[compdef] )) || compinit -u; }\n"
        << "autoload -U +X bashcompinit && bashcompinit\n";
  } else {
    out << "# Load it with: source <(gpuscout completion bash), or save it under\n"
        << "# ~/.local/share/bash-completion/completions/gpuscout\n";
  }
  out << "_gpuscout_valued='" << Join(std::vector<std::string>(t.valued.begin(), t.valued.end()), " ") << "'\n"
      << CaseFunction("_gpuscout_subs", t.subs) << CaseFunction("_gpuscout_opts", t.opts)
      << CaseFunction("_gpuscout_values", Values(ctx)) << kDriver;
  return out.str();
}

}  // namespace

void AddCompletionCommand(CLI::App& app, Context& ctx, Registered& out) {
  auto shell = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("completion", "Print a shell completion script: subcommands, options, GPU, vendor and model names");
  sub->add_option("shell", *shell, "bash or zsh")->required();
  out.emplace_back(sub, [&app, &ctx, shell]() -> CommandResult {
    if (*shell != "bash" && *shell != "zsh") {
      return tl::unexpected(OptionError("shell", "'" + *shell + "': bash or zsh"));
    }
    *ctx.out << Script(app, ctx, *shell);
    return 0;
  });
}

}  // namespace gpuscout::cli
