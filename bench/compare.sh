# Shared by the overview and view benchmarks (sourced, not run): alternating runs of `ours FILE` and `theirs FILE`
# (functions the calling script defines and exports the variables of) on the large capture, medians and speed-ups,
# then one run of each on a capture a quarter the size for the memory comparison. Expects `root` and `dir` to be set.
#
# Besides wall time, CPU time (user + system) is reported: on the shared 2-core machine, wall time depends on what
# else runs, while the CPU time a command needs changes much less.

# "wall-seconds cpu-seconds peak-RSS-KiB" of one run of a shell function, its output discarded.
measure_function() {
  /usr/bin/time -f "%e %U %S %M" bash -c "$(declare -f "$1"); $1 \"\$1\"" _ "$2" 2>&1 >/dev/null | tail -1 |
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}

compare_side_by_side() {
  local large_mb="$1" runs="$2" ours_label="$3" theirs_label="$4"
  local small_mb=$((large_mb / 4)) size_mb capture events
  # The small capture first, so `capture` and `events` describe the large one afterwards.
  for size_mb in "$small_mb" "$large_mb"; do
    # shellcheck source=common.sh
    source "$root/bench/common.sh"
    eval "events_${size_mb}=$events capture_${size_mb}=$capture"
  done

  local ow=() oc=() om=() tw=() tc=() tm=() w c m
  for ((i = 0; i < runs; i++)); do
    read -r w c m < <(measure_function ours "$capture"); ow+=("$w"); oc+=("$c"); om+=("$m")
    read -r w c m < <(measure_function theirs "$capture"); tw+=("$w"); tc+=("$c"); tm+=("$m")
  done
  local owm ocm omm twm tcm tmm
  owm=$(printf '%s\n' "${ow[@]}" | median); ocm=$(printf '%s\n' "${oc[@]}" | median); omm=$(printf '%s\n' "${om[@]}" | median)
  twm=$(printf '%s\n' "${tw[@]}" | median); tcm=$(printf '%s\n' "${tc[@]}" | median); tmm=$(printf '%s\n' "${tm[@]}" | median)

  local small="capture_${small_mb}" small_events="events_${small_mb}" osw osc osm tsw tsc tsm
  read -r osw osc osm < <(measure_function ours "${!small}")
  read -r tsw tsc tsm < <(measure_function theirs "${!small}")

  local bytes; bytes=$(stat -L -c %s "$capture")
  echo "capture: $capture ($((bytes >> 20)) MiB, $events events), $runs runs each, median"
  echo "wall times, ours: $(printf '%s ' "${ow[@]}")s; theirs: $(printf '%s ' "${tw[@]}")s"
  printf '| command | wall time (s) | CPU time (s) | events/s (wall) | peak RSS (MiB) | peak RSS at %s MiB (MiB) |\n|---|---|---|---|---|---|\n' "$small_mb"
  awk -v l="$theirs_label" -v t="$twm" -v c="$tcm" -v m="$tmm" -v e="$events" -v sm="$tsm" \
    'BEGIN { printf "| `%s` | %.2f | %.2f | %.1f M | %.0f | %.0f |\n", l, t, c, e / t / 1e6, m / 1024, sm / 1024 }'
  awk -v l="$ours_label" -v t="$owm" -v c="$ocm" -v m="$omm" -v e="$events" -v sm="$osm" \
    'BEGIN { printf "| `%s` | %.2f | %.2f | %.1f M | %.0f | %.0f |\n", l, t, c, e / t / 1e6, m / 1024, sm / 1024 }'
  awk -v o="$owm" -v t="$twm" -v oc="$ocm" -v tc="$tcm" 'BEGIN { printf "speed-up: %.2fx in wall time, %.2fx in CPU time\n", t / o, tc / oc }'
  echo "small capture ($small_mb MiB, ${!small_events} events), one run each: ours ${osw} s wall, ${osc} s CPU; theirs ${tsw} s wall, ${tsc} s CPU"
}
