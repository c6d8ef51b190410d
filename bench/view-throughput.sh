#!/usr/bin/env bash
# Sysdig Inspect's "Files" drill-down table on the same large capture, side by side, alternating runs:
# `csysdig -r F -v files -j -pc` (as Sysdig Inspect runs it) and `inspect view files F --format csysdig` (the same
# JSON). Prints the median wall time, events per second and peak RSS of each and the speed-up, then one run of each
# on a capture a quarter the size, to show whether memory grows with the file.
#
#   bench/view-throughput.sh [SIZE_MB] [RUNS]      (defaults: 1100 MB, 3 runs)
#
# The captures are built once from the sample files (bench/Inspect.Benchmarks make-capture) under $BENCH_DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${2:-3}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
export root

ours() { "$root/inspect" view files "$1" --format csysdig; }
theirs() { csysdig -r "$1" -v files -j -pc; }

# shellcheck source=compare.sh
source "$root/bench/compare.sh"
compare_side_by_side "${1:-1100}" "$runs" "inspect view files F --format csysdig" "csysdig -r F -v files -j -pc"
