/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * fd-table syscalls: dup, dup2, dup3 (all DUP in the old table) and pipe,
 * pipe2 (both PIPE in the old table).
 */
#pragma once

#include "program.bpf.h"

/* ---- dup(fd), dup2(old, new), dup3(old, new, flags) ----------------- */

FD_ENTER(dup_e, PPME_SYSCALL_DUP_E, 0)
RES_EXIT(dup_x, PPME_SYSCALL_DUP_X)

/* ---- pipe(int fds[2]), pipe2(int fds[2], flags) --------------------- */

EMPTY_ENTER(pipe_e, PPME_SYSCALL_PIPE_E)

SYSCALL_EXIT(pipe_x)
{
	__s32 fds[2] = {-1, -1};
	struct event e;

	if (ret == 0)
		bpf_probe_read_user(fds, sizeof(fds), (void *)sc_arg(regs, 0));
	if (!event_begin(&e, PPME_SYSCALL_PIPE_X, 4))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: fd1 (type: FD) */
	push_s64(&e, fds[0]);
	/* Parameter 3: fd2 (type: FD) */
	push_s64(&e, fds[1]);
	/* Parameter 4: ino (type: UINT64), the pipe's inode */
	push_u64(&e, ret == 0 ? file_ino(fd_to_file(current_task(), fds[0])) : 0);
	event_submit(&e);
	return 0;
}
