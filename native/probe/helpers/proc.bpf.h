/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Process-description parameters shared by the clone family (CLONE_20,
 * FORK_20, VFORK_20, CLONE3) and the execve family (EXECVE_19, EXECVEAT):
 * command line, identity, cwd, limits, memory, comm, cgroups, env, tty...
 */
#pragma once

#include "extract.bpf.h"
#include "flags.bpf.h"

/* Same caps as the old drivers (and old sinsp's reader limits). */
#define ARGS_ENV_SIZE_MAX 4096
#define ARGS_ENV_MASK (2 * ARGS_ENV_SIZE_MAX - 1)
/* Bound on the user argv/envp entries read when execve failed. */
#define MAX_ARGV 64

/* ---------------------------------------------------------------------- */
/* Command line and environment                                           */
/* ---------------------------------------------------------------------- */

/* Copies the user range [start, end) (capped) to the value being written
 * and forces a final NUL. Returns the bytes copied. */
static __always_inline __u32 copy_user_area(struct event *e, unsigned long start, unsigned long end)
{
	__u32 len;

	if (!start || end <= start || event_room(e) <= ARGS_ENV_SIZE_MAX)
		return 0;
	len = end - start > ARGS_ENV_SIZE_MAX ? ARGS_ENV_SIZE_MAX : end - start;
	if (bpf_probe_read_user(event_at(e, 0), BOUND(len, ARGS_ENV_MASK), (void *)start))
		return 0;
	*event_at(e, len - 1) = 0;
	return len;
}

/* exe (CHARBUF, argv[0]) and args (BYTEBUF, argv[1..] each NUL-terminated)
 * split from one NUL-separated area: they are adjacent parameters, so the
 * area is copied once and only the boundary is computed. */
static __always_inline void push_exe_args_area(struct event *e, __u32 len)
{
	long exe_len = 0;

	if (len)
		/* Copying the first string onto itself just measures it. */
		exe_len = bpf_probe_read_kernel_str(event_at(e, 0), BOUND(len, ARGS_ENV_MASK), event_at(e, 0));
	if (exe_len <= 0) {
		push_empty_str(e);
		push_empty(e);
		return;
	}
	param_done(e, exe_len);
	param_done(e, len > exe_len ? len - exe_len : 0);
}

/* exe + args of the current mm: the parent's for clone, the new program's
 * after a successful execve. */
static __always_inline void push_exe_args_from_mm(struct event *e, struct mm_struct *mm)
{
	push_exe_args_area(e, copy_user_area(e, BPF_CORE_READ(mm, arg_start),
					     BPF_CORE_READ(mm, arg_end)));
}

/* Concatenates NUL-terminated user strings from a NULL-terminated user
 * array (argv/envp of a failed execve, whose mm was not replaced). */
static __always_inline __u32 copy_user_strings(struct event *e, const char *const *uarr)
{
	__u32 total = 0;

	if (!uarr || event_room(e) <= 2 * ARGS_ENV_SIZE_MAX)
		return 0;
	for (int i = 0; i < MAX_ARGV && total < ARGS_ENV_SIZE_MAX; i++) {
		const char *s = NULL;
		long n;

		if (bpf_probe_read_user(&s, sizeof(s), &uarr[i]) || !s)
			break;
		n = bpf_probe_read_user_str(event_at(e, total), ARGS_ENV_SIZE_MAX, s);
		if (n <= 0)
			break;
		total = event_forget(e, total + n);
	}
	return total;
}

static __always_inline void push_env_from_mm(struct event *e, struct mm_struct *mm)
{
	param_done(e, copy_user_area(e, BPF_CORE_READ(mm, env_start), BPF_CORE_READ(mm, env_end)));
}

/* ---------------------------------------------------------------------- */
/* Identity, limits, memory                                               */
/* ---------------------------------------------------------------------- */

/* Number of `pid` in the pid namespace at `level` (0 = the initial one). */
static __always_inline __s64 pid_nr_at(struct pid *pid, __u32 level)
{
	struct upid up = {};

	if (!pid || BPF_CORE_READ(pid, level) < level)
		return 0;
	bpf_probe_read_kernel(&up, sizeof(up), &pid->numbers[level & 31]);
	return up.nr;
}

/* Level of the pid namespace the task lives in. */
static __always_inline __u32 task_ns_level(struct task_struct *t)
{
	return BPF_CORE_READ(t, thread_pid, level);
}

/* mm counters moved from atomic_long_t to percpu_counter in 6.2. The
 * percpu_counter's central count is approximate, like /proc's VmRSS. */
