/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Scheduler hooks: fork (target inheritance) and exit (PROCEXIT_1_E and
 * target cleanup). Attached directly, not through a dispatcher.
 */
#pragma once

#include "program.bpf.h"

/* Children of a targeted process are targeted from their first
 * instruction: this runs in the parent before the child is woken. */
SEC("tp_btf/sched_process_fork")
int BPF_PROG(sched_fork, struct task_struct *parent, struct task_struct *child)
{
	struct inspect_probe_settings *s = settings_get();
	__u32 ptgid, ctgid;
	__u8 one = 1;

	if (!s || !(s->target_mode & INSPECT_TARGET_PIDS))
		return 0;
	ptgid = BPF_CORE_READ(parent, tgid);
	ctgid = BPF_CORE_READ(child, tgid);
	/* A new thread joins a thread group whose fate is already decided. */
	if (ptgid == ctgid || !bpf_map_lookup_elem(&target_tgids, &ptgid))
		return 0;
	if (bpf_map_update_elem(&target_tgids, &ctgid, &one, BPF_ANY) == 0)
		targets_changed();
	return 0;
}

/* Exit status decoding (<sys/wait.h> semantics). */
#define EXIT_TERMSIG(code) ((code) & 0x7f)
#define EXIT_SIGNALED(code) (EXIT_TERMSIG(code) != 0 && EXIT_TERMSIG(code) != 0x7f)

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sched_exit, struct task_struct *p)
{
	__s32 code = BPF_CORE_READ(p, exit_code);
	__u32 tgid;
	struct event e;

	if (current_targeted() && event_begin(&e, PPME_PROCEXIT_1_E, 4)) {
		/* Parameter 1: status (type: ERRNO), the raw wait status */
		push_s64(&e, code);
		/* Parameter 2: ret (type: ERRNO), the exit code */
		push_s64(&e, (code >> 8) & 0xff);
		/* Parameter 3: sig (type: SIGTYPE), the terminating signal or 0 */
		push_u8(&e, EXIT_SIGNALED(code) ? EXIT_TERMSIG(code) : 0);
		/* Parameter 4: core (type: UINT8) */
		push_u8(&e, (code & 0x80) != 0);
		event_submit(&e);
	}

	/* The last thread of a group is gone: forget the tgid so that a
	 * recycled pid is not captured by accident. */
	if (BPF_CORE_READ(p, signal, live.counter) == 0) {
		tgid = BPF_CORE_READ(p, tgid);
		if (bpf_map_delete_elem(&target_tgids, &tgid) == 0)
			targets_changed();
	}
	return 0;
}
