#!/usr/bin/env bash
# Generates a crate for each description of the corpus (../shared/corpus
# beside the repository) with the release CLI, runs `cargo clippy -D warnings`
# on each crate, and prints the README's "Real descriptions" table (Markdown)
# on stdout; progress goes to stderr.
#
#   scripts/corpus.sh                       # every description in MANIFEST.tsv
#   scripts/corpus.sh okta-oauth svix-api   # some of them (file names without extension)
#
# Environment: CORPUS_DIR (default ../shared/corpus), CORPUS_WORK (the scratch
# workspace, default target/corpus). The crates form one throwaway workspace
# with one target directory, so their dependencies compile once (before the
# first timed check); each crate is then checked alone and timed. Logs of
# failures and each crate's loss report are kept in $CORPUS_WORK/logs.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
corpus=${CORPUS_DIR:-$repo/../shared/corpus}
work=${CORPUS_WORK:-$repo/target/corpus}
export CARGO_TERM_COLOR=never

if [ ! -f "$corpus/MANIFEST.tsv" ]; then
  echo "corpus.sh: no corpus at $corpus (expected MANIFEST.tsv and the descriptions); set CORPUS_DIR" >&2
  exit 2
fi

# The descriptions: file, OpenAPI version (from the manifest).
declare -a files=() versions=()
while IFS=$'\t' read -r file _source _path _commit openapi _rest; do
  [ "$file" = file ] && continue
  files+=("$file")
  versions+=("$openapi")
done <"$corpus/MANIFEST.tsv"
if [ $# -gt 0 ]; then
  declare -a chosen=() chosen_versions=()
  for name in "$@"; do
    found=
    for i in "${!files[@]}"; do
      if [ "${files[$i]%.*}" = "$name" ] || [ "${files[$i]}" = "$name" ]; then
        chosen+=("${files[$i]}")
        chosen_versions+=("${versions[$i]}")
        found=1
      fi
    done
    if [ -z "$found" ]; then
      echo "corpus.sh: $name is not in $corpus/MANIFEST.tsv" >&2
      exit 2
    fi
  done
  files=("${chosen[@]}")
  versions=("${chosen_versions[@]}")
fi

echo "building the release CLI" >&2
cargo build --release --quiet -p openapi-rustgen || exit 1
# The crates build offline from the repository's lock file: fetch what it
# names first (a fresh machine has none of it).
cargo fetch --quiet || exit 1
cli=$repo/target/release/openapi-rustgen

rm -rf "$work/crates" "$work/logs"
mkdir -p "$work/crates" "$work/logs"

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" -v p="${3:-1}" 'BEGIN { printf "%.*f", p, b - a }'; }

declare -a names=() ops=() lines=() gen_time=() untyped=() loose=() generated=()
for i in "${!files[@]}"; do
  file=${files[$i]}
  name=$(echo "${file%.*}" | tr '_.' '--')
  names+=("$name")
  echo "generating $file" >&2
  start=$(now)
  "$cli" generate "$corpus/$file" --out "$work/crates/$name" --crate-name "$name" \
    --report "$work/logs/$name.losses" >"$work/logs/$name.generate.log" 2>&1
  status=$?
  gen_time+=("$(seconds "$start" "$(now)" 2)")
  summary=$(grep -E '^generated [0-9]+ operation' "$work/logs/$name.generate.log" | tail -1)
  counts=$(grep -E '^[0-9]+ schemas? untyped, [0-9]+ keywords? not enforced' "$work/logs/$name.generate.log" | tail -1)
  if [ $status -eq 0 ] && [ -n "$summary" ]; then
    generated+=(1)
    ops+=("$(echo "$summary" | awk '{print $2}')")
    lines+=("$(echo "$summary" | sed -E 's/.* ([0-9]+) lines into .*/\1/')")
    untyped+=("$(echo "$counts" | awk '{print $1}')")
    loose+=("$(echo "$counts" | awk '{print $4}')")
  else
    generated+=(0)
    ops+=("–"); lines+=("–"); untyped+=("–"); loose+=("–")
    echo "  generation failed (exit $status): $(grep -m1 -E '^error' "$work/logs/$name.generate.log")" >&2
  fi
done

# One workspace; a crate with the generated crates' dependencies (and no
# code) compiles them once, untimed.
members=()
for i in "${!names[@]}"; do
  [ "${generated[$i]}" = 1 ] && members+=("\"crates/${names[$i]}\"")
done
first=
for i in "${!names[@]}"; do
  if [ "${generated[$i]}" = 1 ]; then first=${names[$i]}; break; fi
done
if [ -n "$first" ]; then
  mkdir -p "$work/crates/corpus-dependencies/src"
  sed -E "s/^name = \".*\"/name = \"corpus-dependencies\"/" "$work/crates/$first/Cargo.toml" \
    >"$work/crates/corpus-dependencies/Cargo.toml"
  : >"$work/crates/corpus-dependencies/src/lib.rs"
  members+=("\"crates/corpus-dependencies\"")
fi
(IFS=,; printf '[workspace]\nresolver = "2"\nmembers = [%s]\n' "${members[*]}") >"$work/Cargo.toml"
cp Cargo.lock "$work/Cargo.lock"
export CARGO_TARGET_DIR=$work/target
if [ -n "$first" ]; then
  echo "compiling the shared dependencies" >&2
  start=$(now)
  if ! (cd "$work" && cargo clippy --offline --quiet -p corpus-dependencies) >"$work/logs/dependencies.log" 2>&1; then
    echo "corpus.sh: the dependencies do not compile; see $work/logs/dependencies.log" >&2
    exit 1
  fi
  deps_time=$(seconds "$start" "$(now)")
fi

declare -a check_time=() result=()
failed=0
for i in "${!names[@]}"; do
  name=${names[$i]}
  if [ "${generated[$i]}" != 1 ]; then
    check_time+=("–")
    result+=("generation fails")
    failed=$((failed + 1))
    continue
  fi
  echo "checking $name" >&2
  start=$(now)
  (cd "$work" && cargo clippy --offline --quiet -p "$name" -- -D warnings) >"$work/logs/$name.clippy.log" 2>&1
  status=$?
  check_time+=("$(seconds "$start" "$(now)")")
  if [ $status -eq 0 ]; then
    result+=("passes")
  else
    errors=$(grep -cE '^error(\[|:)' "$work/logs/$name.clippy.log")
    errors=$((errors > 1 ? errors - 1 : errors)) # less the "could not compile" line
    result+=("clippy: $errors errors")
    failed=$((failed + 1))
    echo "  clippy fails; see $work/logs/$name.clippy.log" >&2
  fi
done

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
mem=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
echo "Measured with \`scripts/corpus.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores ($cpu), $mem GiB, release CLI; clippy in one workspace whose dependencies (compiled first, ${deps_time:-–} s) are shared."
echo
echo "| description | OpenAPI | operations | lines | generate (s) | clippy (s) | result | untyped | not enforced |"
echo "|---|---|---:|---:|---:|---:|---|---:|---:|"
for i in "${!names[@]}"; do
  echo "| \`${files[$i]}\` | ${versions[$i]} | ${ops[$i]} | ${lines[$i]} | ${gen_time[$i]} | ${check_time[$i]} | ${result[$i]} | ${untyped[$i]} | ${loose[$i]} |"
done
echo
echo "$(( ${#names[@]} - failed )) of ${#names[@]} descriptions give a crate that passes \`cargo clippy -D warnings\`."
[ $failed -eq 0 ]
