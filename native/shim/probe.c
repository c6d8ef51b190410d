/* SPDX-License-Identifier: Apache-2.0 */
/* Probe lifecycle: open/load, rings, attach/detach, close, settings. */
#include "internal.h"
#include "inspect.skel.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* Unix-epoch ns at boot: events carry ktime_get_boot_ns() + this. Two
 * consecutive clock reads; the error is the few ns between them. */
static uint64_t boot_time_ns(void)
{
	struct timespec rt, bt;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	return ((uint64_t)rt.tv_sec * 1000000000ull + rt.tv_nsec) -
	       ((uint64_t)bt.tv_sec * 1000000000ull + bt.tv_nsec);
}

static int is_power_of_two(uint64_t v)
{
	return v && !(v & (v - 1));
}

int shim_push_settings(struct inspect_probe *h)
{
	uint32_t zero = 0;

	if (bpf_map__update_elem(h->skel->maps.settings_map, &zero, sizeof(zero), &h->settings,
				 sizeof(h->settings), BPF_ANY))
		return INSPECT_PROBE_E_SYS;
	return INSPECT_PROBE_OK;
}

/* Sizes the CPU-dependent maps before load. */
static int size_maps(struct inspect_probe *h)
{
	if (bpf_map__set_max_entries(h->skel->maps.event_scratch_map, h->n_cpus) ||
	    bpf_map__set_max_entries(h->skel->maps.path_scratch_map, h->n_cpus) ||
	    bpf_map__set_max_entries(h->skel->maps.ringbufs, h->n_rings))
		return INSPECT_PROBE_E_LOAD;
	return INSPECT_PROBE_OK;
}

/* Creates one ring per `cpus_per_ring` CPUs, installs them in the outer
 * map and maps them for reading. */
static int create_rings(struct inspect_probe *h, uint32_t ring_size)
{
	int outer = bpf_map__fd(h->skel->maps.ringbufs);

	h->rings = calloc(h->n_rings, sizeof(*h->rings));
	if (!h->rings)
		return INSPECT_PROBE_E_NOMEM;
	for (int i = 0; i < h->n_rings; i++)
		h->rings[i].fd = -1;

	h->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (h->epoll_fd < 0)
		return INSPECT_PROBE_E_SYS;

	for (int i = 0; i < h->n_rings; i++) {
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (uint32_t)i };
		uint32_t key = (uint32_t)i;
		int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "inspect_ring", 0, 0, ring_size, NULL);

		if (fd < 0) {
			shim_log("creating ring %d (%u bytes) failed: %s\n", i, ring_size, strerror(errno));
			return errno == EPERM ? INSPECT_PROBE_E_PERM : INSPECT_PROBE_E_NOMEM;
		}
		h->rings[i].fd = fd;
		if (bpf_map_update_elem(outer, &key, &fd, BPF_ANY) ||
		    ring_map(&h->rings[i], fd, ring_size) ||
		    epoll_ctl(h->epoll_fd, EPOLL_CTL_ADD, fd, &ev)) {
			shim_log("installing ring %d failed: %s\n", i, strerror(errno));
			return INSPECT_PROBE_E_SYS;
		}
	}
	return INSPECT_PROBE_OK;
}

int inspect_probe_open(const struct inspect_probe_config *cfg, inspect_probe **out)
{
	struct inspect_probe_config c = cfg ? *cfg : (struct inspect_probe_config){ 0 };
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	struct inspect_probe *h;
	int err;

	shim_log_clear();
	if (!out)
		return INSPECT_PROBE_E_INVAL;
	*out = NULL;
	if (c.ring_size_bytes == 0)
		c.ring_size_bytes = INSPECT_RING_SIZE_DEFAULT;
	if (c.cpus_per_ring == 0)
		c.cpus_per_ring = 1;
	if (c.snaplen == 0)
		c.snaplen = INSPECT_SNAPLEN_DEFAULT;
	if (!is_power_of_two(c.ring_size_bytes) || c.ring_size_bytes < 2 * (uint32_t)sysconf(_SC_PAGESIZE) ||
	    c.snaplen > INSPECT_SNAPLEN_MAX)
		return INSPECT_PROBE_E_INVAL;

	/* Kernels before 5.11 charge BPF memory to RLIMIT_MEMLOCK; later ones
	 * use memcg accounting and ignore it. Failure only matters on the
	 * former and then shows up as a load error. */
	setrlimit(RLIMIT_MEMLOCK, &unlimited);
	shim_log_install_libbpf();

	h = calloc(1, sizeof(*h));
	if (!h)
		return INSPECT_PROBE_E_NOMEM;
	pthread_mutex_init(&h->lock, NULL);
	h->epoll_fd = -1;
	h->n_cpus = libbpf_num_possible_cpus();
	if (h->n_cpus <= 0 || h->n_cpus > (int)INSPECT_MAX_CPUS) {
		err = INSPECT_PROBE_E_SYS;
		goto fail;
	}
	if (c.cpus_per_ring > (uint32_t)h->n_cpus)
		c.cpus_per_ring = h->n_cpus;
	h->n_rings = (h->n_cpus + c.cpus_per_ring - 1) / c.cpus_per_ring;

	h->skel = inspect_bpf__open();
	if (!h->skel) {
		err = INSPECT_PROBE_E_LOAD;
		goto fail;
	}
	err = size_maps(h);
	if (err)
		goto fail;
	/* The probe wakes the consumer when a ring's unread data crosses a
	 * eighth of the ring (and never per event); consume() polls the
	 * rings on a short timer for what stays below (see consume.c). */
	h->skel->rodata->ring_wakeup_bytes = c.ring_size_bytes / 8;
	if (inspect_bpf__load(h->skel)) {
		err = errno == EPERM ? INSPECT_PROBE_E_PERM : INSPECT_PROBE_E_LOAD;
		goto fail;
	}
	err = create_rings(h, c.ring_size_bytes);
	if (err)
		goto fail;

	h->settings.boot_time_ns = boot_time_ns();
	h->settings.snaplen = c.snaplen;
	h->settings.target_mode = 0;
	h->settings.cpus_per_ring = c.cpus_per_ring;
	h->settings.n_rings = h->n_rings;
	err = shim_push_settings(h);
	if (err)
		goto fail;
	*out = h;
	return INSPECT_PROBE_OK;
fail:
	inspect_probe_close(h);
	return err;
}

