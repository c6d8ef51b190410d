#!/usr/bin/env bash
# Analysis throughput: filtered counts and the summary against sysdig on the same large capture, side by side,
# alternating runs; prints the median wall time, CPU time (user + system), events per second and peak RSS of each,
# and the ratios in both times.
#
#   bench/analysis-throughput.sh [SIZE_MB] [RUNS]      (defaults: 1100 MB, 5 runs)
#
# sysdig 0.29.3 has no counting chisel, so a filtered count is compared with `sysdig -r F -q FILTER` (filter and
# state, no output: the cheapest way sysdig evaluates a filter over a capture). The summary builds every table in one
# pass; each chisel builds one, so it is compared with each chisel separately.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mb="${1:-1100}"
runs="${2:-5}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
# shellcheck source=common.sh
source "$root/bench/common.sh"

bytes=$(stat -L -c %s "$capture")
echo "capture: $capture ($((bytes >> 20)) MiB, $events events), $runs runs each, median; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| command | wall time (s) | CPU time (s) | events/s (wall) | peak RSS (MiB) | Inspect / sysdig: wall, CPU |\n|---|---|---|---|---|---|\n'

# compare LABEL_OURS LABEL_SYSDIG -- OURS... -- SYSDIG...: alternating runs, one table row each and the speed-up.
compare() {
  local ours_label="$1" sysdig_label="$2"; shift 3
  local ours=() sysdig=()
  while [[ "$1" != "--" ]]; do ours+=("$1"); shift; done
  shift; sysdig=("$@")
  local ot=() om=() oc=() st=() sm=() sc=() t m c
  for ((i = 0; i < runs; i++)); do
    read -r t m c < <(measure_cpu "${ours[@]}"); ot+=("$t"); om+=("$m"); oc+=("$c")
    read -r t m c < <(measure_cpu "${sysdig[@]}"); st+=("$t"); sm+=("$m"); sc+=("$c")
  done
  local o s omed smed ocm scm
  o=$(printf '%s\n' "${ot[@]}" | median); s=$(printf '%s\n' "${st[@]}" | median)
  omed=$(printf '%s\n' "${om[@]}" | median); smed=$(printf '%s\n' "${sm[@]}" | median)
  ocm=$(printf '%s\n' "${oc[@]}" | median); scm=$(printf '%s\n' "${sc[@]}" | median)
  awk -v l="$sysdig_label" -v t="$s" -v c="$scm" -v m="$smed" -v e="$events" 'BEGIN { printf "| %s | %.2f | %.2f | %.1f M | %.0f | |\n", l, t, c, e / t / 1e6, m / 1024 }'
  awk -v l="$ours_label" -v t="$o" -v c="$ocm" -v m="$omed" -v e="$events" -v s="$s" -v sc="$scm" 'BEGIN { printf "| %s | %.2f | %.2f | %.1f M | %.0f | %.2fx, %.2fx |\n", l, t, c, e / t / 1e6, m / 1024, s / t, sc / c }'
}

for filter in "evt.type=open or evt.type=openat" "proc.name=sshd and fd.type=ipv4"; do
  compare "inspect read F --count \"$filter\"" "sysdig -r F -q \"$filter\"" -- \
    "$root/inspect" read "$capture" --count "$filter" -- sysdig -r "$capture" -q "$filter"
done
for chisel in topfiles_bytes topprocs_cpu topconns; do
  compare "inspect summary F" "sysdig -r F -c $chisel" -- "$root/inspect" summary "$capture" -- sysdig -r "$capture" -c "$chisel"
done
