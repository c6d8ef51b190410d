#!/usr/bin/env bash
# Sysdig Inspect's overview page on the same large capture, side by side, alternating runs: the wsysdig_summary chisel
# as Sysdig Inspect runs it (400 timeline samples; the chisel reads the capture twice, once to learn its duration) and
# `inspect summary F --format wsysdig` (the same JSON document). Prints the median wall time, events per second and
# peak RSS of each and the speed-up, then one run of each on a capture a quarter the size, to show whether memory
# grows with the file.
#
#   bench/overview-throughput.sh [SIZE_MB] [RUNS]      (defaults: 1100 MB, 3 runs)
#
# The captures are built once from the sample files (bench/Inspect.Benchmarks make-capture) under $BENCH_DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${2:-3}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"

# shellcheck source=paths.sh
source "$root/bench/paths.sh"
chisels="$shared/oracles"
export root chisels

ours() { "$root/inspect" summary "$1" --format wsysdig; }
theirs() { SYSDIG_CHISEL_DIR="$chisels" sysdig -r "$1" -c wsysdig_summary 400; }

# shellcheck source=compare.sh
source "$root/bench/compare.sh"
compare_side_by_side "${1:-1100}" "$runs" "inspect summary F --format wsysdig" "sysdig -r F -c wsysdig_summary 400"