struct mm_rss_stat___old {
	atomic_long_t count[4];
} __attribute__((preserve_access_index));

struct mm_struct___old {
	struct mm_rss_stat___old rss_stat;
} __attribute__((preserve_access_index));

struct mm_struct___v62 {
	struct percpu_counter rss_stat[4];
} __attribute__((preserve_access_index));

/* enum mm_counter_type members (stable since 4.x). */
#define MM_FILEPAGES 0
#define MM_ANONPAGES 1
#define MM_SWAPENTS 2
#define MM_SHMEMPAGES 3

static __always_inline __s64 mm_counter(struct mm_struct *mm, int member)
{
	__s64 v;

	if (bpf_core_type_exists(struct mm_rss_stat___old))
		v = BPF_CORE_READ((struct mm_struct___old *)mm, rss_stat.count[member].counter);
	else
		v = BPF_CORE_READ((struct mm_struct___v62 *)mm, rss_stat[member].count);
	return v > 0 ? v : 0;
}

/* x86_64 pages are 4 KiB; the VM parameters are in KiB. */
#define PAGE_TO_KB 4

struct vm_info {
	__u32 size_kb;
	__u32 rss_kb;
	__u32 swap_kb;
};

/* vm_size, vm_rss and vm_swap as /proc/PID/status computes them. */
static __always_inline void mm_vm_info(struct mm_struct *mm, struct vm_info *vi)
{
	vi->size_kb = 0;
	vi->rss_kb = 0;
	vi->swap_kb = 0;
	if (!mm)
		return;
	vi->size_kb = BPF_CORE_READ(mm, total_vm) * PAGE_TO_KB;
	vi->rss_kb = (mm_counter(mm, MM_FILEPAGES) + mm_counter(mm, MM_ANONPAGES) +
		      mm_counter(mm, MM_SHMEMPAGES)) * PAGE_TO_KB;
	vi->swap_kb = mm_counter(mm, MM_SWAPENTS) * PAGE_TO_KB;
}

/* Parameters tid, pid, ptid, cwd, fdlimit, pgft_maj, pgft_min, vm_size,
 * vm_rss, vm_swap and comm (numbers 4 to 14 of both 20-parameter exits). */
static __always_inline void push_proc_identity(struct event *e, struct task_struct *t)
{
	struct path pwd = {};
	const __u8 *cwd = NULL;
	struct vm_info vi;
	__u32 cwd_len;

	/* Parameter 4: tid (type: PID) */
	push_s64(e, BPF_CORE_READ(t, pid));
	/* Parameter 5: pid (type: PID) */
	push_s64(e, BPF_CORE_READ(t, tgid));
	/* Parameter 6: ptid (type: PID) */
	push_s64(e, BPF_CORE_READ(t, real_parent, pid));
	/* Parameter 7: cwd (type: CHARBUF) */
	BPF_CORE_READ_INTO(&pwd, t, fs, pwd);
	cwd_len = event_forget(e, path_resolve(&pwd, &cwd));
	if (cwd_len)
		push_kernel_bytes(e, cwd, cwd_len);
	else
		push_empty_str(e);
	/* Parameter 8: fdlimit (type: INT64 for clone, UINT64 for execve) */
	push_u64(e, BPF_CORE_READ(t, signal, rlim[7].rlim_cur)); /* RLIMIT_NOFILE */
	/* Parameter 9: pgft_maj (type: UINT64) */
	push_u64(e, BPF_CORE_READ(t, maj_flt));
	/* Parameter 10: pgft_min (type: UINT64) */
	push_u64(e, BPF_CORE_READ(t, min_flt));
	mm_vm_info(BPF_CORE_READ(t, mm), &vi);
	/* Parameter 11: vm_size (type: UINT32) */
	push_u32(e, vi.size_kb);
	/* Parameter 12: vm_rss (type: UINT32) */
	push_u32(e, vi.rss_kb);
	/* Parameter 13: vm_swap (type: UINT32) */
	push_u32(e, vi.swap_kb);
	/* Parameter 14: comm (type: CHARBUF) */
	push_kernel_str(e, t->comm, sizeof(t->comm));
}

/* ---------------------------------------------------------------------- */
/* cgroups                                                                */
/* ---------------------------------------------------------------------- */

/* Room needed for one "subsys=path\0" entry. */
#define CGROUP_ENTRY_MAX (64 + PATH_HALF_MASK + 1)

/* Appends "name=path\0" for one controller. A controller bound to the
 * unified (v2) hierarchy reports the task's own v2 cgroup: its css may sit
 * on an ancestor where the controller is enabled. */
