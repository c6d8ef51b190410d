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

/* True when thread group `tgid` is in target_tgids, memoised per CPU for
 * the current targets_gen (see maps.bpf.h). */
static __always_inline bool tgid_targeted(__u32 tgid)
{
	__u64 gen = *(volatile __u64 *)&targets_gen;
	__u32 zero = 0;
	struct target_cache *c = bpf_map_lookup_elem(&target_cache_map, &zero);
	bool hit;

	if (c && (c->targeted & 2) && c->gen == gen && c->tgid == tgid)
		return c->targeted & 1;
	hit = bpf_map_lookup_elem(&target_tgids, &tgid) != NULL;
	if (c) {
		c->gen = gen;
		c->tgid = tgid;
		c->targeted = 2 | hit;
	}
	return hit;
}

/* Called after every change of target_tgids made by the probe. */
static __always_inline void targets_changed(void)
{
	__sync_fetch_and_add(&targets_gen, 1);
}

/* The first thing every program does: untargeted tasks must cost one
 * array lookup and, in targeted modes, one hash lookup per configured
 * mode (plus the cgroup depth when cgroups are targeted). `task` is the
 * current task (its BTF pointer: the tgid is a plain load, not a helper
 * call). */
static __always_inline bool task_targeted(struct task_struct *task)
{
	struct inspect_probe_settings *s = settings_get();

	if (!s || s->target_mode == 0)
		return false;
	if (s->target_mode & INSPECT_TARGET_ALL)
		return true;
	if ((s->target_mode & INSPECT_TARGET_PIDS) && tgid_targeted(task->tgid))
		return true;
	if (s->target_mode & INSPECT_TARGET_CGROUPS)
		return current_cgroup_targeted();
	return false;
}

static __always_inline bool current_targeted(void)
{
	return task_targeted(bpf_get_current_task_btf());
}
