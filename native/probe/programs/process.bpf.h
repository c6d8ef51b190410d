/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Process syscalls: execve, execveat, clone, fork, vfork, clone3, setuid,
 * setgid, kill, ptrace.
 */
#pragma once

#include "program.bpf.h"
#include <asm/unistd_64.h>

/* ---- stages of the 20-parameter exits --------------------------------- */

/* Later stages of the execve and clone exits (see event_save). They are
 * declared here so the stage table can name them before their bodies. */
int execve_x_cgroups(unsigned long long *ctx);
int execve_x_tail(unsigned long long *ctx);
int clone_x_tail(unsigned long long *ctx);

enum { STAGE_EXECVE_CGROUPS, STAGE_EXECVE_TAIL, STAGE_CLONE_TAIL, STAGE_COUNT };

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, STAGE_COUNT);
	__type(key, __u32);
	__array(values, int(void *));
} exit_stage_tail SEC(".maps") = {
	.values = {
		[STAGE_EXECVE_CGROUPS] = (void *)&execve_x_cgroups,
		[STAGE_EXECVE_TAIL] = (void *)&execve_x_tail,
		[STAGE_CLONE_TAIL] = (void *)&clone_x_tail,
	},
};

/* Parks the event and continues in `stage`. A failed tail call (it cannot
 * fail with the static table above) would lose the event silently, so
 * it is counted. */
static __always_inline int next_stage(void *ctx, struct event *e, __u32 stage)
{
	event_save(e);
	bpf_tail_call(ctx, &exit_stage_tail, stage);
	STAT_INC(n_drops_internal);
	return 0;
}

/* ---- execve(filename, argv, envp), execveat(dirfd, path, argv, envp, flags) */

SYSCALL_ENTER(execve_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_EXECVE_19_E, 1))
		return 0;
	/* Parameter 1: filename (type: FSPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 0), LX_PATH_MAX);
	event_submit(&e);
	return 0;
}

SYSCALL_ENTER(execveat_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_EXECVEAT_E, 3))
		return 0;
	/* Parameter 1: dirfd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 2: pathname (type: FSRELPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 1), LX_PATH_MAX);
	/* Parameter 3: flags (type: FLAGS32) */
	push_u32(&e, execveat_flags_to_ppm(sc_arg(regs, 4)));
	event_submit(&e);
	return 0;
}

/* The 20 parameters of EXECVE_19_X and EXECVEAT_X, in three stages.
 * After success the mm is the new program's and describes it; after a
 * failure the old program is still running, so the attempted argv/envp
 * come from user memory (argument numbers differ between execve and
 * execveat). */
static __always_inline int execve_argv_arg(struct pt_regs *regs)
{
	return sc_id(regs) == __NR_execveat ? 2 : 1;
}

static __always_inline int execve_family_exit(void *ctx, struct pt_regs *regs, long ret, __u16 code)
{
	struct task_struct *t = current_task();
	struct event e;

	if (!event_begin(&e, code, 20))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: exe (type: CHARBUF), Parameter 3: args (type: BYTEBUF) */
	if (ret == 0)
		push_exe_args_from_mm(&e, BPF_CORE_READ(t, mm));
	else
		push_exe_args_area(&e, copy_user_strings(&e, (void *)sc_arg(regs, execve_argv_arg(regs))));
	/* Parameters 4-14: tid, pid, ptid, cwd, fdlimit, pgft_maj, pgft_min,
	 * vm_size, vm_rss, vm_swap, comm */
	push_proc_identity(&e, t);
	return next_stage(ctx, &e, STAGE_EXECVE_CGROUPS);
}

SYSCALL_EXIT(execve_x_cgroups)
{
	struct event e;

	if (!event_resume(&e))
		return 0;
	/* Parameter 15: cgroups (type: BYTEBUF) */
	push_cgroups(&e, current_task());
	return next_stage(ctx, &e, STAGE_EXECVE_TAIL);
}

