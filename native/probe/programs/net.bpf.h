/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Socket syscalls: socket, bind, connect, listen, accept, accept4, sendto,
 * recvfrom, sendmsg, recvmsg.
 */
#pragma once

#include "program.bpf.h"

#define LX_EINPROGRESS 115

/* ---- socket(domain, type, proto) ------------------------------------ */

SYSCALL_ENTER(socket_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_SOCKET_E, 3))
		return 0;
	/* Parameter 1: domain (type: FLAGS32; PPM_AF_* equal AF_*) */
	push_u32(&e, sc_arg(regs, 0));
	/* Parameter 2: type (type: UINT32) */
	push_u32(&e, sc_arg(regs, 1));
	/* Parameter 3: proto (type: UINT32) */
	push_u32(&e, sc_arg(regs, 2));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(socket_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_SOCKET_X, 1))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, ret);
	event_submit(&e);
	return 0;
}

/* ---- bind(fd, addr, addrlen) ---------------------------------------- */

FD_ENTER(bind_e, PPME_SOCKET_BIND_E, 0)

SYSCALL_EXIT(bind_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_BIND_X, 2))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: addr (type: SOCKADDR) */
	push_user_sockaddr(&e, (void *)sc_arg(regs, 1), sc_arg(regs, 2));
	event_submit(&e);
	return 0;
}

/* ---- connect(fd, addr, addrlen) ------------------------------------- */

SYSCALL_ENTER(connect_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_CONNECT_E, 2))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 2: addr (type: SOCKADDR) */
	push_user_sockaddr(&e, (void *)sc_arg(regs, 1), sc_arg(regs, 2));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(connect_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_CONNECT_X, 2))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: tuple (type: SOCKTUPLE). A failed connect has no
	 * meaningful local end: empty, unless it is still in progress. */
	if (ret == 0 || ret == -LX_EINPROGRESS)
		push_socktuple(&e, fd_sock(sc_fd_arg(regs, 0)), false, (void *)sc_arg(regs, 1));
	else
		push_empty(&e);
	event_submit(&e);
	return 0;
}

/* ---- listen(fd, backlog) -------------------------------------------- */

SYSCALL_ENTER(listen_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_LISTEN_E, 2))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 2: backlog (type: UINT32) */
	push_u32(&e, sc_arg(regs, 1));
	event_submit(&e);
	return 0;
}

RES_EXIT(listen_x, PPME_SOCKET_LISTEN_X)

/* ---- accept(fd, addr, addrlen), accept4(fd, addr, addrlen, flags) --- */

EMPTY_ENTER(accept_e, PPME_SOCKET_ACCEPT_5_E)

SYSCALL_ENTER(accept4_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_ACCEPT4_5_E, 1))
		return 0;
	/* Parameter 1: flags (type: INT32) */
	push_s32(&e, sc_arg(regs, 3));
	event_submit(&e);
	return 0;
}

/* Both accept exits: the new fd, its tuple (inbound: remote first) and
 * the listening socket's accept queue. */
static __always_inline int accept_exit(struct pt_regs *regs, long ret, __u16 code)
{
	struct sock *lsk = fd_sock(sc_fd_arg(regs, 0));
	__u32 qlen = 0, qmax = 0;
	struct event e;

	if (lsk) {
		qlen = BPF_CORE_READ(lsk, sk_ack_backlog);
		qmax = BPF_CORE_READ(lsk, sk_max_ack_backlog);
	}
	if (!event_begin(&e, code, 5))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, ret);
	/* Parameter 2: tuple (type: SOCKTUPLE) */
	if (ret >= 0)
		push_socktuple(&e, fd_sock(ret), true, NULL);
	else
		push_empty(&e);
	/* Parameter 3: queuepct (type: UINT8) */
	push_u8(&e, qmax ? (__u64)qlen * 100 / qmax : 0);
	/* Parameter 4: queuelen (type: UINT32) */
	push_u32(&e, qlen);
	/* Parameter 5: queuemax (type: UINT32) */
	push_u32(&e, qmax);
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(accept_x)
{
	return accept_exit(regs, ret, PPME_SOCKET_ACCEPT_5_X);
}

