/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Extract layer: reads kernel and user state (syscall arguments, files,
 * paths, sockets) and pushes it as scap parameter values. All kernel
 * structure accesses go through CO-RE so one object runs on any BTF kernel.
 */
#pragma once

#include "event.bpf.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

/* ---------------------------------------------------------------------- */
/* Syscall arguments                                                      */
/* ---------------------------------------------------------------------- */

/* x86_64 syscall ABI: di, si, dx, r10, r8, r9. The saved user registers are
 * untouched until the syscall returns, so exit handlers read the original
 * arguments too (except after a successful execve, which resets them).
 *
 * `regs` is the tp_btf argument, a BTF pointer: its fields are read with
 * plain (CO-RE relocated, fault-safe) loads instead of one
 * bpf_probe_read_kernel() call each. These reads are on every event. */
static __always_inline unsigned long sc_arg(struct pt_regs *regs, int n)
{
	switch (n) {
	case 0:
		return regs->di;
	case 1:
		return regs->si;
	case 2:
		return regs->dx;
	case 3:
		return regs->r10;
	case 4:
		return regs->r8;
	case 5:
		return regs->r9;
	default:
		return 0;
	}
}

/* The syscall number at sys_exit (sys_enter gets it as an argument). */
static __always_inline long sc_id(struct pt_regs *regs)
{
	return regs->orig_ax;
}

/* dirfd values: AT_FDCWD is -100 in Linux and in PPM, so no translation;
 * the value is sign-extended to the 64-bit FD type. */
static __always_inline __s64 sc_fd_arg(struct pt_regs *regs, int n)
{
	return (__s32)sc_arg(regs, n);
}

static __always_inline struct task_struct *current_task(void)
{
	return bpf_get_current_task_btf();
}

/* ---------------------------------------------------------------------- */
/* Files                                                                  */
/* ---------------------------------------------------------------------- */

