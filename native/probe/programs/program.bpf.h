/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Declaration macros for the per-syscall programs. They are reached only
 * through the dispatchers' tail calls (never attached themselves), so they
 * carry the dispatchers' section: a tail call requires the same attach
 * type and hook prototype on both sides.
 */
#pragma once

#include "../helpers/proc.bpf.h"
#include <bpf/bpf_tracing.h>

/* Paths are read up to PATH_MAX bytes. */
#define LX_PATH_MAX 4096

#define SYSCALL_ENTER(name) \
	SEC("tp_btf/sys_enter") int BPF_PROG(name, struct pt_regs *regs, long id)

#define SYSCALL_EXIT(name) \
	SEC("tp_btf/sys_exit") int BPF_PROG(name, struct pt_regs *regs, long ret)

/* Enter events without parameters (the old table keeps them so sysdig's
 * enter/exit pairing stays intact). */
#define EMPTY_ENTER(name, code)                         \
	SYSCALL_ENTER(name)                             \
	{                                               \
		struct event e;                         \
                                                        \
		if (event_begin(&e, code, 0))           \
			event_submit(&e);               \
		return 0;                               \
	}

/* Enter events whose only parameter is an fd argument. */
#define FD_ENTER(name, code, argn)                                   \
	SYSCALL_ENTER(name)                                          \
	{                                                            \
		struct event e;                                      \
                                                                     \
		if (!event_begin(&e, code, 1))                       \
			return 0;                                    \
		/* Parameter 1: fd (type: FD) */                     \
		push_s64(&e, sc_fd_arg(regs, argn));                 \
		event_submit(&e);                                    \
		return 0;                                            \
	}

/* Exit events whose only parameter is the return value. */
#define RES_EXIT(name, code)                                         \
	SYSCALL_EXIT(name)                                           \
	{                                                            \
		struct event e;                                      \
                                                                     \
		if (!event_begin(&e, code, 1))                       \
			return 0;                                    \
		/* Parameter 1: res (type: ERRNO, or FD for dup) */  \
		push_s64(&e, ret);                                   \
		event_submit(&e);                                    \
		return 0;                                            \
	}
