// The probe's in-kernel cost per program run, without the recorder: runs COMMAND as the only target of the probe,
// drains the rings (discarding the events) until it exits, and prints the kernel's run-time statistics of every
// program that ran (mean ns per run and runs) and the probe's counters. Needs root and kernel.bpf_stats_enabled=1
// (bench/record-overhead.sh switches it on; without it the run counts stay 0).
//
//   bench_probe_cost COMMAND [ARGS...]
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "inspect_probe.h"

// Prints the statistics of every BPF program this process holds open that has run. Tail-called programs never
// count on their own: their time is the attached program's.
static void print_program_stats(void)
{
	DIR *fds = opendir("/proc/self/fd");
	struct dirent *entry;

	if (!fds)
		return;
	while ((entry = readdir(fds))) {
		struct bpf_prog_info info;
		__u32 len = sizeof(info);
		int fd = atoi(entry->d_name);

		memset(&info, 0, sizeof(info));
		if (entry->d_name[0] == '.' || bpf_obj_get_info_by_fd(fd, &info, &len) || info.run_cnt == 0)
			continue;
		printf("%-16s %8.1f ns/run %12llu runs\n", info.name, (double)info.run_time_ns / (double)info.run_cnt,
		       (unsigned long long)info.run_cnt);
	}
	closedir(fds);
}

int main(int argc, char **argv)
{
	inspect_probe *probe;
	int go[2], status, err;
	pid_t child;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_probe_cost COMMAND [ARGS...]\n");
		return 2;
	}
	err = inspect_probe_open(NULL, &probe);
	if (err) {
		fprintf(stderr, "bench_probe_cost: cannot load the probe: %s\n", inspect_probe_strerror(err));
		return 1;
	}
	// The child waits until it is targeted and the probe attached, so its first system call is recorded.
	if (pipe(go))
		return 1;
	child = fork();
	if (child == 0) {
		char byte;

		close(go[1]);
		if (read(go[0], &byte, 1) < 0)
			_exit(126);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	close(go[0]);
	err = inspect_probe_add_target_pid(probe, (uint32_t)child);
	if (!err)
		err = inspect_probe_attach(probe);
	close(go[1]);
	if (err) {
		fprintf(stderr, "bench_probe_cost: cannot start: %s\n", inspect_probe_strerror(err));
		return 1;
	}

	size_t cap = 1 << 20;
	void *buf = malloc(cap);
	unsigned long long consumed = 0;
	for (;;) {
		uint64_t bytes;
		uint32_t records;

		if (inspect_probe_consume(probe, buf, cap, 10, &bytes, &records))
			break;
		consumed += records;
		if (records == 0 && waitpid(child, &status, WNOHANG) == child)
			break;
	}

	struct inspect_probe_cpu_stats total;
	inspect_probe_get_stats(probe, NULL, 0, &total);
	print_program_stats();
	printf("events %llu consumed %llu drops %llu\n", (unsigned long long)total.n_evts, consumed,
	       (unsigned long long)(total.n_drops_buffer + total.n_drops_max_event_size + total.n_drops_internal));
	free(buf);
	inspect_probe_close(probe);
	return 0;
}
