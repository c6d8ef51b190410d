#!/usr/bin/env bash
# Upload throughput and peak memory: a generated capture streamed through Inspect's capture upload (gzip, 8 MiB parts,
# SHA-256, the same path `inspect record --upload` and the agent's sink use) to s3rver on loopback. Prints the median
# wall time, MiB/s of capture bytes and peak RSS of the uploading process.
#
#   bench/upload-throughput.sh [SIZE_MB] [RUNS]      (defaults: 2048 MB, 3 runs)
#
# s3rver comes from scripts/install-deps (.tools/); it stores into a temporary directory removed afterwards.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mb="${1:-2048}"
runs="${2:-3}"
dir="${BENCH_DIR:-/tmp/inspect-bench}"
# shellcheck source=common.sh
source "$root/bench/common.sh"
dotnet build "$root/bench/Inspect.Benchmarks" -c Release -nologo -v quiet -o "$dir/bin" >/dev/null

store="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
node "$root/.tools/node_modules/s3rver/bin/s3rver.js" -d "$store" -a 127.0.0.1 -p "$port" --silent --configure-bucket bench &
s3rver=$!
trap 'kill "$s3rver" 2>/dev/null; wait "$s3rver" 2>/dev/null; rm -rf "$store"' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

t=(); r=(); m=()
for ((i = 0; i < runs; i++)); do
  out="$( { /usr/bin/time -f "%M" dotnet "$dir/bin/Inspect.Benchmarks.dll" upload "$capture" "http://127.0.0.1:$port" bench "run-$i.scap.gz" 2>"$dir/upload.err"; } 2>&1 )" ||
    { cat "$dir/upload.err" >&2; exit 1; }
  read -r seconds rate <<<"$(head -1 <<<"$out")"
  t+=("$seconds"); r+=("$rate"); m+=("$(tail -1 "$dir/upload.err")")
done

bytes=$(stat -L -c %s "$capture")
echo "capture: $capture ($((bytes >> 20)) MiB), to s3rver on loopback, $runs runs, median"
printf '| upload | wall time (s) | capture MiB/s | peak RSS (MiB) |\n|---|---|---|---|\n'
awk -v t="$(printf '%s\n' "${t[@]}" | median)" -v r="$(printf '%s\n' "${r[@]}" | median)" -v m="$(printf '%s\n' "${m[@]}" | median)" \
  'BEGIN { printf "| gzip (fastest), 8 MiB parts, SHA-256 | %.2f | %.0f | %.0f |\n", t, r, m / 1024 }'
