/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * File syscalls: open, openat, openat2, creat, close, unlink, unlinkat,
 * rename, renameat, renameat2, mkdir, mkdirat, chmod, fchmodat, fchmod.
 */
#pragma once

#include "program.bpf.h"

/* Parameters shared by the open-family exits: the new fd's device. */
static __always_inline __u32 fd_dev(long fd)
{
	return fd >= 0 ? file_dev(fd_to_file(current_task(), fd)) : 0;
}

/* ---- open(name, flags, mode) ---------------------------------------- */

SYSCALL_ENTER(open_e)
{
	unsigned long flags = sc_arg(regs, 1);
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_OPEN_E, 3))
		return 0;
	/* Parameter 1: name (type: FSPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 0), LX_PATH_MAX);
	/* Parameter 2: flags (type: FLAGS32) */
	push_u32(&e, open_flags_to_ppm(flags));
	/* Parameter 3: mode (type: UINT32) */
	push_u32(&e, open_mode_to_ppm(flags, sc_arg(regs, 2)));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(open_x)
{
	unsigned long flags = sc_arg(regs, 1);
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_OPEN_X, 5))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, ret);
	/* Parameter 2: name (type: FSPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 0), LX_PATH_MAX);
	/* Parameter 3: flags (type: FLAGS32) */
	push_u32(&e, open_flags_to_ppm(flags));
	/* Parameter 4: mode (type: UINT32) */
	push_u32(&e, open_mode_to_ppm(flags, sc_arg(regs, 2)));
	/* Parameter 5: dev (type: UINT32) */
	push_u32(&e, fd_dev(ret));
	event_submit(&e);
	return 0;
}

/* ---- openat(dirfd, name, flags, mode) ------------------------------- */

SYSCALL_ENTER(openat_e)
{
	unsigned long flags = sc_arg(regs, 2);
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_OPENAT_2_E, 4))
		return 0;
	/* Parameter 1: dirfd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 2: name (type: FSRELPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 1), LX_PATH_MAX);
	/* Parameter 3: flags (type: FLAGS32) */
	push_u32(&e, open_flags_to_ppm(flags));
	/* Parameter 4: mode (type: UINT32) */
	push_u32(&e, open_mode_to_ppm(flags, sc_arg(regs, 3)));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(openat_x)
{
	unsigned long flags = sc_arg(regs, 2);
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_OPENAT_2_X, 6))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, ret);
	/* Parameter 2: dirfd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 3: name (type: FSRELPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 1), LX_PATH_MAX);
	/* Parameter 4: flags (type: FLAGS32) */
	push_u32(&e, open_flags_to_ppm(flags));
	/* Parameter 5: mode (type: UINT32) */
	push_u32(&e, open_mode_to_ppm(flags, sc_arg(regs, 3)));
	/* Parameter 6: dev (type: UINT32) */
	push_u32(&e, fd_dev(ret));
	event_submit(&e);
	return 0;
}

/* ---- openat2(dirfd, name, struct open_how *how, size) --------------- */

static __always_inline void read_open_how(struct pt_regs *regs, struct open_how *how)
{
	if (bpf_probe_read_user(how, sizeof(*how), (void *)sc_arg(regs, 2)))
		__builtin_memset(how, 0, sizeof(*how));
}

SYSCALL_ENTER(openat2_e)
{
	struct open_how how;
	struct event e;

	read_open_how(regs, &how);
	if (!event_begin(&e, PPME_SYSCALL_OPENAT2_E, 5))
		return 0;
	/* Parameter 1: dirfd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 2: name (type: FSRELPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 1), LX_PATH_MAX);
	/* Parameter 3: flags (type: FLAGS32) */
	push_u32(&e, open_flags_to_ppm(how.flags));
	/* Parameter 4: mode (type: UINT32) */
	push_u32(&e, open_mode_to_ppm(how.flags, how.mode));
	/* Parameter 5: resolve (type: FLAGS32) */
	push_u32(&e, resolve_flags_to_ppm(how.resolve));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(openat2_x)
{
	struct open_how how;
	struct event e;

	read_open_how(regs, &how);
	if (!event_begin(&e, PPME_SYSCALL_OPENAT2_X, 6))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, ret);
	/* Parameter 2: dirfd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 3: name (type: FSRELPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 1), LX_PATH_MAX);
	/* Parameter 4: flags (type: FLAGS32) */
	push_u32(&e, open_flags_to_ppm(how.flags));
	/* Parameter 5: mode (type: UINT32) */
	push_u32(&e, open_mode_to_ppm(how.flags, how.mode));
	/* Parameter 6: resolve (type: FLAGS32) */
	push_u32(&e, resolve_flags_to_ppm(how.resolve));
	event_submit(&e);
	return 0;
}

/* ---- creat(name, mode): open(name, O_CREAT|O_WRONLY|O_TRUNC, mode) -- */

SYSCALL_ENTER(creat_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_CREAT_E, 2))
		return 0;
	/* Parameter 1: name (type: FSPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 0), LX_PATH_MAX);
	/* Parameter 2: mode (type: UINT32) */
	push_u32(&e, open_mode_to_ppm(LX_O_CREAT, sc_arg(regs, 1)));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(creat_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_CREAT_X, 4))
		return 0;
	/* Parameter 1: fd (type: FD) */
	push_s64(&e, ret);
	/* Parameter 2: name (type: FSPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 0), LX_PATH_MAX);
	/* Parameter 3: mode (type: UINT32) */
	push_u32(&e, open_mode_to_ppm(LX_O_CREAT, sc_arg(regs, 1)));
	/* Parameter 4: dev (type: UINT32) */
	push_u32(&e, fd_dev(ret));
	event_submit(&e);
	return 0;
}

