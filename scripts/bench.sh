#!/usr/bin/env bash
# Measures what the generator costs and prints one table (markdown) on stdout.
#
# usage: scripts/bench.sh [runs] [build-runs]
#   runs        runs of each generation and of the no-op build (default 5)
#   build-runs  runs of each clean build, of `cargo check` of the whole-API
#               crate and of the generated crates' compile rows, which take
#               minutes each (default 3; 0 leaves those rows out)
# COMPILE_ONLY=1 prints only the generated crates' compile rows and the
# side-by-side with progenitor (when it is installed).
# Every figure is the median of its runs; memory is the peak resident set of
# the largest process (for cargo, the largest rustc or build script).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
build_runs=${2:-3}
ref=../shared/reference/auth0-management-api-2026-06-25.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# time_cmd N LABEL CMD...: median wall seconds and peak RSS (MB) of CMD over N runs.
# A PREPARE function, when set, runs before each run, untimed.
time_cmd() {
  local n=$1 label=$2; shift 2
  local times=() mems=()
  for _ in $(seq "$n"); do
    if [ -n "${PREPARE:-}" ]; then "$PREPARE"; fi
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
cargo build -q --release -p openapi-rustgen
bin=target/release/openapi-rustgen
ops() { grep -o '"operationId"' "$1" | wc -l; }
# gen_row LABEL BIN SPEC: generation into an empty directory (every file written).
clean_out() { rm -rf "$tmp/out"; }
gen_row() {
  PREPARE=clean_out time_cmd "$runs" "$1" "$2" generate "$3" --out "$tmp/out" --crate-name out
}

echo "| what | median | peak memory |"
echo "|---|---|---|"
if [ -z "${COMPILE_ONLY:-}" ]; then
gen_row "generate \`spec/\` (1 operation, $(du -h spec/connection-update.json | cut -f1))" "$bin" spec/connection-update.json
# The whole Auth0 description, then synthetic copies of it in the same
# layout (JSON indented by two spaces): time should grow linearly.
gen_row "generate whole Auth0 ($(du -h "$ref" | cut -f1), $(ops "$ref") operations)" "$bin" "$ref"
for copies in 2 3 4; do
  python3 scripts/synthetic_spec.py "$ref" "$copies" "$tmp/x$copies.json" 2
  gen_row "generate ${copies}× Auth0 ($(du -h "$tmp/x$copies.json" | cut -f1), $(ops "$tmp/x$copies.json") operations)" \
    "$bin" "$tmp/x$copies.json"
  rm -f "$tmp/x$copies.json"
done
# The size the targets name: 13 MB, 1,200 operations (3 copies, indented by 4).
python3 scripts/synthetic_spec.py "$ref" 3 "$tmp/t13.json" 4 1200
gen_row "generate $(du -h "$tmp/t13.json" | cut -f1) with $(ops "$tmp/t13.json") operations (3× schemas)" \
  "$bin" "$tmp/t13.json"
rm -f "$tmp/t13.json"
# A build script runs in the dev profile: unoptimised unless the package sets
# `[profile.dev.build-override] opt-level` (this repository sets 2).
cargo build -q -p openapi-rustgen
gen_row "generate whole Auth0 with an unoptimised (debug) generator" target/debug/openapi-rustgen "$ref"
rm -rf "$tmp/out"
fi

"$bin" generate "$ref" --out "$tmp/full" --crate-name full -q
# The generated client's lines per operation, without the runtime the
# client module starts with (the first item after it is the validators'
# report, `pub use super::validate::ValidationErrors`, with its doc line).
awk -v ops="$(ops "$ref")" '
  /^pub use super::validate::ValidationErrors;/ && !done { done = NR - 2 }
  END { printf "| generated client lines per operation, whole Auth0 (%d operations; runtime %d lines apart) | %.1f | |\n", ops, done, (NR - done) / ops }
' "$tmp/full/src/client.rs"

if [ -z "${COMPILE_ONLY:-}" ]; then
# What a user pays in cargo. A no-op build of the root package (its build
# script does not run again).
cargo build -q
time_cmd "$runs" "no-op \`cargo build\` of the root package" cargo build -q
fi
if [ "$build_runs" -eq 0 ]; then exit 0; fi
if [ -z "${COMPILE_ONLY:-}" ]; then
# Clean builds in a target directory of their own, emptied before each run.
clean_target() { rm -rf "$tmp/target"; }
PREPARE=clean_target time_cmd "$build_runs" "clean \`cargo build\` of the root package (generator in build.rs, client)" \
  env CARGO_TARGET_DIR="$tmp/target" cargo build -q
PREPARE=clean_target time_cmd "$build_runs" "clean release build of \`openapi-rustgen\` (library and CLI)" \
  env CARGO_TARGET_DIR="$tmp/target" cargo build -q --release -p openapi-rustgen
# `cargo check` of the crate generated for the whole Auth0 API; its
# dependencies are checked once beforehand, so the figure is the crate's own.
clean_check() { rm -rf "$tmp/check/debug/.fingerprint/full-"* "$tmp/check/debug/deps/"*full*; }
CARGO_TARGET_DIR="$tmp/check" cargo check -q --manifest-path "$tmp/full/Cargo.toml" 2>/dev/null || true
PREPARE=clean_check time_cmd "$build_runs" "\`cargo check\` of the crate generated for the whole Auth0 API" \
  env CARGO_TARGET_DIR="$tmp/check" cargo check -q --manifest-path "$tmp/full/Cargo.toml"
rm -rf "$tmp/target" "$tmp/check"
fi

# The compile cost of a generated crate's own code: `cargo check` and `cargo
# build` after touching its `src/lib.rs`, its dependencies built beforehand
# (what a user pays on each change of the description, and what the crate
# adds to every build that has to rebuild it).
# compile_rows LABEL DIR: two rows, in a target directory of their own.
touch_lib() { touch "$compile_dir/src/lib.rs"; }
compile_rows() {
  compile_dir=$2
  local target="$tmp/compile-$(basename "$2")"
  CARGO_TARGET_DIR="$target" cargo build -q --manifest-path "$2/Cargo.toml" >/dev/null 2>&1 || true
  CARGO_TARGET_DIR="$target" cargo check -q --manifest-path "$2/Cargo.toml" >/dev/null 2>&1 || true
  PREPARE=touch_lib time_cmd "$build_runs" "\`cargo check\` of $1 after touching \`lib.rs\`" \
    env CARGO_TARGET_DIR="$target" cargo check -q --manifest-path "$2/Cargo.toml"
  PREPARE=touch_lib time_cmd "$build_runs" "\`cargo build\` of $1 after touching \`lib.rs\`" \
    env CARGO_TARGET_DIR="$target" cargo build -q --manifest-path "$2/Cargo.toml"
  rm -rf "$target"
}
lines() { cat "$1"/src/*.rs | wc -l; }
compile_rows "the crate generated for the whole Auth0 API ($(lines "$tmp/full") lines)" "$tmp/full"

# Side by side with progenitor's CLI, when it is installed
# (`cargo install cargo-progenitor`, or PROGENITOR=path/to/cargo-progenitor):
# the same description, the same machine, the same run. Progenitor 0.15.1
# reads OpenAPI 3.0 only, and refuses or panics on Auth0's description and
# on each of the twenty of ../shared/corpus; by default the comparison is
# on two fixtures it reads (PROGENITOR_SPECS lists others).
progenitor=${PROGENITOR:-$(command -v cargo-progenitor || true)}
if [ -n "$progenitor" ]; then
  for spec in ${PROGENITOR_SPECS:-tests/fixtures/pagination.yaml tests/fixtures/retries.yaml}; do
    name=$(basename "$spec" | sed 's/\.[a-z]*$//')
    rm -rf "$tmp/p-$name" "$tmp/o-$name"
    if ! "$progenitor" progenitor -i "$spec" -o "$tmp/p-$name" -n "p-$name" -v 0.1.0 >/dev/null 2>&1; then
      echo "| progenitor cannot generate $name | | |"
      continue
    fi
    prog_gen() { rm -rf "$tmp/p-$name"; }
    PREPARE=prog_gen time_cmd "$runs" "$name: generate with progenitor" \
      "$progenitor" progenitor -i "$spec" -o "$tmp/p-$name" -n "p-$name" -v 0.1.0
    ours_gen() { rm -rf "$tmp/o-$name"; }
    PREPARE=ours_gen time_cmd "$runs" "$name: generate with this project" \
      "$bin" generate "$spec" --out "$tmp/o-$name" --crate-name "o-$name" -q
    echo "| $name: generated lines, progenitor / this project (validators and client included) | $(lines "$tmp/p-$name") / $(lines "$tmp/o-$name") | |"
    compile_rows "$name generated by progenitor" "$tmp/p-$name"
    compile_rows "$name generated by this project" "$tmp/o-$name"
  done
fi
