#!/usr/bin/env bash
# Redaction's overhead on a capture: the syscall-heavy workload (native/bench/workload.c: small reads and writes, then
# a loopback TCP request loop) with no tracing, recorded by `inspect record --no-redact`, and recorded by
# `inspect record` with its default redaction (the built-in rules). The configurations alternate within each run so
# drift in the machine's load hits them alike. Reports median wall times of the workload, the recorder's CPU time,
# and redaction's overhead over the capture without it (target: at most 10%). Needs root.
#
#   bench/redaction-overhead.sh [IO_ITERATIONS] [REQUESTS] [RUNS] [SNAPLEN]     (defaults: 2000000 20000 5 80)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
iterations="${1:-2000000}"
requests="${2:-20000}"
runs="${3:-5}"
snaplen="${4:-80}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
source "$root/bench/workload-common.sh"

# One recorded run: prints "workload-seconds recorder-cpu-seconds events drops".
record() {
  local out
  out="$(/usr/bin/time -o "$dir/time.log" -f "%U %S" "$root/inspect" record -o "$dir/redaction.scap" --snaplen "$snaplen" "$@" -- "${workload[@]}" 2>"$dir/record.log")"
  echo "$(echo "$out" | elapsed_of) $(awk '{print $1 + $2}' "$dir/time.log") $(awk '/^inspect: [0-9]+ events/ {print $2, $6}' "$dir/record.log")"
}

base=(); plain=(); plain_cpu=(); plain_drops=(); redacted=(); redacted_cpu=(); redacted_drops=(); events=()
for ((i = 0; i < runs; i++)); do
  base+=("$("${workload[@]}" | elapsed_of)")
  read -r wall cpu ev dr <<<"$(record --no-redact)"
  plain+=("$wall"); plain_cpu+=("$cpu"); plain_drops+=("$dr")
  read -r wall cpu ev dr <<<"$(record)"
  redacted+=("$wall"); redacted_cpu+=("$cpu"); events+=("$ev"); redacted_drops+=("$dr")
done

b=$(printf '%s\n' "${base[@]}" | median)
p=$(printf '%s\n' "${plain[@]}" | median); pc=$(printf '%s\n' "${plain_cpu[@]}" | median)
r=$(printf '%s\n' "${redacted[@]}" | median); rc=$(printf '%s\n' "${redacted_cpu[@]}" | median)
e=$(printf '%s\n' "${events[@]}" | median)
pd=$(printf '%s\n' "${plain_drops[@]}" | sort -n | tail -1); rd=$(printf '%s\n' "${redacted_drops[@]}" | sort -n | tail -1)
echo "workload: $iterations read+write pairs, $requests loopback requests; snaplen $snaplen; $runs runs each, median"
printf '| configuration | workload wall time (s) | slowdown | recorder CPU (s) | drops (max) |\n|---|---|---|---|---|\n'
awk -v t="$b" 'BEGIN { printf "| no tracing | %.3f | 1.00x | - | - |\n", t }'
awk -v t="$p" -v b="$b" -v c="$pc" -v d="$pd" 'BEGIN { printf "| inspect record --no-redact | %.3f | %.2fx | %.2f | %d |\n", t, t / b, c, d }'
awk -v t="$r" -v b="$b" -v c="$rc" -v d="$rd" 'BEGIN { printf "| inspect record (redaction on) | %.3f | %.2fx | %.2f | %d |\n", t, t / b, c, d }'
awk -v r="$r" -v p="$p" -v rc="$rc" -v pc="$pc" 'BEGIN { printf "redaction overhead: %+.1f%% workload wall time, %+.1f%% recorder CPU (target: at most +10%%)\n", (r / p - 1) * 100, (rc / pc - 1) * 100 }'
awk -v e="$e" 'BEGIN { printf "events written per redacted capture: %d\n", e }'