SYSCALL_EXIT(execve_x_tail)
{
	struct task_struct *t = current_task();
	struct event e;

	if (!event_resume(&e))
		return 0;
	/* Parameter 16: env (type: BYTEBUF) */
	if (ret == 0)
		push_env_from_mm(&e, BPF_CORE_READ(t, mm));
	else
		param_done(&e, copy_user_strings(&e, (void *)sc_arg(regs, execve_argv_arg(regs) + 1)));
	/* Parameter 17: tty (type: INT32) */
	push_s32(&e, task_tty(t));
	/* Parameter 18: pgid (type: PID) */
	push_s64(&e, task_pgid_vnr(t));
	/* Parameter 19: loginuid (type: INT32) */
	push_s32(&e, task_loginuid(t));
	/* Parameter 20: flags (type: FLAGS32). PPM_EXE_WRITABLE needs an
	 * inode permission check that BPF cannot make: always 0. */
	push_u32(&e, 0);
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(execve_x)
{
	return execve_family_exit(ctx, regs, ret, PPME_SYSCALL_EXECVE_19_X);
}

SYSCALL_EXIT(execveat_x)
{
	return execve_family_exit(ctx, regs, ret, PPME_SYSCALL_EXECVEAT_X);
}

/* ---- clone, fork, vfork, clone3 ------------------------------------- */

EMPTY_ENTER(clone_e, PPME_SYSCALL_CLONE_20_E)
EMPTY_ENTER(fork_e, PPME_SYSCALL_FORK_20_E)
EMPTY_ENTER(vfork_e, PPME_SYSCALL_VFORK_20_E)
EMPTY_ENTER(clone3_e, PPME_SYSCALL_CLONE3_E)

/* The 20 parameters of CLONE_20_X and friends, in two stages. The exit
 * runs twice: in the parent (res = child tid) and, on x86_64, in the child
 * itself when it first returns to user space (res = 0); both describe the
 * current task. The Linux clone flags travel to the second stage in the
 * syscall arguments, which the tail call preserves. */
static __always_inline int clone_family_exit(void *ctx, long ret, __u16 code)
{
	struct task_struct *t = current_task();
	struct event e;

	if (!event_begin(&e, code, 20))
		return 0;
	/* Parameter 1: res (type: PID) */
	push_s64(&e, ret);
	/* Parameter 2: exe (type: CHARBUF), Parameter 3: args (type: BYTEBUF) */
	push_exe_args_from_mm(&e, BPF_CORE_READ(t, mm));
	/* Parameters 4-14: tid, pid, ptid, cwd, fdlimit, pgft_maj, pgft_min,
	 * vm_size, vm_rss, vm_swap, comm */
	push_proc_identity(&e, t);
	return next_stage(ctx, &e, STAGE_CLONE_TAIL);
}

/* Linux clone flags of the syscall being exited: clone passes them in
 * the first argument, clone3 in the first u64 of struct clone_args, and
 * the old drivers report none for fork and vfork. */
static __always_inline __u64 clone_linux_flags(struct pt_regs *regs)
{
	__u64 flags = 0;

	switch (sc_id(regs)) {
	case __NR_clone:
		return sc_arg(regs, 0);
	case __NR_clone3:
		bpf_probe_read_user(&flags, sizeof(flags), (void *)sc_arg(regs, 0));
		return flags;
	default:
		return 0;
	}
}

SYSCALL_EXIT(clone_x_tail)
{
	struct task_struct *t = current_task();
	struct event e;

	if (!event_resume(&e))
		return 0;
	/* Parameter 15: cgroups (type: BYTEBUF) */
	push_cgroups(&e, t);
	/* Parameter 16: flags (type: FLAGS32) */
	push_u32(&e, clone_flags_for(t, clone_linux_flags(regs)));
	/* Parameter 17: uid (type: UINT32) */
	push_u32(&e, BPF_CORE_READ(t, cred, euid.val));
	/* Parameter 18: gid (type: UINT32) */
	push_u32(&e, BPF_CORE_READ(t, cred, egid.val));
	/* Parameter 19: vtid (type: PID) */
	push_s64(&e, pid_nr_at(BPF_CORE_READ(t, thread_pid), task_ns_level(t)));
	/* Parameter 20: vpid (type: PID) */
	push_s64(&e, pid_nr_at(BPF_CORE_READ(t, group_leader, thread_pid), task_ns_level(t)));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(clone_x)
{
	return clone_family_exit(ctx, ret, PPME_SYSCALL_CLONE_20_X);
}

SYSCALL_EXIT(fork_x)
{
	return clone_family_exit(ctx, ret, PPME_SYSCALL_FORK_20_X);
}

SYSCALL_EXIT(vfork_x)
{
	return clone_family_exit(ctx, ret, PPME_SYSCALL_VFORK_20_X);
}

SYSCALL_EXIT(clone3_x)
{
	return clone_family_exit(ctx, ret, PPME_SYSCALL_CLONE3_X);
}

/* ---- setuid(uid), setgid(gid) --------------------------------------- */

SYSCALL_ENTER(setuid_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_SETUID_E, 1))
		return 0;
	/* Parameter 1: uid (type: UID) */
	push_u32(&e, sc_arg(regs, 0));
	event_submit(&e);
	return 0;
}

