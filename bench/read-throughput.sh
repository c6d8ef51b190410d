#!/usr/bin/env bash
# Reader throughput on the same large capture, side by side, alternating runs: `sysdig -r F -q` (libscap reading plus
# sinsp's state engine), `inspect read F -q` (Inspect's reader plus its state engine: the same work), and Inspect's
# reader alone (bench/Inspect.Benchmarks read: every block framed, every event validated). Prints the median wall
# time, events per second and peak RSS of each, and the ratios.
#
#   bench/read-throughput.sh [SIZE_MB] [RUNS]      (defaults: 1100 MB, 5 runs)
#
# The capture is built once from the sample files (bench/Inspect.Benchmarks make-capture) under $BENCH_DIR.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mb="${1:-1100}"
runs="${2:-5}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
# shellcheck source=common.sh
source "$root/bench/common.sh"
dotnet build "$root/bench/Inspect.Benchmarks" -c Release -nologo -v quiet -o "$dir/bin" >/dev/null

ours_t=(); ours_m=(); sysdig_t=(); sysdig_m=(); reader_t=(); reader_m=()
for ((i = 0; i < runs; i++)); do
  read -r t m < <(measure "$root/inspect" read "$capture" -q); ours_t+=("$t"); ours_m+=("$m")
  read -r t m < <(measure sysdig -r "$capture" -q); sysdig_t+=("$t"); sysdig_m+=("$m")
  read -r t m < <(measure dotnet "$dir/bin/Inspect.Benchmarks.dll" read "$capture"); reader_t+=("$t"); reader_m+=("$m")
done

ot=$(printf '%s\n' "${ours_t[@]}" | median); st=$(printf '%s\n' "${sysdig_t[@]}" | median)
om=$(printf '%s\n' "${ours_m[@]}" | median); sm=$(printf '%s\n' "${sysdig_m[@]}" | median)
rt=$(printf '%s\n' "${reader_t[@]}" | median); rm_=$(printf '%s\n' "${reader_m[@]}" | median)
bytes=$(stat -L -c %s "$capture")
echo "capture: $capture ($((bytes >> 20)) MiB, $events events), $runs runs each, median"
printf '| reader | wall time (s) | events/s | peak RSS (MiB) |\n|---|---|---|---|\n'
awk -v t="$st" -v m="$sm" -v e="$events" 'BEGIN { printf "| sysdig -r F -q | %.2f | %.1f M | %.0f |\n", t, e / t / 1e6, m / 1024 }'
awk -v t="$ot" -v m="$om" -v e="$events" 'BEGIN { printf "| inspect read F -q | %.2f | %.1f M | %.0f |\n", t, e / t / 1e6, m / 1024 }'
awk -v t="$rt" -v m="$rm_" -v e="$events" 'BEGIN { printf "| Inspect.Scap reader alone | %.2f | %.1f M | %.0f |\n", t, e / t / 1e6, m / 1024 }'
awk -v o="$ot" -v s="$st" 'BEGIN { printf "speed-up (events/s), inspect read -q / sysdig -q: %.2fx\n", s / o }'
awk -v r="$rt" -v s="$st" 'BEGIN { printf "speed-up (events/s), reader alone / sysdig -q: %.2fx\n", s / r }'