static __always_inline void append_cgroup(struct event *e, __u32 *done, struct css_set *cs,
					  int id, struct cgroup *dfl)
{
	struct cgroup_subsys_state *css = NULL;
	struct cgroup *cg;
	const __u8 *path = NULL;
	__u32 len;
	long n;

	if (id < 0 || event_room(e) <= *done + CGROUP_ENTRY_MAX)
		return;
	bpf_probe_read_kernel(&css, sizeof(css), &cs->subsys[id & 15]);
	if (!css)
		return;
	cg = BPF_CORE_READ(css, cgroup);
	if (BPF_CORE_READ(cg, root) == BPF_CORE_READ(dfl, root))
		cg = dfl;
	n = bpf_probe_read_kernel_str(event_at(e, *done), 64, BPF_CORE_READ(css, ss, name));
	if (n <= 1)
		return;
	len = cgroup_path(cg, &path);
	if (!len)
		return;
	*done += n - 1;
	*event_at(e, *done) = '=';
	*done += 1;
	bpf_probe_read_kernel(event_at(e, *done), BOUND(len, 2 * PATH_HALF_MASK + 1), path);
	*done = event_forget(e, *done + len);
}

/* The cgroup id of a controller, or -1 when this kernel lacks it. */
#define CGROUP_ID(name) \
	(bpf_core_enum_value_exists(enum cgroup_subsys_id, name) ? \
	 (int)bpf_core_enum_value(enum cgroup_subsys_id, name) : -1)

/* cgroups (BYTEBUF): "subsys=path" strings, each NUL-terminated, for the
 * controllers the old drivers reported. */
static __always_inline void push_cgroups(struct event *e, struct task_struct *t)
{
	struct css_set *cs = BPF_CORE_READ(t, cgroups);
	struct cgroup *dfl = BPF_CORE_READ(cs, dfl_cgrp);
	__u32 done = 0;

	append_cgroup(e, &done, cs, CGROUP_ID(cpuset_cgrp_id), dfl);
	append_cgroup(e, &done, cs, CGROUP_ID(cpu_cgrp_id), dfl);
	append_cgroup(e, &done, cs, CGROUP_ID(cpuacct_cgrp_id), dfl);
	append_cgroup(e, &done, cs, CGROUP_ID(io_cgrp_id), dfl);
	append_cgroup(e, &done, cs, CGROUP_ID(memory_cgrp_id), dfl);
	param_done(e, done);
}

/* ---------------------------------------------------------------------- */
/* execve-only and clone-only values                                      */
/* ---------------------------------------------------------------------- */

/* Controlling terminal as the userspace dev_t encoding (0: none). */
static __always_inline __s32 task_tty(struct task_struct *t)
{
	struct tty_struct *tty = BPF_CORE_READ(t, signal, tty);
	__u32 major, minor;

	if (!tty)
		return 0;
	major = BPF_CORE_READ(tty, driver, major);
	minor = BPF_CORE_READ(tty, driver, minor_start) + BPF_CORE_READ(tty, index);
	return encode_dev((major << 20) | minor);
}

static __always_inline __s64 task_pgid_vnr(struct task_struct *t)
{
	int pgid = bpf_core_enum_value(enum pid_type, PIDTYPE_PGID);
	struct signal_struct *sig = BPF_CORE_READ(t, signal);
	struct pid *pid = NULL;

	bpf_probe_read_kernel(&pid, sizeof(pid), &sig->pids[pgid & 3]);
	return pid_nr_at(pid, task_ns_level(t));
}

static __always_inline __s32 task_loginuid(struct task_struct *t)
{
	if (!bpf_core_field_exists(t->loginuid))
		return -1; /* kernel without CONFIG_AUDIT */
	return BPF_CORE_READ(t, loginuid.val);
}

/* PPM_CL_* flags of a new task: the translated clone flags plus
 * PPM_CL_CHILD_IN_PIDNS when the task lives below the initial pid
 * namespace (or its children will). */
static __always_inline __u32 clone_flags_for(struct task_struct *t, __u64 linux_flags)
{
	__u32 flags = clone_flags_to_ppm(linux_flags);
	struct pid *tp = BPF_CORE_READ(t, thread_pid);
	struct pid_namespace *ns = NULL;
	__u32 level = BPF_CORE_READ(tp, level);

	if (level != 0)
		return flags | PPM_CL_CHILD_IN_PIDNS;
	bpf_probe_read_kernel(&ns, sizeof(ns), &tp->numbers[0].ns);
	if (BPF_CORE_READ(t, nsproxy, pid_ns_for_children) != ns)
		flags |= PPM_CL_CHILD_IN_PIDNS;
	return flags;
}