/* ---- close(fd) ------------------------------------------------------ */

FD_ENTER(close_e, PPME_SYSCALL_CLOSE_E, 0)
RES_EXIT(close_x, PPME_SYSCALL_CLOSE_X)

/* ---- unlink(path), unlinkat(dirfd, name, flags) --------------------- */

EMPTY_ENTER(unlink_e, PPME_SYSCALL_UNLINK_2_E)

SYSCALL_EXIT(unlink_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_UNLINK_2_X, 2))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: path (type: FSPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 0), LX_PATH_MAX);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER(unlinkat_e, PPME_SYSCALL_UNLINKAT_2_E)

SYSCALL_EXIT(unlinkat_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_UNLINKAT_2_X, 4))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: dirfd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 3: name (type: FSRELPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 1), LX_PATH_MAX);
	/* Parameter 4: flags (type: FLAGS32) */
	push_u32(&e, unlinkat_flags_to_ppm(sc_arg(regs, 2)));
	event_submit(&e);
	return 0;
}

/* ---- rename(old, new), renameat(odir, old, ndir, new), renameat2(+flags) */

EMPTY_ENTER(rename_e, PPME_SYSCALL_RENAME_E)

SYSCALL_EXIT(rename_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_RENAME_X, 3))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: oldpath (type: FSPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 0), LX_PATH_MAX);
	/* Parameter 3: newpath (type: FSPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 1), LX_PATH_MAX);
	event_submit(&e);
	return 0;
}

/* renameat and renameat2 share their first five parameters. */
static __always_inline void push_renameat_params(struct event *e, struct pt_regs *regs, long ret)
{
	/* Parameter 1: res (type: ERRNO) */
	push_s64(e, ret);
	/* Parameter 2: olddirfd (type: FD) */
	push_s64(e, sc_fd_arg(regs, 0));
	/* Parameter 3: oldpath (type: FSRELPATH) */
	push_user_str(e, (void *)sc_arg(regs, 1), LX_PATH_MAX);
	/* Parameter 4: newdirfd (type: FD) */
	push_s64(e, sc_fd_arg(regs, 2));
	/* Parameter 5: newpath (type: FSRELPATH) */
	push_user_str(e, (void *)sc_arg(regs, 3), LX_PATH_MAX);
}

EMPTY_ENTER(renameat_e, PPME_SYSCALL_RENAMEAT_E)

SYSCALL_EXIT(renameat_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_RENAMEAT_X, 5))
		return 0;
	push_renameat_params(&e, regs, ret);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER(renameat2_e, PPME_SYSCALL_RENAMEAT2_E)

SYSCALL_EXIT(renameat2_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_RENAMEAT2_X, 6))
		return 0;
	push_renameat_params(&e, regs, ret);
	/* Parameter 6: flags (type: FLAGS32) */
	push_u32(&e, renameat2_flags_to_ppm(sc_arg(regs, 4)));
	event_submit(&e);
	return 0;
}

/* ---- mkdir(path, mode), mkdirat(dirfd, path, mode) ------------------ */

SYSCALL_ENTER(mkdir_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_MKDIR_2_E, 1))
		return 0;
	/* Parameter 1: mode (type: UINT32) */
	push_u32(&e, sc_arg(regs, 1));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(mkdir_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_MKDIR_2_X, 2))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: path (type: FSPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 0), LX_PATH_MAX);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER(mkdirat_e, PPME_SYSCALL_MKDIRAT_E)

SYSCALL_EXIT(mkdirat_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_MKDIRAT_X, 4))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: dirfd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 3: path (type: FSRELPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 1), LX_PATH_MAX);
	/* Parameter 4: mode (type: UINT32) */
	push_u32(&e, sc_arg(regs, 2));
	event_submit(&e);
	return 0;
}

/* ---- chmod(path, mode), fchmodat(dirfd, path, mode), fchmod(fd, mode) */

EMPTY_ENTER(chmod_e, PPME_SYSCALL_CHMOD_E)

SYSCALL_EXIT(chmod_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_CHMOD_X, 3))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: filename (type: FSPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 0), LX_PATH_MAX);
	/* Parameter 3: mode (type: MODE; PPM_S_* equal the octal bits) */
	push_u32(&e, sc_arg(regs, 1) & 07777);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER(fchmodat_e, PPME_SYSCALL_FCHMODAT_E)

SYSCALL_EXIT(fchmodat_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_FCHMODAT_X, 4))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: dirfd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 3: filename (type: FSRELPATH) */
	push_user_str(&e, (void *)sc_arg(regs, 1), LX_PATH_MAX);
	/* Parameter 4: mode (type: MODE) */
	push_u32(&e, sc_arg(regs, 2) & 07777);
	event_submit(&e);
	return 0;
}

EMPTY_ENTER(fchmod_e, PPME_SYSCALL_FCHMOD_E)

SYSCALL_EXIT(fchmod_x)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_FCHMOD_X, 3))
		return 0;
	/* Parameter 1: res (type: ERRNO) */
	push_s64(&e, ret);
	/* Parameter 2: fd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 0));
	/* Parameter 3: mode (type: MODE) */
	push_u32(&e, sc_arg(regs, 1) & 07777);
	event_submit(&e);
	return 0;
}
