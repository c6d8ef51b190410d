#!/usr/bin/env bash
# Capture overhead, side by side in one run: the syscall-heavy workload (native/bench/workload.c: small reads and
# writes, then a loopback TCP request loop) with no tracing, with the counting-only floor probe attached to the same
# hooks, and recorded by `inspect record -- workload`. Reports median wall times, slowdowns, the capture's overhead
# relative to the floor's, events per second written and drops. Needs root.
#
# Beside the wall times, which a busy machine distorts, it reports two costs that load hardly changes: the probe's
# and the floor's in-kernel time per program run (BPF run-time statistics, kernel.bpf_stats_enabled), and the
# recorder's CPU time per event written (its own report, from the process's CPU usage). The statistics cost two clock
# reads per program run, which would weigh on the floor more than on the probe, so the timed runs go with them off
# and the statistics come from a second, untimed pass of the floor and the recorder in each run.
#
#   bench/record-overhead.sh [IO_ITERATIONS] [REQUESTS] [RUNS]     (defaults: 2000000 20000 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
iterations="${1:-2000000}"
requests="${2:-20000}"
runs="${3:-5}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
source "$root/bench/workload-common.sh"
bpf_stats_on

base=(); floor=(); capture=(); events=(); drops=()
floor_enter=(); floor_exit=(); probe_enter=(); probe_exit=(); recorder_ns=(); alone_enter=(); alone_exit=()
for ((i = 0; i < runs; i++)); do
  # Timed pass, statistics off.
  sysctl -qw kernel.bpf_stats_enabled=0
  base+=("$("${workload[@]}" | elapsed_of)")
  coproc FLOOR { exec "$root/native/build/bench_floor"; }
  read -r ready <&"${FLOOR[0]}"   # "attached"
  floor+=("$("${workload[@]}" | elapsed_of)")
  kill -INT "$FLOOR_PID"; wait "$FLOOR_PID" || true
  "$root/inspect" record -o "$dir/overhead.scap" -- "${workload[@]}" >"$dir/record.out" 2>"$dir/record.log"
  capture+=("$(elapsed_of <"$dir/record.out")")
  events+=("$(awk '/^inspect: [0-9]+ events/ {print $2}' "$dir/record.log")")
  drops+=("$(awk '/^inspect: [0-9]+ events/ {print $6}' "$dir/record.log")")
  recorder_ns+=("$(awk '/^inspect: recorder CPU/ {print $6}' "$dir/record.log")")

  # Statistics pass, untimed.
  sysctl -qw kernel.bpf_stats_enabled=1
  coproc FLOOR { exec "$root/native/build/bench_floor"; }
  read -r ready <&"${FLOOR[0]}"   # "attached"
  "${workload[@]}" >/dev/null
  prog_run_stats "$FLOOR_PID" >"$dir/floor.stats"
  floor_enter+=("$(ns_per_run floor_enter <"$dir/floor.stats")"); floor_exit+=("$(ns_per_run floor_exit <"$dir/floor.stats")")
  kill -INT "$FLOOR_PID"; wait "$FLOOR_PID" || true

  # In the background, so the probe's program statistics can be read while its process still holds the programs.
  "$root/inspect" record -o "$dir/overhead.scap" -- "${workload[@]}" >/dev/null 2>"$dir/record.stats.log" &
  recorder=$!
  : >"$dir/probe.stats"
  while kill -0 "$recorder" 2>/dev/null; do
    prog_run_stats "$recorder" >"$dir/probe.stats.next" 2>/dev/null || true
    # A sample taken while the recorder closes its programs may lack one of them: keep the last complete one.
    if grep -q '^sys_enter_dispatch ' "$dir/probe.stats.next" && grep -q '^sys_exit_dispatch ' "$dir/probe.stats.next"; then
      mv "$dir/probe.stats.next" "$dir/probe.stats"
    fi
    sleep 0.2
  done
  wait "$recorder"
  probe_enter+=("$(ns_per_run sys_enter_dispatch <"$dir/probe.stats")"); probe_exit+=("$(ns_per_run sys_exit_dispatch <"$dir/probe.stats")")

  # The probe alone: the same workload with the rings drained and discarded, no recorder competing for a core.
  "$root/native/build/bench_probe_cost" "${workload[@]}" >"$dir/alone.stats"
  alone_enter+=("$(awk '$1 == "sys_enter_dispa" {print $2}' "$dir/alone.stats")")
  alone_exit+=("$(awk '$1 == "sys_exit_dispat" {print $2}' "$dir/alone.stats")")
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
echo "in-kernel time per program run (BPF run-time statistics, median of runs; every syscall of the machine runs them):"
echo "  floor: enter $(printf '%s\n' "${floor_enter[@]}" | median) ns, exit $(printf '%s\n' "${floor_exit[@]}" | median) ns"
echo "  probe: enter $(printf '%s\n' "${probe_enter[@]}" | median) ns, exit $(printf '%s\n' "${probe_exit[@]}" | median) ns"
echo "  probe alone (bench_probe_cost, no recorder): enter $(printf '%s\n' "${alone_enter[@]}" | median) ns, exit $(printf '%s\n' "${alone_exit[@]}" | median) ns"
echo "recorder CPU per event written (median): $(printf '%s\n' "${recorder_ns[@]}" | median) ns"
