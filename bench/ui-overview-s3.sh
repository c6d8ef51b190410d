#!/usr/bin/env bash
# The overview page of a Capture in the cluster on a large capture: the operator's UI serving code (artifact cache,
# streamed queries; `Inspect.Benchmarks ui-s3`) fetches the artifact from S3 (s3rver on loopback, the object as the
# agent uploads it: gzip, 8 MiB parts) into its cache, checks it, then reads it. Each run starts a fresh server with
# an empty cache and measures the time to the first progress line, to the end of the download (the first line that
# is not a download line), to the overview's result, the same overview again (cached artifact and result), and the
# server's peak RSS. Prints the medians.
#
#   bench/ui-overview-s3.sh [SIZE_MB] [RUNS]      (defaults: 1100 MB, 3 runs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mb="${1:-1100}"
runs="${2:-3}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
# shellcheck source=common.sh
source "$root/bench/common.sh"
bin="$dir/ui-s3-bin"
dotnet build "$root/bench/Inspect.Benchmarks" -c Release -nologo -v quiet -o "$bin" >/dev/null

store="$(mktemp -d)"
cache="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
node "$root/.tools/node_modules/s3rver/bin/s3rver.js" -d "$store" -a 127.0.0.1 -p "$port" --silent --configure-bucket bench &
s3rver=$!
server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null
  kill "$s3rver" 2>/dev/null; wait "$s3rver" 2>/dev/null
  rm -rf "$store" "$cache"
}
trap cleanup EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
dotnet "$bin/Inspect.Benchmarks.dll" upload "$capture" "http://127.0.0.1:$port" bench ui.scap.gz >/dev/null

# Seconds since $1 (date +%s.%N) at each line of standard input, then the line.
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(echo "$(date +%s.%N) - $1" | bc)" "$line"; done; }

first=() downloaded=() tiles=() again=() rss=()
for ((i = 0; i < runs; i++)); do
  rm -rf "${cache:?}"/*
  log="$(mktemp)"
  dotnet "$bin/Inspect.Benchmarks.dll" ui-s3 "http://127.0.0.1:$port" bench ui.scap.gz "$cache" >"$log" 2>&1 &
  server=$!
  until grep -q "Inspect UI on" "$log"; do sleep 0.1; done
  url="$(grep -o 'http://[^ ]*' "$log")"
  start="$(date +%s.%N)"
  lines="$(curl -sN "${url}api/overview?capture=bench" | stamp "$start")"
  grep -q '"result"' <<<"$lines" || { echo "no result: $(tail -c 300 <<<"$lines")" >&2; exit 1; }
  # (awk, not grep | head: with pipefail, head's early exit would fail the pipeline.)
  first+=("$(awk 'NR == 1 {print $1}' <<<"$lines")")
  downloaded+=("$(awk '!/"phase":"download"/ {print $1; exit}' <<<"$lines")")
  tiles+=("$(awk 'END {print $1}' <<<"$lines")")
  again+=("$(curl -sN -o /dev/null -w '%{time_total}' "${url}api/overview?capture=bench")")
  rss+=("$(awk '/VmHWM/ {print $2}' "/proc/$server/status")")
  kill "$server"; wait "$server" 2>/dev/null || true
  server=""
  rm -f "$log"
done

bytes=$(stat -L -c %s "$capture")
object=$(find "$store" -type f -name '*ui.scap.gz*' -size +1M -printf '%s\n' | sort -n | tail -1)
echo "capture: $capture ($((bytes >> 20)) MiB, $events events; stored object $((object >> 20)) MiB), $runs runs, median"
m() { printf '%s\n' "$@" | median; }
printf '| | first progress line (s) | downloaded and checked (s) | overview tiles (s) | again, cached (s) | peak RSS (MiB) |\n|---|---|---|---|---|---|\n'
printf '| operator UI, artifact from S3 | %.2f | %.2f | %.2f | %.3f | %d |\n' "$(m "${first[@]}")" "$(m "${downloaded[@]}")" "$(m "${tiles[@]}")" "$(m "${again[@]}")" \
  "$(( $(m "${rss[@]}" | cut -d. -f1) >> 10 ))"
