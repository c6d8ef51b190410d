/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Every BPF map of the probe. Sizes marked "set by the shim" are resized in
 * user space before load (bpf_map__set_max_entries) because they depend on
 * the number of CPUs.
 */
#pragma once

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "../shared/inspect_probe_shared.h"

/* Events are assembled here before bpf_ringbuf_output(). Twice the largest
 * event so that any write at an offset below INSPECT_MAX_EVENT_SIZE with a
 * length below 64 KiB provably stays inside the value (that is how the
 * verifier accepts variable-length copies). */
#define SCRATCH_SIZE (128 * 1024)
#define SCRATCH_HALF_MASK (64 * 1024 - 1)

/* Builder state of an event in progress, parked here while a tail call
 * hands the event to the next stage (see event_save/event_resume). */
struct event_state {
	__u32 off;
	__u32 idx;
	__u32 nparams;
	__u32 too_large;
	__u32 forget; /* see event_forget() */
};

struct event_scratch {
	__u8 data[SCRATCH_SIZE];
	struct event_state saved;
};

/* Per-CPU scratch, as a plain array indexed by CPU id: a per-CPU array
 * value is limited to 32 KiB. Safe without locking because tracing
 * programs run with preemption disabled and never nest on one CPU (the
 * kernel skips a program that would recurse). Max entries set by the shim. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct event_scratch);
} event_scratch_map SEC(".maps");

/* Room to assemble a path backwards (dentry walk) before it is copied into
 * the event. Same indexing and the same reasoning as event_scratch_map. */
#define PATH_SCRATCH_SIZE (8 * 1024)
#define PATH_HALF_MASK (4 * 1024 - 1)

struct path_scratch {
	__u8 data[PATH_SCRATCH_SIZE];
	__u32 forget; /* see path_forget() */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct path_scratch);
} path_scratch_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct inspect_probe_settings);
} settings_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct inspect_probe_cpu_stats);
} stats_map SEC(".maps");

/* Targeted thread-group ids (value unused). Grows at fork: children of a
 * targeted tgid are added, and a tgid is removed when its last thread exits. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u8);
} target_tgids SEC(".maps");

/* Generation of target_tgids: bumped (atomically) after every change of
 * the map, by the probe (fork, exit) and by the shim (through the mmap'd
 * .bss). A per-CPU cache entry is valid only for the generation it was
 * computed in; the generation is read before the hash lookup, so a result
 * computed from a map that changes meanwhile is tagged with a stale one. */
__u64 targets_gen = 0;

/* Per-CPU memo of the last thread-group targeting decision: consecutive
 * syscalls on a CPU mostly come from one task, and this saves the hash
 * lookup (hash, bucket walk, key compare) on the enter and exit of each. */
struct target_cache {
	__u64 gen;
	__u32 tgid;
	__u32 targeted; /* bit 0: targeted, bit 1: entry valid */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct target_cache);
} target_cache_map SEC(".maps");

/* Targeted cgroup v2 ids (kernfs node ids; value unused). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64);
	__type(value, __u8);
} target_cgroups SEC(".maps");

/* Per-CPU state of the consumer wakeup policy (helpers/event.bpf.h). */
struct wakeup_state {
	__u32 events; /* events written by this CPU, wrapping */
	__u32 woken;  /* consumer woken since the ring last was below the threshold */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct wakeup_state);
} wakeup_state_map SEC(".maps");

/* One ring per `cpus_per_ring` CPUs. The inner rings are created by the
 * shim with the configured size and inserted before attach; this inner
 * definition only fixes the map type for the verifier (the kernel's
 * map-in-map compatibility check ignores max_entries). */
struct ringbuf_map {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096 * 64);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, __u32);
	__array(values, struct ringbuf_map);
} ringbufs SEC(".maps");
