/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libinspectprobe: flat C API over the Inspect eBPF probe.
 *
 * Every function returns an int error code (INSPECT_PROBE_OK = 0, negative
 * on failure; inspect_probe_strerror() names it) unless stated otherwise.
 * No callbacks: callers pass plain pointers and lengths (P/Invoke friendly).
 *
 * Lifecycle:
 *   inspect_probe_check_support()   optional, before anything else
 *   inspect_probe_open()            load the probe (nothing captured yet)
 *   inspect_probe_set_*()/add_*()   targets and snaplen, any time
 *   inspect_probe_attach()          start capturing
 *   inspect_probe_consume()         repeatedly, from one thread
 *   inspect_probe_detach()          stop (events already queued stay readable)
 *   inspect_probe_close()           release everything
 *
 * Thread safety: a handle may be used from several threads with these
 * rules. inspect_probe_consume() must not run concurrently with itself on
 * the same handle (it owns the ring read positions). Targets, snaplen and
 * stats calls only update/read BPF maps and may run concurrently with
 * consume and with each other. attach/detach/close must not race with
 * any other call on the same handle. Different handles are independent,
 * but two attached handles both see every targeted event.
 */
#ifndef INSPECT_PROBE_H
#define INSPECT_PROBE_H

#include <stddef.h>
#include <stdint.h>
#include "inspect_probe_shared.h"

