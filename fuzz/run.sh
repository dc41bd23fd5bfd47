#!/usr/bin/env bash
# Runs one fuzz target for a while, in one process (libFuzzer without -jobs: one
# core), with a seeded corpus.
#   fuzz/run.sh yaml_file 600      # 10 minutes
# Needs cargo-fuzz and a nightly toolchain (or RUSTC_BOOTSTRAP=1 on stable).
# Prints libFuzzer's "Done N runs in S second(s)"; a crash leaves its input in
# fuzz/artifacts/TARGET/ (copy a minimized one to tests/fuzz-regressions/).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: run.sh TARGET SECONDS [libFuzzer options...]}
seconds=${2:-60}
shift 2 || true
toolchain=+nightly
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  toolchain=""
  export RUSTC_BOOTSTRAP=1
fi
corpus=corpus/$target
mkdir -p "$corpus" artifacts/"$target"
# Seeds: the example program and the regression inputs.
case $target in
  yaml_file) cp -n ../examples/gpu-buildout/*.yaml ../examples/gpu-buildout/*/*.yaml "$corpus"/ 2>/dev/null || true
             cp -n ../tests/fuzz-regressions/yaml_file/* "$corpus"/ 2>/dev/null || true
             dict=(-dict=yaml.dict) ;;
  config_toml) cp -n ../examples/gpu-buildout/milepost.toml "$corpus"/ 2>/dev/null || true
               cp -n ../tests/fuzz-regressions/config_toml/* "$corpus"/ 2>/dev/null || true
               dict=(-dict=toml.dict) ;;
  *) dict=() ;;
esac
cargo $toolchain fuzz run -s none -a "$target" "$corpus" -- \
  -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -max_len=16384 -print_final_stats=1 "${dict[@]}" "$@"
