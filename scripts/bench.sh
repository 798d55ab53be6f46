#!/usr/bin/env bash
# Measures what the generator costs and prints one table (markdown).
# usage: scripts/bench.sh [runs]   (default 5 runs per timing; medians reported)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
ref=../shared/reference/auth0-management-api-2026-06-25.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# time_cmd LABEL CMD...: median wall seconds and peak RSS (MB) of CMD over $runs runs
time_cmd() {
  local label=$1; shift
  local times=() mems=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null 2>&1
    read -r t m < "$tmp/t"
    times+=("$t"); mems+=("$m")
  done
  local t m
  t=$(printf '%s\n' "${times[@]}" | median)
  m=$(printf '%s\n' "${mems[@]}" | median)
  printf '| %s | %s s | %s MB |\n' "$label" "$t" "$((${m%.*} / 1024))"
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GiB" >&2
cargo build -q --release -p openapi-codegen
bin=target/release/openapi-codegen

python3 scripts/synthetic_spec.py "$ref" 2 "$tmp/x2.json"
python3 scripts/synthetic_spec.py "$ref" 4 "$tmp/x4.json"

echo "| what | median | peak memory |"
echo "|---|---|---|"
time_cmd "generate spec/ (1 operation, 75 schemas)" "$bin" generate spec/connection-update.json --out "$tmp/small" --crate-name small
time_cmd "generate whole Auth0 ($(du -h "$ref" | cut -f1), 452 operations)" "$bin" generate "$ref" --out "$tmp/full" --crate-name full
time_cmd "generate 2x Auth0 ($(du -h "$tmp/x2.json" | cut -f1), 904 operations)" "$bin" generate "$tmp/x2.json" --out "$tmp/x2" --crate-name x2
time_cmd "generate 4x Auth0 ($(du -h "$tmp/x4.json" | cut -f1), 1808 operations)" "$bin" generate "$tmp/x4.json" --out "$tmp/x4" --crate-name x4

# What a user pays in cargo: a no-op build of the root package (no generation).
cargo build -q
time_cmd "no-op cargo build of the root package" cargo build -q
# A clean build of the generator alone (its own dependency tree).
runs_saved=$runs; runs=1
time_cmd "clean release build of openapi-codegen" bash -c "CARGO_TARGET_DIR=$tmp/target cargo build -q --release -p openapi-codegen"
runs=$runs_saved
