/* SPDX-License-Identifier: Apache-2.0 */
/* State shared by the shim's translation units. */
#ifndef INSPECT_SHIM_INTERNAL_H
#define INSPECT_SHIM_INTERNAL_H

#include "inspect_probe.h"
#include "ring.h"

#include <pthread.h>

struct inspect_bpf; /* the generated skeleton */
struct bpf_link;

enum { LINK_SYS_ENTER, LINK_SYS_EXIT, LINK_SCHED_FORK, LINK_SCHED_EXIT, LINK_COUNT };

struct inspect_probe {
	struct inspect_bpf *skel;
	struct bpf_link *links[LINK_COUNT];
	int n_cpus;   /* possible CPUs */
	int n_rings;
	struct ring *rings;
	int epoll_fd;

	/* Settings mirror; `lock` serialises read-modify-write of the
	 * settings map and the target counts. */
	pthread_mutex_t lock;
	struct inspect_probe_settings settings;
	uint32_t n_pid_targets;
	uint32_t n_cgroup_targets;
};

/* Records loader diagnostics for inspect_probe_last_log(). */
void shim_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void shim_log_clear(void);
/* Routes libbpf's messages into shim_log (idempotent). */
void shim_log_install_libbpf(void);

/* Writes h->settings to the BPF settings map (caller holds h->lock). */
int shim_push_settings(struct inspect_probe *h);

#endif
