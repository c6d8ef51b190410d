#!/usr/bin/env bash
# The overview page of `inspect ui` on a large capture: time to the first progress line the browser shows, time to
# the tiles (the overview's result), and the server's peak RSS, each run on a fresh server (no cached result);
# beside them, `inspect summary --json` on the same file. Prints the medians.
#
#   bench/ui-overview.sh [SIZE_MB] [RUNS]      (defaults: 1100 MB, 3 runs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mb="${1:-1100}"
runs="${2:-3}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
# shellcheck source=common.sh
source "$root/bench/common.sh"

name="$(basename "$capture")"
bytes=$(stat -L -c %s "$capture")
echo "capture: $capture ($((bytes >> 20)) MiB, $events events), $runs runs each, median"

first=() tiles=() rss=() summary=() summary_rss=()
for ((i = 0; i < runs; i++)); do
  log="$(mktemp)"
  dotnet "$root/.build/cli/inspect.dll" ui "$capture" --listen 127.0.0.1:0 >"$log" 2>&1 &
  server=$!
  until grep -q "Inspect UI on" "$log"; do sleep 0.1; done
  url="$(grep -o 'http://[^ ]*' "$log")"
  # curl's clock: time to the first byte (the first progress line) and to the last (the result line).
  read -r t_first t_all < <(curl -sN -o /dev/null -w '%{time_starttransfer} %{time_total}\n' "${url}api/overview?capture=$name")
  first+=("$t_first"); tiles+=("$t_all")
  rss+=("$(awk '/VmHWM/ {print $2}' "/proc/$server/status")")
  kill "$server"; wait "$server" 2>/dev/null || true
  rm -f "$log"
  read -r t m < <(measure "$root/inspect" summary "$capture" --json); summary+=("$t"); summary_rss+=("$m")
done

printf '| | first progress line (s) | overview tiles (s) | peak RSS (MiB) |\n|---|---|---|---|\n'
printf '| `inspect ui` (`/api/overview`) | %s | %s | %d |\n' "$(printf '%s\n' "${first[@]}" | median)" "$(printf '%s\n' "${tiles[@]}" | median)" \
  "$(( $(printf '%s\n' "${rss[@]}" | median | cut -d. -f1) >> 10 ))"
printf '| `inspect summary --json` | | %s | %d |\n' "$(printf '%s\n' "${summary[@]}" | median)" \
  "$(( $(printf '%s\n' "${summary_rss[@]}" | median | cut -d. -f1) >> 10 ))"