int inspect_probe_attach(inspect_probe *h)
{
	struct bpf_program *progs[LINK_COUNT];

	if (!h)
		return INSPECT_PROBE_E_INVAL;
	if (h->links[LINK_SYS_ENTER])
		return INSPECT_PROBE_E_STATE;
	progs[LINK_SYS_ENTER] = h->skel->progs.sys_enter_dispatch;
	progs[LINK_SYS_EXIT] = h->skel->progs.sys_exit_dispatch;
	progs[LINK_SCHED_FORK] = h->skel->progs.sched_fork;
	progs[LINK_SCHED_EXIT] = h->skel->progs.sched_exit;

	/* Re-anchor the epoch offset: it drifts with NTP while loaded. */
	pthread_mutex_lock(&h->lock);
	h->settings.boot_time_ns = boot_time_ns();
	shim_push_settings(h);
	pthread_mutex_unlock(&h->lock);

	/* The fork hook goes first so that no child of a target escapes
	 * between the syscall hooks and it. */
	for (int i = LINK_COUNT - 1; i >= 0; i--) {
		h->links[i] = bpf_program__attach(progs[i]);
		if (!h->links[i]) {
			shim_log("attaching %s failed: %s\n", bpf_program__name(progs[i]), strerror(errno));
			inspect_probe_detach(h);
			return INSPECT_PROBE_E_ATTACH;
		}
	}
	return INSPECT_PROBE_OK;
}

int inspect_probe_detach(inspect_probe *h)
{
	if (!h)
		return INSPECT_PROBE_E_INVAL;
	for (int i = 0; i < LINK_COUNT; i++) {
		bpf_link__destroy(h->links[i]);
		h->links[i] = NULL;
	}
	return INSPECT_PROBE_OK;
}

void inspect_probe_close(inspect_probe *h)
{
	if (!h)
		return;
	inspect_probe_detach(h);
	if (h->rings) {
		for (int i = 0; i < h->n_rings; i++) {
			ring_unmap(&h->rings[i]);
			if (h->rings[i].fd >= 0)
				close(h->rings[i].fd);
		}
		free(h->rings);
	}
	if (h->epoll_fd >= 0)
		close(h->epoll_fd);
	inspect_bpf__destroy(h->skel);
	pthread_mutex_destroy(&h->lock);
	free(h);
}

int inspect_probe_num_rings(inspect_probe *h)
{
	return h ? h->n_rings : INSPECT_PROBE_E_INVAL;
}

int inspect_probe_num_cpus(inspect_probe *h)
{
	return h ? h->n_cpus : INSPECT_PROBE_E_INVAL;
}

int inspect_probe_set_snaplen(inspect_probe *h, uint32_t snaplen)
{
	int err;

	if (!h || snaplen > INSPECT_SNAPLEN_MAX)
		return INSPECT_PROBE_E_INVAL;
	pthread_mutex_lock(&h->lock);
	h->settings.snaplen = snaplen;
	err = shim_push_settings(h);
	pthread_mutex_unlock(&h->lock);
	return err;
}

int inspect_probe_get_stats(inspect_probe *h, struct inspect_probe_cpu_stats *per_cpu, uint32_t cap,
			    struct inspect_probe_cpu_stats *total)
{
	struct inspect_probe_cpu_stats *rows;
	uint32_t zero = 0;

	if (!h || (cap && !per_cpu))
		return INSPECT_PROBE_E_INVAL;
	rows = calloc(h->n_cpus, sizeof(*rows));
	if (!rows)
		return INSPECT_PROBE_E_NOMEM;
	if (bpf_map__lookup_elem(h->skel->maps.stats_map, &zero, sizeof(zero), rows,
				 h->n_cpus * sizeof(*rows), 0)) {
		free(rows);
		return INSPECT_PROBE_E_SYS;
	}
	if (total)
		memset(total, 0, sizeof(*total));
	for (int i = 0; i < h->n_cpus; i++) {
		if ((uint32_t)i < cap)
			per_cpu[i] = rows[i];
		if (total) {
			total->n_evts += rows[i].n_evts;
			total->n_drops_buffer += rows[i].n_drops_buffer;
			total->n_drops_max_event_size += rows[i].n_drops_max_event_size;
			total->n_drops_internal += rows[i].n_drops_internal;
		}
	}
	free(rows);
	return INSPECT_PROBE_OK;
}