RES_EXIT(setuid_x, PPME_SYSCALL_SETUID_X)

SYSCALL_ENTER(setgid_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_SETGID_E, 1))
		return 0;
	/* Parameter 1: gid (type: GID) */
	push_u32(&e, sc_arg(regs, 0));
	event_submit(&e);
	return 0;
}

RES_EXIT(setgid_x, PPME_SYSCALL_SETGID_X)

/* ---- kill(pid, sig) ------------------------------------------------- */

SYSCALL_ENTER(kill_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_KILL_E, 2))
		return 0;
	/* Parameter 1: pid (type: PID) */
	push_s64(&e, (__s32)sc_arg(regs, 0));
	/* Parameter 2: sig (type: SIGTYPE) */
	push_u8(&e, sc_arg(regs, 1));
	event_submit(&e);
	return 0;
}

RES_EXIT(kill_x, PPME_SYSCALL_KILL_X)

/* ---- ptrace(request, pid, addr, data) ------------------------------- */

SYSCALL_ENTER(ptrace_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_PTRACE_E, 2))
		return 0;
	/* Parameter 1: request (type: FLAGS16) */
	push_u16(&e, ptrace_request_to_ppm(sc_arg(regs, 0)));
	/* Parameter 2: pid (type: PID) */
	push_s64(&e, (__s32)sc_arg(regs, 1));
	event_submit(&e);
	return 0;
}

/* DYN values: a u8 index into ptrace_dynamic_param (0 = UINT64,
 * 1 = SIGTYPE), then the value. */
#define PTRACE_IDX_UINT64 0
#define PTRACE_IDX_SIGTYPE 1

static __always_inline void push_ptrace_dyn(struct event *e, __u8 idx, __u64 v)
{
	__u8 *p = param_ptr(e);

	if (!p) {
		param_done(e, 0);
		return;
	}
	p[0] = idx;
	if (idx == PTRACE_IDX_SIGTYPE) {
		p[1] = v;
		param_done(e, 2);
	} else {
		__builtin_memcpy(p + 1, &v, sizeof(v));
		param_done(e, 9);
	}
}

SYSCALL_EXIT(ptrace_x)
{
	__u16 req = ptrace_request_to_ppm(sc_arg(regs, 0));
	__u64 data = sc_arg(regs, 3);
	__u8 data_idx = PTRACE_IDX_UINT64;
	struct event e;

	if (ret >= 0) {
		switch (req) {
		case 2: /* PEEKTEXT, PEEKDATA, PEEKUSR: the word read is at data */
		case 3:
		case 4:
			bpf_probe_read_user(&data, sizeof(data), (void *)data);
			break;
		case 8: /* CONT, SINGLESTEP, DETACH, SYSCALL: data is a signal */
		case 10:
		case 12:
		case 13:
			data_idx = PTRACE_IDX_SIGTYPE;
			break;
		default:
			break;
		}
	}
	if (!event_begin(&e, PPME_SYSCALL_PTRACE_X, 3))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: addr (type: DYN) */
	push_ptrace_dyn(&e, PTRACE_IDX_UINT64, ret >= 0 ? sc_arg(regs, 2) : 0);
	/* Parameter 3: data (type: DYN) */
	push_ptrace_dyn(&e, data_idx, ret >= 0 ? data : 0);
	event_submit(&e);
	return 0;
}
