/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Linux -> PPM_* translations (scap-format.md, "Constants a writer must
 * translate"). vmlinux.h carries types but no #defines, so the Linux UAPI
 * values used here are spelled out (x86_64 values) with an LX_ prefix.
 */
#pragma once

#include "vmlinux.h"

/* Linux open(2) flags (asm-generic/fcntl.h, x86_64). */
#define LX_O_ACCMODE 00000003
#define LX_O_WRONLY 00000001
#define LX_O_RDWR 00000002
#define LX_O_CREAT 00000100
#define LX_O_EXCL 00000200
#define LX_O_TRUNC 00001000
#define LX_O_APPEND 00002000
#define LX_O_NONBLOCK 00004000
#define LX_O_DSYNC 00010000
#define LX_O_DIRECT 00040000
#define LX_O_LARGEFILE 00100000
#define LX_O_DIRECTORY 00200000
#define LX_O_CLOEXEC 02000000
#define LX_O_SYNC (04000000 | LX_O_DSYNC)
#define LX_O_TMPFILE (020000000 | LX_O_DIRECTORY)

/* PPM_O_* (libs driver/ppm_events_public.h). */
#define PPM_O_RDONLY (1 << 0)
#define PPM_O_WRONLY (1 << 1)
#define PPM_O_RDWR (PPM_O_RDONLY | PPM_O_WRONLY)
#define PPM_O_CREAT (1 << 2)
#define PPM_O_APPEND (1 << 3)
#define PPM_O_DSYNC (1 << 4)
#define PPM_O_EXCL (1 << 5)
#define PPM_O_NONBLOCK (1 << 6)
#define PPM_O_SYNC (1 << 7)
#define PPM_O_TRUNC (1 << 8)
#define PPM_O_DIRECT (1 << 9)
#define PPM_O_DIRECTORY (1 << 10)
#define PPM_O_LARGEFILE (1 << 11)
#define PPM_O_CLOEXEC (1 << 12)
#define PPM_O_TMPFILE (1 << 13)

static __always_inline __u32 open_flags_to_ppm(__u64 f)
{
	__u32 r;

	switch (f & LX_O_ACCMODE) {
	case LX_O_WRONLY:
		r = PPM_O_WRONLY;
		break;
	case LX_O_RDWR:
		r = PPM_O_RDWR;
		break;
	default: /* Linux O_RDONLY is 0; PPM has an explicit bit */
		r = PPM_O_RDONLY;
		break;
	}
	if (f & LX_O_CREAT)
		r |= PPM_O_CREAT;
	if ((f & LX_O_TMPFILE) == LX_O_TMPFILE)
		r |= PPM_O_TMPFILE;
	if (f & LX_O_APPEND)
		r |= PPM_O_APPEND;
	if (f & LX_O_DSYNC)
		r |= PPM_O_DSYNC;
	if (f & LX_O_EXCL)
		r |= PPM_O_EXCL;
	if (f & LX_O_NONBLOCK)
		r |= PPM_O_NONBLOCK;
	if ((f & LX_O_SYNC) == LX_O_SYNC)
		r |= PPM_O_SYNC;
	if (f & LX_O_TRUNC)
		r |= PPM_O_TRUNC;
	if (f & LX_O_DIRECT)
		r |= PPM_O_DIRECT;
	if (f & LX_O_DIRECTORY)
		r |= PPM_O_DIRECTORY;
	if (f & LX_O_LARGEFILE)
		r |= PPM_O_LARGEFILE;
	if (f & LX_O_CLOEXEC)
		r |= PPM_O_CLOEXEC;
	return r;
}

/* The old drivers report the creation mode only when it is meaningful
 * (O_CREAT or O_TMPFILE) and 0 otherwise. PPM_S_* equal the octal bits. */
static __always_inline __u32 open_mode_to_ppm(__u64 flags, __u64 mode)
{
	if (!(flags & (LX_O_CREAT | LX_O_TMPFILE)))
		return 0;
	return mode & 07777;
}

/* openat2 RESOLVE_* (linux/openat2.h) -> PPM_RESOLVE_*. */
static __always_inline __u32 resolve_flags_to_ppm(__u64 f)
{
	__u32 r = 0;

	if (f & 0x01) /* RESOLVE_NO_XDEV */
		r |= 1 << 4;
	if (f & 0x02) /* RESOLVE_NO_MAGICLINKS */
		r |= 1 << 2;
	if (f & 0x04) /* RESOLVE_NO_SYMLINKS */
		r |= 1 << 3;
	if (f & 0x08) /* RESOLVE_BENEATH */
		r |= 1 << 0;
	if (f & 0x10) /* RESOLVE_IN_ROOT */
		r |= 1 << 1;
	if (f & 0x20) /* RESOLVE_CACHED */
		r |= 1 << 5;
	return r;
}

/* clone(2) CLONE_* -> PPM_CL_*. Bits 16-19, 21-22 and 30 of PPM_CL_* are
 * sinsp-internal and never set here. */
#define PPM_CL_CHILD_IN_PIDNS (1u << 29)

static __always_inline __u32 clone_flags_to_ppm(__u64 f)
{
	__u32 r = 0;

	if (f & 0x00000400) r |= 1u << 0;  /* CLONE_FILES */
	if (f & 0x00000200) r |= 1u << 1;  /* CLONE_FS */
	if (f & 0x80000000ULL) r |= 1u << 2; /* CLONE_IO */
	if (f & 0x08000000) r |= 1u << 3;  /* CLONE_NEWIPC */
	if (f & 0x40000000) r |= 1u << 4;  /* CLONE_NEWNET */
	if (f & 0x00020000) r |= 1u << 5;  /* CLONE_NEWNS */
	if (f & 0x20000000) r |= 1u << 6;  /* CLONE_NEWPID */
	if (f & 0x04000000) r |= 1u << 7;  /* CLONE_NEWUTS */
	if (f & 0x00008000) r |= 1u << 8;  /* CLONE_PARENT */
	if (f & 0x00100000) r |= 1u << 9;  /* CLONE_PARENT_SETTID */
	if (f & 0x00002000) r |= 1u << 10; /* CLONE_PTRACE */
	if (f & 0x00000800) r |= 1u << 11; /* CLONE_SIGHAND */
	if (f & 0x00040000) r |= 1u << 12; /* CLONE_SYSVSEM */
	if (f & 0x00010000) r |= 1u << 13; /* CLONE_THREAD */
	if (f & 0x00800000) r |= 1u << 14; /* CLONE_UNTRACED */
	if (f & 0x00000100) r |= 1u << 15; /* CLONE_VM */
	if (f & 0x10000000) r |= 1u << 20; /* CLONE_NEWUSER */
	if (f & 0x00200000) r |= 1u << 23; /* CLONE_CHILD_CLEARTID */
	if (f & 0x01000000) r |= 1u << 24; /* CLONE_CHILD_SETTID */
	if (f & 0x00080000) r |= 1u << 25; /* CLONE_SETTLS */
	if (f & 0x00004000) r |= 1u << 27; /* CLONE_VFORK */
	if (f & 0x02000000) r |= 1u << 28; /* CLONE_NEWCGROUP */
	return r;
}

/* PROT_* -> PPM_PROT_*: the low bits coincide, GROWSDOWN/GROWSUP move. */
static __always_inline __u32 prot_flags_to_ppm(__u64 p)
{
	__u32 r = p & 0xf; /* READ 1, WRITE 2, EXEC 4, SEM 8 */

	if (p & 0x01000000) /* PROT_GROWSDOWN */
		r |= 1 << 4;
	if (p & 0x02000000) /* PROT_GROWSUP */
		r |= 1 << 5;
	return r;
}

/* MAP_* (x86_64) -> PPM_MAP_*. */
static __always_inline __u32 mmap_flags_to_ppm(__u64 f)
{
	__u32 r = 0;

	if (f & 0x01) r |= 1 << 0;     /* MAP_SHARED */
	if (f & 0x02) r |= 1 << 1;     /* MAP_PRIVATE */
	if (f & 0x10) r |= 1 << 2;     /* MAP_FIXED */
	if (f & 0x20) r |= 1 << 3;     /* MAP_ANONYMOUS */
	if (f & 0x40) r |= 1 << 4;     /* MAP_32BIT */
	if (f & 0x4000) r |= 1 << 6;   /* MAP_NORESERVE */
	if (f & 0x8000) r |= 1 << 7;   /* MAP_POPULATE */
	if (f & 0x10000) r |= 1 << 8;  /* MAP_NONBLOCK */
	if (f & 0x0100) r |= 1 << 9;   /* MAP_GROWSDOWN */
	if (f & 0x0800) r |= 1 << 10;  /* MAP_DENYWRITE */
	if (f & 0x1000) r |= 1 << 11;  /* MAP_EXECUTABLE */
	if (f & 0x2000) r |= 1 << 14;  /* MAP_LOCKED */
	return r;
}

/* execveat AT_* -> PPM_EXVAT_*. */
static __always_inline __u32 execveat_flags_to_ppm(__u64 f)
{
	__u32 r = 0;

	if (f & 0x1000) /* AT_EMPTY_PATH */
		r |= 1 << 0;
	if (f & 0x100) /* AT_SYMLINK_NOFOLLOW */
		r |= 1 << 1;
	return r;
}

/* unlinkat: AT_REMOVEDIR has the same value as PPM_AT_REMOVEDIR (0x200). */
static __always_inline __u32 unlinkat_flags_to_ppm(__u64 f)
{
	return f & 0x200;
}

/* renameat2 RENAME_NOREPLACE/EXCHANGE/WHITEOUT equal PPM_RENAME_* (1, 2, 4). */
static __always_inline __u32 renameat2_flags_to_ppm(__u64 f)
{
	return f & 0x7;
}

/* ptrace(2) request -> PPM_PTRACE_* (only the requests the old table names). */
static __always_inline __u16 ptrace_request_to_ppm(__u64 req)
{
	switch (req) {
	case 0: return 1;       /* TRACEME */
	case 1: return 2;       /* PEEKTEXT */
	case 2: return 3;       /* PEEKDATA */
	case 3: return 4;       /* PEEKUSR */
	case 4: return 5;       /* POKETEXT */
	case 5: return 6;       /* POKEDATA */
	case 6: return 7;       /* POKEUSR */
	case 7: return 8;       /* CONT */
	case 8: return 9;       /* KILL */
	case 9: return 10;      /* SINGLESTEP */
	case 12: return 26;     /* GETREGS */
	case 13: return 27;     /* SETREGS */
	case 14: return 28;     /* GETFPREGS */
	case 15: return 29;     /* SETFPREGS */
	case 16: return 11;     /* ATTACH */
	case 17: return 12;     /* DETACH */
	case 18: return 30;     /* GETFPXREGS */
	case 19: return 31;     /* SETFPXREGS */
	case 21: return 32;     /* OLDSETOPTIONS */
	case 24: return 13;     /* SYSCALL */
	case 25: return 33;     /* GET_THREAD_AREA */
	case 26: return 34;     /* SET_THREAD_AREA */
	case 30: return 35;     /* ARCH_PRCTL */
	case 31: return 36;     /* SYSEMU */
	case 32: return 37;     /* SYSEMU_SINGLESTEP */
	case 33: return 38;     /* SINGLEBLOCK */
	case 0x4200: return 14; /* SETOPTIONS */
	case 0x4201: return 15; /* GETEVENTMSG */
	case 0x4202: return 16; /* GETSIGINFO */
	case 0x4203: return 17; /* SETSIGINFO */
	case 0x4204: return 18; /* GETREGSET */
	case 0x4205: return 19; /* SETREGSET */
	case 0x4206: return 20; /* SEIZE */
	case 0x4207: return 21; /* INTERRUPT */
	case 0x4208: return 22; /* LISTEN */
	case 0x4209: return 23; /* PEEKSIGINFO */
	case 0x420a: return 24; /* GETSIGMASK */
	case 0x420b: return 25; /* SETSIGMASK */
	default: return 0;      /* UNKNOWN */
	}
}
