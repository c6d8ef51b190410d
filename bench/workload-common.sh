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

# BPF run-time statistics (kernel.bpf_stats_enabled): the kernel times every run of every program, so the probe's
# cost per invocation is measured in the kernel, largely unaffected by other load on the machine. Switched on for
# the run and restored to its previous value on exit.
bpf_stats_on() {
  bpf_stats_was="$(sysctl -n kernel.bpf_stats_enabled)"
  trap 'sysctl -qw kernel.bpf_stats_enabled="$bpf_stats_was"' EXIT
  sysctl -qw kernel.bpf_stats_enabled=1
}

# prog_run_stats PID: "NAME RUN_TIME_NS RUN_CNT" for every program PID holds open that has run (tail-called
# programs never count on their own: their time is the attached program's). Read from the program fds' fdinfo, so
# only PID's programs count even when other processes load programs of the same name.
prog_run_stats() {
  local pid="$1" info id ns cnt
  for info in /proc/"$pid"/fdinfo/*; do
    id="$(awk '/^prog_id:/ {print $2}' "$info" 2>/dev/null)" || continue
    [[ -n "$id" ]] || continue
    read -r ns cnt < <(awk '/^run_time_ns:/ {t=$2} /^run_cnt:/ {c=$2} END {print t+0, c+0}' "$info")
    ((cnt > 0)) || continue
    echo "$(bpftool prog show id "$id" -j | jq -r .name) $ns $cnt"
  done
}

# ns_per_run NAME < prog_run_stats output: the program's mean run time in ns.
ns_per_run() { awk -v n="$1" '$1 == n && $3 > 0 {printf "%.0f\n", $2 / $3; f = 1} END {if (!f) print "n/a"}'; }