#ifdef __cplusplus
extern "C" {
#endif

#define INSPECT_PROBE_API __attribute__((visibility("default")))

enum inspect_probe_error {
	INSPECT_PROBE_OK = 0,
	INSPECT_PROBE_E_INVAL = -1,      /* bad argument */
	INSPECT_PROBE_E_NOMEM = -2,      /* out of memory */
	INSPECT_PROBE_E_PERM = -3,       /* missing CAP_BPF/CAP_PERFMON or CAP_SYS_ADMIN */
	INSPECT_PROBE_E_NO_BTF = -4,     /* kernel has no /sys/kernel/btf/vmlinux */
	INSPECT_PROBE_E_KERNEL = -5,     /* kernel too old (ring buffer, tp_btf) */
	INSPECT_PROBE_E_LOAD = -6,       /* BPF load or verification failed (see inspect_probe_last_log) */
	INSPECT_PROBE_E_ATTACH = -7,     /* attaching a program failed */
	INSPECT_PROBE_E_STATE = -8,      /* call not valid in the handle's current state */
	INSPECT_PROBE_E_NOT_FOUND = -9,  /* path or target does not exist */
	INSPECT_PROBE_E_SYS = -10,       /* other system call failure */
	INSPECT_PROBE_E_BUFFER = -11,    /* buffer too small for the next record */
	INSPECT_PROBE_E_FULL = -12,      /* a target map is full */
};

typedef struct inspect_probe inspect_probe;

/* Versions ("MAJOR.MINOR.PATCH", static strings) of the C API and of the
 * emitted event schema; they match native/API_VERSION and SCHEMA_VERSION. */
INSPECT_PROBE_API const char *inspect_probe_api_version(void);
INSPECT_PROBE_API const char *inspect_probe_schema_version(void);

/* Static description of an error code; never NULL. */
INSPECT_PROBE_API const char *inspect_probe_strerror(int err);

/* Copies the most recent libbpf/loader diagnostics of the calling thread
 * (e.g. a verifier log) into buf, NUL-terminated. Returns the length. */
INSPECT_PROBE_API size_t inspect_probe_last_log(char *buf, size_t cap);

/* Layout self-description for the C# mirror: sizeof a struct (enum
 * inspect_probe_struct_id) and the offset of a field (enum
 * inspect_probe_field_id). -1 for unknown ids. */
INSPECT_PROBE_API int64_t inspect_probe_struct_size(int which);
INSPECT_PROBE_API int64_t inspect_probe_struct_offset(int which, int field);

/* Fills *out and returns OK when this machine can run the probe, or the
 * first blocking reason (E_NO_BTF, E_PERM, E_KERNEL). */
INSPECT_PROBE_API int inspect_probe_check_support(struct inspect_probe_support *out);

/* Loads the probe. cfg may be NULL for the defaults. Raises
 * RLIMIT_MEMLOCK. Nothing is captured until attach, and nothing is
 * targeted until a target is set. */
INSPECT_PROBE_API int inspect_probe_open(const struct inspect_probe_config *cfg, inspect_probe **out);

/* Releases everything (detaches first). NULL is a no-op. */
INSPECT_PROBE_API void inspect_probe_close(inspect_probe *h);

/* Number of rings (records carry the ring index) and of possible CPUs
 * (rows of the per-CPU stats). */
INSPECT_PROBE_API int inspect_probe_num_rings(inspect_probe *h);
INSPECT_PROBE_API int inspect_probe_num_cpus(inspect_probe *h);

/* I/O payload bytes kept per call, 0..INSPECT_SNAPLEN_MAX. */
INSPECT_PROBE_API int inspect_probe_set_snaplen(inspect_probe *h, uint32_t snaplen);

/* Targets. Modes combine: a task is captured when "all" is on, or its
 * thread group is targeted, or its cgroup v2 (or an ancestor) is. */
INSPECT_PROBE_API int inspect_probe_set_target_all(inspect_probe *h, int enabled);
/* tgid and, from then on, every process it forks (not retroactively
 * its existing children). A tgid is forgotten when it exits. */
INSPECT_PROBE_API int inspect_probe_add_target_pid(inspect_probe *h, uint32_t tgid);
INSPECT_PROBE_API int inspect_probe_remove_target_pid(inspect_probe *h, uint32_t tgid);
/* cgroup v2 id (the kernfs id, as bpf_get_current_cgroup_id reports). */
INSPECT_PROBE_API int inspect_probe_add_target_cgroup_id(inspect_probe *h, uint64_t cgroup_id);
INSPECT_PROBE_API int inspect_probe_remove_target_cgroup_id(inspect_probe *h, uint64_t cgroup_id);
/* A cgroup v2 directory (e.g. /sys/fs/cgroup/kubepods.slice/...); its id
 * is stored in *out_id when out_id is not NULL. */
INSPECT_PROBE_API int inspect_probe_add_target_cgroup_path(inspect_probe *h, const char *path,
							   uint64_t *out_id);
/* The cgroup v2 id of a directory, without targeting it. */
INSPECT_PROBE_API int inspect_probe_cgroup_id_of_path(const char *path, uint64_t *out_id);
/* Removes every pid and cgroup target and turns "all" off. */
INSPECT_PROBE_API int inspect_probe_clear_targets(inspect_probe *h);

INSPECT_PROBE_API int inspect_probe_attach(inspect_probe *h);
INSPECT_PROBE_API int inspect_probe_detach(inspect_probe *h);

/* Moves queued events into buf as records (see inspect_probe_record_header
 * in inspect_probe_shared.h), merged across rings in timestamp order.
 * Waits up to timeout_ms (0: don't wait, <0: forever) when nothing is
 * queued. Returns OK with *out_records == 0 on timeout. A buffer of at
 * least INSPECT_MAX_EVENT_SIZE + 16 bytes always makes progress; with a
 * smaller one E_BUFFER is returned when the next record does not fit an
 * empty buffer. */
INSPECT_PROBE_API int inspect_probe_consume(inspect_probe *h, void *buf, uint64_t cap,
					    int32_t timeout_ms, uint64_t *out_bytes,
					    uint32_t *out_records);

/* Counters: per_cpu receives min(cap, num_cpus) rows (may be NULL when
 * cap is 0); total (may be NULL) the sums. */
INSPECT_PROBE_API int inspect_probe_get_stats(inspect_probe *h, struct inspect_probe_cpu_stats *per_cpu,
					      uint32_t cap, struct inspect_probe_cpu_stats *total);

#ifdef __cplusplus
}
#endif

#endif /* INSPECT_PROBE_H */
