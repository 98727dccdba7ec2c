#!/usr/bin/env bash
# `gpuscout completion bash|zsh` loaded into real shells and asked for the
# words at a few prefixes, as a user's Tab would: subcommands at two depths,
# options, and the names of GPUs, vendors and models from the data. zsh runs
# the script through its bashcompinit layer; its completion system filters
# by prefix itself, so the zsh side keeps the candidates that start with the
# word, as compadd would.
# usage: check_completion.sh GPUSCOUT
set -u
BIN=$1
export GPUSCOUT_HOME=$(mktemp -d)
trap 'rm -rf "$GPUSCOUT_HOME"' EXIT
pass=0 fail=0
cases=(
  # words before the cursor | the word at the cursor | a candidate that must be offered | one that must not
  "gpuscout|off|offers|gpus"
  "gpuscout catalog|im|import|info"
  "gpuscout scale|si|simulate|tune"
  "gpuscout offers|--gp|--gpu|--vendor"
  "gpuscout offers --gpu|H1|H100|A100-80GB"
  "gpuscout offers --gpu|A10,L|A10,L4|L4"
  "gpuscout recommend --vendor|a|aws|gcp"
  "gpuscout estimate --model|Llama-3.1-|Llama-3.1-70B|Qwen2.5-7B"
  "gpuscout --format json scale|tu|tune|simulate"
  "gpuscout scale tune|--wr|--write|--threads"
  "gpuscout estimate --task|cnn|cnn-train|lora"
)
check() {  # check SHELL CASE OUTPUT
  local shell=$1 spec=$2 got=" $3 "
  IFS='|' read -r before word want reject <<<"$spec"
  if [[ $got == *" $want "* && $got != *" $reject "* ]]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $shell: '$before $word' should offer $want and not $reject; got:${got:0:300}"
  fi
}
for spec in "${cases[@]}"; do
  IFS='|' read -r before word _ _ <<<"$spec"
  out=$(bash -c 'source <("$1" completion bash) || exit 1
    read -ra COMP_WORDS <<<"$2"; COMP_WORDS+=("$3"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _gpuscout
    echo "${COMPREPLY[*]}"' _ "$BIN" "$before" "$word")
  check bash "$spec" "$out"
  if command -v zsh >/dev/null; then
    out=$(zsh -f -c 'source <("$1" completion zsh) || exit 1
      local -a words COMP_WORDS; local CURRENT COMP_CWORD
      words=(${=2} "$3"); CURRENT=${#words}; COMP_WORDS=("${words[@]}"); COMP_CWORD=$(( CURRENT - 1 ))
      print -r -- ${(M)${(f)"$(compgen -F _gpuscout -- "$3")"}:#${3}*}' _ "$BIN" "$before" "$word")
    check zsh "$spec" "$out"
  else
    fail=$((fail + 1))
    echo "FAIL zsh is not installed (scripts/install-deps installs it)"
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
