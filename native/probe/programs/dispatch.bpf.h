/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The two attached syscall programs. Each one filters (traced syscall,
 * native ABI, targeted task), writes the commonest events itself
 * (fast.bpf.h) and tail-calls the syscall's own program for the rest.
 */
#pragma once

#include "program.bpf.h"
#include "tail_tables.bpf.h"
#include "fast.bpf.h"

/* TS_COMPAT in thread_info.status: an ia32 syscall, whose numbers would
 * index the x86_64 tables wrongly. */
#define LX_TS_COMPAT 0x0002

static __always_inline bool task_is_compat(struct task_struct *task)
{
	/* A direct load through the BTF task pointer, not a probe read. */
	return task->thread_info.status & LX_TS_COMPAT;
}

/* The cheap checks come first so that an untraced syscall of any task
 * costs one array read and no helper call. Returns the current task (its
 * BTF pointer) when the event is to be written, NULL otherwise. */
static __always_inline struct task_struct *dispatch_task(long id)
{
	struct task_struct *task;

	if (!syscall_traced(id))
		return NULL;
	task = current_task();
	if (task_is_compat(task) || !task_targeted(task))
		return NULL;
	return task;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter_dispatch, struct pt_regs *regs, long id)
{
	struct task_struct *task = dispatch_task(id);

	if (task && !fast_enter(regs, id, task))
		bpf_tail_call(ctx, &enter_tail, id);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit_dispatch, struct pt_regs *regs, long ret)
{
	long id = sc_id(regs);
	struct task_struct *task = dispatch_task(id);

	if (task && !fast_exit(regs, id, ret, task))
		bpf_tail_call(ctx, &exit_tail, id);
	return 0;
}
