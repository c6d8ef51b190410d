#!/usr/bin/env bash
# The flight recorder's cost for one watched process tree (what a watched pod is), side by side in one run: the
# syscall-heavy workload (native/bench/workload.c) with no tracing, recorded to a file (`inspect record -o F`), and
# kept in the flight recorder's ring (`inspect record --ring 60s`, no signal, so nothing is written). Reports median
# wall times and slowdowns, and the recorder process's CPU time and peak memory (from /usr/bin/time). Needs root.
#
#   bench/flight-recorder-cost.sh [IO_ITERATIONS] [REQUESTS] [RUNS]     (defaults: 2000000 20000 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
iterations="${1:-2000000}"
requests="${2:-20000}"
runs="${3:-5}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
source "$root/bench/workload-common.sh"
cpu_of() { awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u + s}' "$1"; }
rss_of() { awk -F': ' '/Maximum resident/ {print $2}' "$1"; }

base=(); file=(); ring=(); file_cpu=(); ring_cpu=(); file_rss=(); ring_rss=()
for ((i = 0; i < runs; i++)); do
  base+=("$("${workload[@]}" | elapsed_of)")

  out="$(/usr/bin/time -v -o "$dir/file.time" "$root/inspect" record -o "$dir/cost.scap" -- "${workload[@]}" 2>/dev/null)"
  file+=("$(echo "$out" | elapsed_of)"); file_cpu+=("$(cpu_of "$dir/file.time")"); file_rss+=("$(rss_of "$dir/file.time")")

  rm -rf "$dir/ring"
  out="$(/usr/bin/time -v -o "$dir/ring.time" "$root/inspect" record --ring 60s -o "$dir/ring" -- "${workload[@]}" 2>/dev/null)"
  ring+=("$(echo "$out" | elapsed_of)"); ring_cpu+=("$(cpu_of "$dir/ring.time")"); ring_rss+=("$(rss_of "$dir/ring.time")")
done

b=$(printf '%s\n' "${base[@]}" | median)
echo "workload: $iterations read+write pairs, $requests loopback requests; $runs runs each, median"
printf '| configuration | workload wall time (s) | slowdown | recorder CPU (s) | recorder peak RSS (MiB) |\n|---|---|---|---|---|\n'
awk -v t="$b" 'BEGIN { printf "| no tracing | %.3f | 1.00x | - | - |\n", t }'
for mode in file ring; do
  declare -n times="$mode" cpu="${mode}_cpu" rss="${mode}_rss"
  t=$(printf '%s\n' "${times[@]}" | median); c=$(printf '%s\n' "${cpu[@]}" | median); r=$(printf '%s\n' "${rss[@]}" | median)
  label=$([[ $mode == file ]] && echo "inspect record -o F" || echo "inspect record --ring 60s")
  awk -v l="$label" -v t="$t" -v b="$b" -v c="$c" -v r="$r" 'BEGIN { printf "| %s | %.3f | %.2fx | %.2f | %.0f |\n", l, t, t / b, c, r / 1024 }'
done
