# Shared by the throughput scripts (sourced, not run): the large benchmark capture, timing and medians.
#
# Expects `root` (the repository), `size_mb` and `dir` (the benchmark folder) to be set; sets `capture` and `events`.

# shellcheck source=paths.sh
source "$root/bench/paths.sh"
samples="$shared/scap-samples"
capture="$dir/read-${size_mb}mb.scap"
mkdir -p "$dir"

"$root/inspect" --help >/dev/null 2>&1 || true
if [[ ! -f "$capture" ]]; then
  dotnet run --project "$root/bench/Inspect.Benchmarks" -c Release -- make-capture "$capture" "$size_mb" \
    "$samples/libs_sample.scap" "$samples/falco_open-multiple-files.scap" "$samples/libs_single_ipv6_conn.scap" \
    "$samples/falco_ping_sendto.scap" "$samples/falco_syscall.scap" "$samples/libs_test_ipv6_client.scap"
fi

# Events of types sysdig 0.29.3 knows: the numerator of every events/s figure.
events=$("$root/inspect" read "$capture" -q 2>&1 >/dev/null | awk '/events read/ {print $1}')

# "wall-seconds peak-RSS-KiB" of one run of a command, its output discarded.
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }

# "wall-seconds peak-RSS-KiB cpu-seconds" of one run (CPU = user + system): on a shared, loaded machine the CPU time
# moves much less from run to run than the wall time.
measure_cpu() { /usr/bin/time -f "%e %M %U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'; }

# The median of the numbers on standard input.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
