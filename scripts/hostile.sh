#!/usr/bin/env bash
# Times the generator on pathological descriptions (scripts/hostile_spec.py)
# at size N and 4N and prints a markdown table: linear growth shows as a
# ratio near 4, quadratic as 16.
#
# usage: scripts/hostile.sh [N] [KIND...]
#   N       size of the smaller input (default 65536)
#   KIND    kinds to run (default: all of hostile_spec.py's)
# LIMIT (seconds, default 300) stops a run that takes longer; it shows as
# "> LIMIT s". Figures are wall seconds and peak resident set of one run of
# the release CLI, generating to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-65536}
shift || true
kinds=("$@")
if [ ${#kinds[@]} -eq 0 ]; then
  kinds=(doc-links doc-parens doc-refs doc-html doc-ticks doc-urls doc-fences doc-nest props enum names chain big)
fi
limit=${LIMIT:-300}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cargo build --release -q -p openapi-rustgen
bin=target/release/openapi-rustgen

# run SIZE: "seconds MB outcome" of one generation of $kind at SIZE.
run() {
  local size=$1 spec="$tmp/$kind-$1.json" out
  python3 scripts/hostile_spec.py "$kind" "$size" "$spec"
  rm -rf "$tmp/out"
  if timeout "$limit" /usr/bin/time -f "%e %M" -o "$tmp/t" \
    "$bin" generate "$spec" --out "$tmp/out" --crate-name hostile >/dev/null 2>"$tmp/err"; then
    out=generated
  elif [ $? -eq 124 ]; then
    echo "> $limit - timeout"; return
  else
    out=refused
  fi
  read -r t m < <(tail -n 1 "$tmp/t")
  echo "$t $((m / 1024)) $out"
}

echo "| input | size | N | time at N (s) | time at 4N (s) | ratio | peak at 4N (MB) | outcome |"
echo "|---|---|---|---|---|---|---|---|"
for kind in "${kinds[@]}"; do
  read -r t1 _ o1 < <(run "$n")
  bytes=$(stat -c %s "$tmp/$kind-$n.json")
  read -r t4 m4 o4 < <(run $((4 * n)))
  ratio=$(awk -v a="$t1" -v b="$t4" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && a > 0) printf "%.1f", b / a; else print "-" }')
  echo "| $kind | $((bytes / 1024)) KiB | $n | $t1 | $t4 | $ratio | $m4 | $o4 |"
done
