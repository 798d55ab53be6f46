#!/usr/bin/env bash
# Profiles one generation of the whole Auth0 description with `perf` and
# prints the entries with the most time, their callees included.
#
# usage: scripts/profile.sh [spec] [entries]
#   spec     the description (default: the whole Auth0 one in ../shared)
#   entries  how many lines of the report to print (default 40)
# Needs `perf` (linux-tools) and permission to record (perf_event_paranoid).
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-../shared/reference/auth0-management-api-2026-06-25.json}
entries=${2:-40}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The release build keeps its symbols; the stacks are unwound from its
# unwind tables.
cargo build -q --release -p openapi-rustgen
perf record -q -g --call-graph dwarf -o "$tmp/perf.data" \
  target/release/openapi-rustgen generate "$spec" --out "$tmp/out" --crate-name whole >/dev/null 2>&1
perf report -i "$tmp/perf.data" --children --stdio -g none --percent-limit 2 2>/dev/null |
  grep -v '^#' | grep -v '^$' | head -n "$entries"
