#!/usr/bin/env bash
# Capture overhead, side by side in one run: the syscall-heavy workload (native/bench/workload.c: small reads and
# writes, then a loopback TCP request loop) with no tracing, with the counting-only floor probe attached to the same
# hooks, and recorded by `inspect record -- workload`. Reports median wall times, slowdowns, the capture's overhead
# relative to the floor's, events per second written and drops. Needs root.
#
#   bench/record-overhead.sh [IO_ITERATIONS] [REQUESTS] [RUNS]     (defaults: 2000000 20000 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
iterations="${1:-2000000}"
requests="${2:-20000}"
runs="${3:-5}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
source "$root/bench/workload-common.sh"

base=(); floor=(); capture=(); events=(); drops=()
for ((i = 0; i < runs; i++)); do
  base+=("$("${workload[@]}" | elapsed_of)")

  coproc FLOOR { exec "$root/native/build/bench_floor"; }
  read -r ready <&"${FLOOR[0]}"   # "attached"
  floor+=("$("${workload[@]}" | elapsed_of)")
  kill -INT "$FLOOR_PID"; wait "$FLOOR_PID" || true

  out="$("$root/inspect" record -o "$dir/overhead.scap" -- "${workload[@]}" 2>"$dir/record.log")"
  capture+=("$(echo "$out" | elapsed_of)")
  events+=("$(awk '/^inspect: [0-9]+ events/ {print $2}' "$dir/record.log")")
  drops+=("$(awk '/^inspect: [0-9]+ events/ {print $6}' "$dir/record.log")")
done

b=$(printf '%s\n' "${base[@]}" | median); f=$(printf '%s\n' "${floor[@]}" | median); c=$(printf '%s\n' "${capture[@]}" | median)
e=$(printf '%s\n' "${events[@]}" | median); d=$(printf '%s\n' "${drops[@]}" | sort -n | tail -1)
echo "workload: $iterations read+write pairs, $requests loopback requests; $runs runs each, median"
printf '| configuration | wall time (s) | slowdown |\n|---|---|---|\n'
awk -v t="$b" 'BEGIN { printf "| no tracing | %.3f | 1.00x |\n", t }'
awk -v t="$f" -v b="$b" 'BEGIN { printf "| floor (counting-only probe) | %.3f | %.2fx |\n", t, t / b }'
awk -v t="$c" -v b="$b" 'BEGIN { printf "| inspect record | %.3f | %.2fx |\n", t, t / b }'
awk -v c="$c" -v f="$f" -v b="$b" 'BEGIN { o = f - b; if (o < 0.001) o = 0.001; printf "capture overhead / floor overhead: %.2fx\n", (c - b) / o }'
awk -v e="$e" -v c="$c" -v d="$d" 'BEGIN { printf "events written: %d (%.0f k/s of workload time), drops (max over runs): %d\n", e, e / c / 1000, d }'
