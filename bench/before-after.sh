#!/usr/bin/env bash
# Inspect against an earlier build of itself, side by side on the same large capture, alternating runs: for each
# command, the median wall and CPU time (user + system) of both builds and the speed-up. The earlier build is a
# folder holding inspect.dll, e.g. made with
#   git archive COMMIT | tar -x -C /tmp/old && dotnet build /tmp/old/src/Inspect.Cli -c Release -o /tmp/old-bin
#
#   bench/before-after.sh OLD_BIN_DIR [SIZE_MB] [RUNS]      (defaults: 1100 MB, 3 runs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
old="${1:?usage: bench/before-after.sh OLD_BIN_DIR [SIZE_MB] [RUNS]}"
size_mb="${2:-1100}"
runs="${3:-3}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
# shellcheck source=common.sh
source "$root/bench/common.sh"

# "wall-seconds cpu-seconds" of one run, output discarded. Both builds run as `dotnet inspect.dll` (common.sh has built
# this one), so the wrapper script's check for changed sources is not timed.
timed() { /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'; }

commands=(
  "view files F --format csysdig"
  "summary F --format wsysdig"
  "summary F"
  "read F -q"
  "read F --count evt.type=open or evt.type=openat"
)

echo "capture: $capture ($(($(stat -L -c %s "$capture") >> 20)) MiB, $events events), $runs runs each, median; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| command | before: wall / CPU (s) | after: wall / CPU (s) | speed-up: wall / CPU |\n|---|---|---|---|\n'
for command in "${commands[@]}"; do
  read -r -a words <<<"${command/F/$capture}"
  if [[ "$command" == *--count* ]]; then words=(read "$capture" --count "${command#*--count }"); fi
  bw=(); bc=(); aw=(); ac=()
  for ((i = 0; i < runs; i++)); do
    read -r w c < <(timed dotnet "$old/inspect.dll" "${words[@]}"); bw+=("$w"); bc+=("$c")
    read -r w c < <(timed dotnet "$root/.build/cli/inspect.dll" "${words[@]}"); aw+=("$w"); ac+=("$c")
  done
  bwm=$(printf '%s\n' "${bw[@]}" | median); bcm=$(printf '%s\n' "${bc[@]}" | median)
  awm=$(printf '%s\n' "${aw[@]}" | median); acm=$(printf '%s\n' "${ac[@]}" | median)
  awk -v l="inspect $command" -v bw="$bwm" -v bc="$bcm" -v aw="$awm" -v ac="$acm" \
    'BEGIN { printf "| `%s` | %.2f / %.2f | %.2f / %.2f | %.2fx / %.2fx |\n", l, bw, bc, aw, ac, bw / aw, bc / ac }'
done
