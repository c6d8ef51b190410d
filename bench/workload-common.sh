# Shared by the capture-cost scripts (sourced, not run): builds the probe and the syscall-heavy workload
# (native/bench/workload.c), and the helpers that read its timings.
#
# Expects `root`, `iterations`, `requests` and `dir` to be set; sets `workload` (the command line to run).

mkdir -p "$dir"
make -C "$root/native" -s all bench
"$root/inspect" --help >/dev/null 2>&1 || true
workload=("$root/native/build/bench_workload" "$iterations" "$requests")

# The workload prints "elapsed SECONDS".
elapsed_of() { awk '/^elapsed/ {print $2}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
