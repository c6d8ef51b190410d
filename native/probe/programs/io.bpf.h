/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Data syscalls: read, write, pread64, pwrite64, readv, writev.
 * Payloads (BYTEBUF "data") are cut at the configured snaplen.
 */
#pragma once

#include "program.bpf.h"

/* Enter events carrying fd and size (read, write) and pos (pread, pwrite). */
static __always_inline int fd_size_enter(struct pt_regs *regs, __u16 code, bool with_pos)
{
	struct event e;

	if (!event_begin(&e, code, with_pos ? 3 : 2))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 2: size (type: UINT32) */
	push_u32(&e, sc_arg(regs, 2));
	/* Parameter 3: pos (type: UINT64) */
	if (with_pos)
		push_u64(&e, sc_arg(regs, 3));
	event_submit(&e);
	return 0;
}

/* Exit events carrying res and the payload at the buffer argument. */
static __always_inline int res_data_exit(struct pt_regs *regs, long ret, __u16 code, bool is_read)
{
	__u32 len = is_read ? read_capture_len(ret) : write_capture_len(ret, sc_arg(regs, 2));
	struct event e;

	if (!event_begin(&e, code, 2))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: data (type: BYTEBUF) */
	push_user_bytes(&e, (void *)sc_arg(regs, 1), len);
	event_submit(&e);
	return 0;
}

SYSCALL_ENTER(read_e)
{
	return fd_size_enter(regs, PPME_SYSCALL_READ_E, false);
}

SYSCALL_EXIT(read_x)
{
	return res_data_exit(regs, ret, PPME_SYSCALL_READ_X, true);
}

SYSCALL_ENTER(write_e)
{
	return fd_size_enter(regs, PPME_SYSCALL_WRITE_E, false);
}

SYSCALL_EXIT(write_x)
{
	return res_data_exit(regs, ret, PPME_SYSCALL_WRITE_X, false);
}

SYSCALL_ENTER(pread64_e)
{
	return fd_size_enter(regs, PPME_SYSCALL_PREAD_E, true);
}

SYSCALL_EXIT(pread64_x)
{
	return res_data_exit(regs, ret, PPME_SYSCALL_PREAD_X, true);
}

SYSCALL_ENTER(pwrite64_e)
{
	return fd_size_enter(regs, PPME_SYSCALL_PWRITE_E, true);
}

SYSCALL_EXIT(pwrite64_x)
{
	return res_data_exit(regs, ret, PPME_SYSCALL_PWRITE_X, false);
}

/* ---- readv(fd, iov, iovcnt), writev(fd, iov, iovcnt) ---------------- */

FD_ENTER(readv_e, PPME_SYSCALL_READV_E, 0)

SYSCALL_EXIT(readv_x)
{
	const struct iovec *iov = (void *)sc_arg(regs, 1);
	__u64 cnt = sc_arg(regs, 2);
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_READV_X, 3))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: size (type: UINT32) */
	push_u32(&e, iov_total_len(iov, cnt));
	/* Parameter 3: data (type: BYTEBUF) */
	push_user_iov(&e, iov, cnt, read_capture_len(ret));
	event_submit(&e);
	return 0;
}

SYSCALL_ENTER(writev_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_WRITEV_E, 2))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 2: size (type: UINT32) */
	push_u32(&e, iov_total_len((void *)sc_arg(regs, 1), sc_arg(regs, 2)));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(writev_x)
{
	const struct iovec *iov = (void *)sc_arg(regs, 1);
	__u64 cnt = sc_arg(regs, 2);
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_WRITEV_X, 2))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: data (type: BYTEBUF) */
	push_user_iov(&e, iov, cnt, write_capture_len(ret, iov_total_len(iov, cnt)));
	event_submit(&e);
	return 0;
}
