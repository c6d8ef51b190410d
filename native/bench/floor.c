// Loads the counting-only floor programs, keeps them attached until SIGINT or SIGTERM, then prints how many
// syscall entries and exits they saw. Used by bench/record-overhead.sh.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include "floor.skel.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(void)
{
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	setrlimit(RLIMIT_MEMLOCK, &unlimited);

	struct floor_bpf *skel = floor_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "floor: cannot load the BPF programs: %s\n", strerror(errno));
		return 1;
	}
	if (floor_bpf__attach(skel)) {
		fprintf(stderr, "floor: cannot attach: %s\n", strerror(errno));
		floor_bpf__destroy(skel);
		return 1;
	}

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	printf("attached\n");
	fflush(stdout);
	while (!stop)
		pause();

	int cpus = libbpf_num_possible_cpus();
	__u64 *values = calloc((size_t)cpus, sizeof(__u64));
	__u32 zero = 0;
	__u64 total = 0;
	if (values && bpf_map_lookup_elem(bpf_map__fd(skel->maps.hits), &zero, values) == 0) {
		for (int i = 0; i < cpus; i++)
			total += values[i];
	}
	printf("hits %llu\n", (unsigned long long)total);
	free(values);
	floor_bpf__destroy(skel);
	return 0;
}