SYSCALL_EXIT(accept4_x)
{
	return accept_exit(regs, ret, PPME_SOCKET_ACCEPT4_5_X);
}

/* ---- sendto(fd, buf, len, flags, dest_addr, addrlen) ---------------- */

SYSCALL_ENTER(sendto_e)
{
	__s64 fd = sc_fd_arg(regs, 0);
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_SENDTO_E, 3))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, fd);
	/* Parameter 2: size (type: UINT32) */
	push_u32(&e, sc_arg(regs, 2));
	/* Parameter 3: tuple (type: SOCKTUPLE) */
	push_socktuple(&e, fd_sock(fd), false, (void *)sc_arg(regs, 4));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(sendto_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_SENDTO_X, 2))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: data (type: BYTEBUF) */
	push_user_bytes(&e, (void *)sc_arg(regs, 1), write_capture_len(ret, sc_arg(regs, 2)));
	event_submit(&e);
	return 0;
}

/* ---- recvfrom(fd, buf, len, flags, src_addr, addrlen) --------------- */

SYSCALL_ENTER(recvfrom_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_RECVFROM_E, 2))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 2: size (type: UINT32) */
	push_u32(&e, sc_arg(regs, 2));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(recvfrom_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SOCKET_RECVFROM_X, 3))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: data (type: BYTEBUF) */
	push_user_bytes(&e, (void *)sc_arg(regs, 1), read_capture_len(ret));
	/* Parameter 3: tuple (type: SOCKTUPLE) */
	if (ret >= 0)
		push_socktuple(&e, fd_sock(sc_fd_arg(regs, 0)), true, (void *)sc_arg(regs, 4));
	else
		push_empty(&e);
	event_submit(&e);
	return 0;
}

/* ---- sendmsg(fd, msg, flags), recvmsg(fd, msg, flags) --------------- */

static __always_inline void read_msghdr(struct pt_regs *regs, struct user_msghdr *m)
{
	if (bpf_probe_read_user(m, sizeof(*m), (void *)sc_arg(regs, 1)))
		__builtin_memset(m, 0, sizeof(*m));
}

SYSCALL_ENTER(sendmsg_e)
{
	__s64 fd = sc_fd_arg(regs, 0);
	struct user_msghdr m;
	struct event e;

	read_msghdr(regs, &m);
	if (!event_begin(&e, PPME_SOCKET_SENDMSG_E, 3))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, fd);
	/* Parameter 2: size (type: UINT32) */
	push_u32(&e, iov_total_len(m.msg_iov, m.msg_iovlen));
	/* Parameter 3: tuple (type: SOCKTUPLE) */
	push_socktuple(&e, fd_sock(fd), false, m.msg_name);
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(sendmsg_x)
{
	struct user_msghdr m;
	struct event e;
	__u32 len;

	read_msghdr(regs, &m);
	len = write_capture_len(ret, iov_total_len(m.msg_iov, m.msg_iovlen));
	if (!event_begin(&e, PPME_SOCKET_SENDMSG_X, 2))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: data (type: BYTEBUF) */
	push_user_iov(&e, m.msg_iov, m.msg_iovlen, len);
	event_submit(&e);
	return 0;
}

FD_ENTER(recvmsg_e, PPME_SOCKET_RECVMSG_E, 0)

SYSCALL_EXIT(recvmsg_x)
{
	struct user_msghdr m;
	struct event e;

	read_msghdr(regs, &m);
	if (!event_begin(&e, PPME_SOCKET_RECVMSG_X, 4))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: size (type: UINT32) */
	push_u32(&e, iov_total_len(m.msg_iov, m.msg_iovlen));
	/* Parameter 3: data (type: BYTEBUF) */
	push_user_iov(&e, m.msg_iov, m.msg_iovlen, read_capture_len(ret));
	/* Parameter 4: tuple (type: SOCKTUPLE) */
	if (ret >= 0)
		push_socktuple(&e, fd_sock(sc_fd_arg(regs, 0)), true, m.msg_name);
	else
		push_empty(&e);
	event_submit(&e);
	return 0;
}
