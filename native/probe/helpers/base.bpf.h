/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Base layer: settings, counters and the targeting decision. Everything
 * else in the probe builds on these; nothing here knows about events.
 */
#pragma once

#include "../maps.bpf.h"

static __always_inline struct inspect_probe_settings *settings_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&settings_map, &zero);
}

static __always_inline struct inspect_probe_cpu_stats *stats_get(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&stats_map, &zero);
}

/* Per-CPU map values: plain increments are race-free. */
#define STAT_INC(field)                                              \
	do {                                                         \
		struct inspect_probe_cpu_stats *__s = stats_get();   \
		if (__s)                                             \
			__s->field++;                                \
	} while (0)

/* True when the cgroup v2 cgroup of the current task, or one of its
 * ancestors, is in target_cgroups. Level 0 is the root; the helper
 * returns 0 past the task's own level, which ends the walk. */
static __always_inline bool current_cgroup_targeted(void)
{
	for (int level = 0; level < INSPECT_MAX_CGROUP_DEPTH; level++) {
		__u64 id = bpf_get_current_ancestor_cgroup_id(level);

		if (id == 0)
			return false;
		if (bpf_map_lookup_elem(&target_cgroups, &id))
			return true;
	}
	return false;
}

/* The first thing every program does: untargeted tasks must cost one
 * array lookup and, in targeted modes, one hash lookup per configured
 * mode (plus the cgroup depth when cgroups are targeted). */
static __always_inline bool current_targeted(void)
{
	struct inspect_probe_settings *s = settings_get();
	__u32 tgid;

	if (!s || s->target_mode == 0)
		return false;
	if (s->target_mode & INSPECT_TARGET_ALL)
		return true;
	if (s->target_mode & INSPECT_TARGET_PIDS) {
		tgid = bpf_get_current_pid_tgid() >> 32;
		if (bpf_map_lookup_elem(&target_tgids, &tgid))
			return true;
	}
	if (s->target_mode & INSPECT_TARGET_CGROUPS)
		return current_cgroup_targeted();
	return false;
}
