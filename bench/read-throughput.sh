#!/usr/bin/env bash
# Reader throughput on the same large capture, side by side, alternating runs: `sysdig -r F -q` (libscap reading plus
# sinsp's state engine), `inspect read F -q` (Inspect's reader plus its state engine: the same work), and Inspect's
# reader alone (bench/Inspect.Benchmarks read: every block framed, every event validated). Prints the median wall
# time, CPU time (user + system), events per second and peak RSS of each, and the ratios in both times.
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

ours_t=(); ours_m=(); ours_c=(); sysdig_t=(); sysdig_m=(); sysdig_c=(); reader_t=(); reader_m=(); reader_c=()
for ((i = 0; i < runs; i++)); do
  read -r t m c < <(measure_cpu "$root/inspect" read "$capture" -q); ours_t+=("$t"); ours_m+=("$m"); ours_c+=("$c")
  read -r t m c < <(measure_cpu sysdig -r "$capture" -q); sysdig_t+=("$t"); sysdig_m+=("$m"); sysdig_c+=("$c")
  read -r t m c < <(measure_cpu dotnet "$dir/bin/Inspect.Benchmarks.dll" read "$capture"); reader_t+=("$t"); reader_m+=("$m"); reader_c+=("$c")
done

med() { printf '%s\n' "$@" | median; }
ot=$(med "${ours_t[@]}"); om=$(med "${ours_m[@]}"); oc=$(med "${ours_c[@]}")
st=$(med "${sysdig_t[@]}"); sm=$(med "${sysdig_m[@]}"); sc=$(med "${sysdig_c[@]}")
rt=$(med "${reader_t[@]}"); rm_=$(med "${reader_m[@]}"); rc=$(med "${reader_c[@]}")
bytes=$(stat -L -c %s "$capture")
echo "capture: $capture ($((bytes >> 20)) MiB, $events events), $runs runs each, median; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| reader | wall time (s) | CPU time (s) | events/s (wall) | peak RSS (MiB) |\n|---|---|---|---|---|\n'
row() { awk -v l="$1" -v t="$2" -v c="$3" -v m="$4" -v e="$events" 'BEGIN { printf "| %s | %.2f | %.2f | %.1f M | %.0f |\n", l, t, c, e / t / 1e6, m / 1024 }'; }
row "sysdig -r F -q" "$st" "$sc" "$sm"
row "inspect read F -q" "$ot" "$oc" "$om"
row "Inspect.Scap reader alone" "$rt" "$rc" "$rm_"
awk -v o="$ot" -v s="$st" -v oc="$oc" -v sc="$sc" 'BEGIN { printf "speed-up, inspect read -q / sysdig -q: %.2fx wall, %.2fx CPU\n", s / o, sc / oc }'
awk -v r="$rt" -v s="$st" -v rc="$rc" -v sc="$sc" 'BEGIN { printf "speed-up, reader alone / sysdig -q: %.2fx wall, %.2fx CPU\n", s / r, sc / rc }'