static __always_inline struct file *fd_to_file(struct task_struct *task, __s64 fd)
{
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds;
	struct file *f = NULL;

	if (fd < 0 || !fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	return f;
}

/* The "dev" parameters carry the userspace encoding (new_encode_dev) of the
 * superblock's kernel dev_t (MAJOR << 20 | MINOR), as the old drivers did. */
static __always_inline __u32 encode_dev(__u32 kdev)
{
	__u32 major = kdev >> 20;
	__u32 minor = kdev & 0xfffff;

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static __always_inline __u32 file_dev(struct file *f)
{
	return f ? encode_dev(BPF_CORE_READ(f, f_inode, i_sb, s_dev)) : 0;
}

static __always_inline __u64 file_ino(struct file *f)
{
	return f ? BPF_CORE_READ(f, f_inode, i_ino) : 0;
}

/* ---------------------------------------------------------------------- */
/* Paths assembled backwards in path_scratch_map                          */
/* ---------------------------------------------------------------------- */

/* Bound on the components walked. Deeper paths lose their top components
 * (the result is then a suffix of the real path). */
#define MAX_PATH_COMPONENTS 48
#define MAX_NAME_LEN 255
/* Names of unknown length are staged here, past the 4 KiB path area. */
#define PATH_STAGING_OFF (PATH_HALF_MASK + 1)

static __always_inline struct path_scratch *path_scratch_get(void)
{
	__u32 cpu = bpf_get_smp_processor_id();

	return bpf_map_lookup_elem(&path_scratch_map, &cpu);
}

/* Verifier workaround, as event_forget(): the write position of a path
 * walk goes through map memory after each component, so every iteration
 * starts from the same (unknown) state and the walk is verified about
 * once instead of once per possible sequence of branch outcomes. */
static __always_inline __u32 path_forget(struct path_scratch *ps, __u32 v)
{
	ps->forget = v;
	return *(volatile __u32 *)&ps->forget;
}

/* Prepends "/" + `len` bytes at `name` before position *pos. */
static __always_inline bool path_prepend(struct path_scratch *ps, __u32 *pos,
					 const void *name, __u32 len)
{
	__u32 p = *pos;

	if (len > MAX_NAME_LEN || len + 1 > p)
		return false;
	p -= len;
	/* p <= PATH_HALF_MASK and len <= 255: within the 8 KiB value. */
	bpf_probe_read_kernel(&ps->data[BOUND(p, PATH_HALF_MASK)], BOUND(len, MAX_NAME_LEN), name);
	p -= 1;
	ps->data[BOUND(p, PATH_HALF_MASK)] = '/';
	*pos = path_forget(ps, p);
	return true;
}

/* Finishes a path built backwards: "/" if empty. Returns the length
 * including the NUL at PATH_HALF_MASK and sets *out to the first byte. */
static __always_inline __u32 path_finish(struct path_scratch *ps, __u32 pos, const __u8 **out)
{
	if (pos >= PATH_HALF_MASK) {
		pos = PATH_HALF_MASK - 1;
		ps->data[pos] = '/';
	}
	*out = &ps->data[BOUND(pos, PATH_HALF_MASK)];
	return PATH_HALF_MASK + 1 - pos;
}

/* Absolute path of a struct path (dentry chain, crossing mount points up
 * to the initial mount namespace's root). bpf_d_path() would do this but is
 * only allowed in a few fentry/LSM hooks, not in tp_btf programs. */
static __always_inline __u32 path_resolve(struct path *path, const __u8 **out)
{
	struct path_scratch *ps = path_scratch_get();
	struct dentry *d = BPF_CORE_READ(path, dentry);
	struct vfsmount *vfs = BPF_CORE_READ(path, mnt);
	struct mount *mnt;
	__u32 pos = PATH_HALF_MASK;

	if (!ps || !d || !vfs)
		return 0;
	mnt = (void *)vfs - bpf_core_field_offset(struct mount, mnt);
	ps->data[PATH_HALF_MASK] = 0;

	for (int i = 0; i < MAX_PATH_COMPONENTS; i++) {
		struct dentry *parent = BPF_CORE_READ(d, d_parent);

		if (d == BPF_CORE_READ(vfs, mnt_root)) {
			struct mount *up = BPF_CORE_READ(mnt, mnt_parent);

			if (up == mnt)
				break; /* the root mount */
			d = BPF_CORE_READ(mnt, mnt_mountpoint);
			mnt = up;
			vfs = (void *)up + bpf_core_field_offset(struct mount, mnt);
			continue;
		}
		if (d == parent)
			break; /* root of a detached tree */
		if (!path_prepend(ps, &pos, BPF_CORE_READ(d, d_name.name),
				  BPF_CORE_READ(d, d_name.len)))
			break;
		d = parent;
	}
	return path_finish(ps, pos, out);
}

/* kernfs_node.parent became __parent in 6.15: accept both layouts. */
struct kernfs_node___v615 {
	struct kernfs_node *__parent;
} __attribute__((preserve_access_index));

struct kernfs_node___old {
	struct kernfs_node *parent;
} __attribute__((preserve_access_index));

static __always_inline struct kernfs_node *kernfs_parent(struct kernfs_node *kn)
{
	if (bpf_core_field_exists(struct kernfs_node___v615, __parent))
		return BPF_CORE_READ((struct kernfs_node___v615 *)kn, __parent);
	return BPF_CORE_READ((struct kernfs_node___old *)kn, parent);
}

/* Bound on cgroup nesting walked (container paths are 3 to 6 levels
 * deep); deeper cgroups lose their top components. */
#define MAX_CGROUP_COMPONENTS 16

/* Path of a cgroup inside its hierarchy ("/" for the root), from kernfs. */
static __always_inline __u32 cgroup_path(struct cgroup *cgrp, const __u8 **out)
{
	struct path_scratch *ps = path_scratch_get();
	struct kernfs_node *kn = BPF_CORE_READ(cgrp, kn);
	__u32 pos = PATH_HALF_MASK;

	if (!ps || !kn)
		return 0;
	ps->data[PATH_HALF_MASK] = 0;

	for (int i = 0; i < MAX_CGROUP_COMPONENTS; i++) {
		struct kernfs_node *parent = kernfs_parent(kn);
		long n;

		if (!parent)
			break; /* the hierarchy root has no name of its own */
		/* The name's length is unknown: stage it, then prepend. */
		n = bpf_probe_read_kernel_str(&ps->data[PATH_STAGING_OFF], MAX_NAME_LEN + 1,
					      BPF_CORE_READ(kn, name));
		if (n <= 1 || !path_prepend(ps, &pos, &ps->data[PATH_STAGING_OFF], n - 1))
			break;
		kn = parent;
	}
	return path_finish(ps, pos, out);
}

/* ---------------------------------------------------------------------- */
/* I/O payloads                                                           */
/* ---------------------------------------------------------------------- */

/* Bound on the iovec entries inspected (payload and total size). */
#define MAX_IOVS 32

static __always_inline __u32 snaplen_get(void)
{
	struct inspect_probe_settings *s = settings_get();

	return s ? s->snaplen : INSPECT_SNAPLEN_DEFAULT;
}

/* Sum of the iov_len of the first MAX_IOVS entries, saturated to u32. */
static __always_inline __u32 iov_total_len(const struct iovec *uiov, __u64 cnt)
{
	__u64 total = 0;

	for (int i = 0; i < MAX_IOVS; i++) {
		struct iovec iov;

		if (i >= cnt || bpf_probe_read_user(&iov, sizeof(iov), &uiov[i]))
			break;
		total += iov.iov_len;
	}
	return total > 0xffffffffULL ? 0xffffffffU : total;
}

/* BYTEBUF gathered from a user iovec array: the first `len` bytes. */
static __always_inline void push_user_iov(struct event *e, const struct iovec *uiov,
					  __u64 cnt, __u32 len)
{
	__u32 done = 0;
	__u32 room = event_room(e);

	if (len > INSPECT_SNAPLEN_MAX)
		len = INSPECT_SNAPLEN_MAX;
	if (len > room)
		len = room;
	for (int i = 0; i < MAX_IOVS && done < len; i++) {
		struct iovec iov;
		__u32 n;

		if (i >= cnt || bpf_probe_read_user(&iov, sizeof(iov), &uiov[i]))
			break;
		n = iov.iov_len < len - done ? iov.iov_len : len - done;
		if (bpf_probe_read_user(event_at(e, done), BOUND(n, SCRATCH_HALF_MASK), iov.iov_base))
			break;
		done = event_forget(e, done + n);
	}
	param_done(e, done);
}

/* Bytes kept for a read-like call returning `ret`: none on failure. */
static __always_inline __u32 read_capture_len(long ret)
{
	__u32 snap = snaplen_get();

	if (ret <= 0)
		return 0;
	return (__u64)ret < snap ? (__u32)ret : snap;
}

/* Bytes kept for a write-like call: what was written, or what was asked
 * for when the call failed. */
static __always_inline __u32 write_capture_len(long ret, __u64 size)
{
	__u32 snap = snaplen_get();
	__u64 n = ret >= 0 ? (__u64)ret : size;

	return n < snap ? (__u32)n : snap;
}

/* ---------------------------------------------------------------------- */
/* Sockets (scap-format.md section 2.4)                                   */
/* ---------------------------------------------------------------------- */

#define LX_AF_UNIX 1
#define LX_AF_INET 2
#define LX_AF_INET6 10
#define LX_S_IFMT 0170000
#define LX_S_IFSOCK 0140000
#define UNIX_PATH_MAX 108

static __always_inline struct sock *file_sock(struct file *f)
{
	struct socket *sock;

	if (!f || (BPF_CORE_READ(f, f_inode, i_mode) & LX_S_IFMT) != LX_S_IFSOCK)
		return NULL;
	sock = BPF_CORE_READ(f, private_data);
	return sock ? BPF_CORE_READ(sock, sk) : NULL;
}

static __always_inline struct sock *fd_sock(__s64 fd)
{
	return file_sock(fd_to_file(current_task(), fd));
}

/* Writes a unix socket path at p (NUL-terminated, abstract names get the
 * conventional leading '@'); returns the bytes written. `user` selects the
 * address space of `sun_path`. */
static __always_inline __u32 write_unix_path(__u8 *p, const char *sun_path, bool user)
{
	char first = 0;
	long n;

	if (user)
		bpf_probe_read_user(&first, 1, sun_path);
	else
		bpf_probe_read_kernel(&first, 1, sun_path);
	if (first == 0 && sun_path) {
		/* Abstract socket (or unnamed): the name starts after the NUL. */
		n = user ? bpf_probe_read_user_str(p + 1, UNIX_PATH_MAX - 1, sun_path + 1)
			 : bpf_probe_read_kernel_str(p + 1, UNIX_PATH_MAX - 1, sun_path + 1);
		if (n > 1) {
			p[0] = '@';
			return n + 1;
		}
		p[0] = 0;
		return 1;
	}
	n = user ? bpf_probe_read_user_str(p, UNIX_PATH_MAX, sun_path)
		 : bpf_probe_read_kernel_str(p, UNIX_PATH_MAX, sun_path);
	if (n <= 0) {
		p[0] = 0;
		return 1;
	}
	return n;
}

/* SOCKADDR from a user struct sockaddr: family byte, then inet: ip[4] +
 * port (LE); inet6: ip[16] + port; unix: path. Other families: empty. */
static __always_inline void push_user_sockaddr(struct event *e, const void *uaddr, __u64 ulen)
{
	__u8 *p = param_ptr(e);
	__u16 family = 0;
	__u32 len = 0;

	if (!p || !uaddr || ulen < sizeof(family) ||
	    bpf_probe_read_user(&family, sizeof(family), uaddr)) {
		param_done(e, 0);
		return;
	}
	switch (family) {
	case LX_AF_INET: {
		struct sockaddr_in sin = {};
		__u16 port;

		bpf_probe_read_user(&sin, sizeof(sin), uaddr);
		port = bpf_ntohs(sin.sin_port);
		p[0] = LX_AF_INET;
		__builtin_memcpy(p + 1, &sin.sin_addr.s_addr, 4);
		__builtin_memcpy(p + 5, &port, 2);
		len = 7;
		break;
	}
	case LX_AF_INET6: {
		struct sockaddr_in6 sin6 = {};
		__u16 port;

		bpf_probe_read_user(&sin6, sizeof(sin6), uaddr);
		port = bpf_ntohs(sin6.sin6_port);
		p[0] = LX_AF_INET6;
		__builtin_memcpy(p + 1, &sin6.sin6_addr, 16);
		__builtin_memcpy(p + 17, &port, 2);
		len = 19;
		break;
	}
	case LX_AF_UNIX:
		p[0] = LX_AF_UNIX;
		len = 1 + write_unix_path(p + 1, ((const struct sockaddr_un *)uaddr)->sun_path, true);
		break;
	default:
		break;
	}
	param_done(e, len);
}

/* The remote end of an unconnected datagram socket comes from the user's
 * address argument (sendto's dest_addr, recvfrom's src_addr, msg_name). */
static __always_inline void user_inet_peer(const void *uaddr, __u16 family, __u8 *ip, __u16 *port)
{
	if (!uaddr)
		return;
	if (family == LX_AF_INET) {
		struct sockaddr_in sin = {};

		if (bpf_probe_read_user(&sin, sizeof(sin), uaddr) || sin.sin_family != LX_AF_INET)
			return;
		__builtin_memcpy(ip, &sin.sin_addr.s_addr, 4);
		*port = bpf_ntohs(sin.sin_port);
	} else {
		struct sockaddr_in6 sin6 = {};

		if (bpf_probe_read_user(&sin6, sizeof(sin6), uaddr) || sin6.sin6_family != LX_AF_INET6)
			return;
		__builtin_memcpy(ip, &sin6.sin6_addr, 16);
		*port = bpf_ntohs(sin6.sin6_port);
	}
}

static __always_inline bool ip_is_zero(const __u8 *ip, int n)
{
	for (int i = 0; i < n; i++)
		if (ip[i])
			return false;
	return true;
}

/* SOCKTUPLE of `sk`. Outbound calls (connect, send*) write local then
 * remote; inbound calls (accept, recv*) write remote then local. Empty for
 * a NULL or non-inet/unix socket. */
static __always_inline void push_socktuple(struct event *e, struct sock *sk, bool inbound,
					   const void *uaddr)
{
	__u8 *p = param_ptr(e);
	__u16 family;
	__u32 len = 0;

	if (!p || !sk) {
		param_done(e, 0);
		return;
	}
	family = BPF_CORE_READ(sk, __sk_common.skc_family);
	if (family == LX_AF_INET || family == LX_AF_INET6) {
		__u8 lip[16] = {}, rip[16] = {};
		__u16 lport = BPF_CORE_READ(sk, __sk_common.skc_num);
		__u16 rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));

		if (family == LX_AF_INET) {
			__be32 l = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
			__be32 r = BPF_CORE_READ(sk, __sk_common.skc_daddr);

			__builtin_memcpy(lip, &l, 4);
			__builtin_memcpy(rip, &r, 4);
		} else {
			BPF_CORE_READ_INTO(&lip, sk, __sk_common.skc_v6_rcv_saddr);
			BPF_CORE_READ_INTO(&rip, sk, __sk_common.skc_v6_daddr);
		}
		if (rport == 0 && ip_is_zero(rip, 16))
			user_inet_peer(uaddr, family, rip, &rport);

		p[0] = family; /* PPM_AF_* equal the Linux values */
		if (family == LX_AF_INET) {
			__builtin_memcpy(p + 1, inbound ? rip : lip, 4);
			__builtin_memcpy(p + 5, inbound ? &rport : &lport, 2);
			__builtin_memcpy(p + 7, inbound ? lip : rip, 4);
			__builtin_memcpy(p + 11, inbound ? &lport : &rport, 2);
			len = 13;
		} else {
			__builtin_memcpy(p + 1, inbound ? rip : lip, 16);
			__builtin_memcpy(p + 17, inbound ? &rport : &lport, 2);
			__builtin_memcpy(p + 19, inbound ? lip : rip, 16);
			__builtin_memcpy(p + 35, inbound ? &lport : &rport, 2);
			len = 37;
		}
	} else if (family == LX_AF_UNIX) {
		struct unix_sock *us = (struct unix_sock *)sk;
		struct sock *peer = BPF_CORE_READ(us, peer);
		struct unix_address *addr;
		__u64 self = (__u64)sk, other = (__u64)peer;

		/* Old-driver convention: outbound writes (peer, self), inbound
		 * (self, peer); sinsp uses both only as identities. */
		p[0] = LX_AF_UNIX;
		__builtin_memcpy(p + 1, inbound ? &self : &other, 8);
		__builtin_memcpy(p + 9, inbound ? &other : &self, 8);
		/* The path is the peer's name for outbound calls (the server a
		 * client talks to) and our own name for inbound ones. */
		addr = inbound || !peer ? BPF_CORE_READ(us, addr)
					: BPF_CORE_READ((struct unix_sock *)peer, addr);
		if (addr)
			len = 17 + write_unix_path(p + 17, (const char *)addr->name[0].sun_path, false);
		else {
			p[17] = 0;
			len = 18;
		}
	}
	param_done(e, len);
}
