/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The syscall -> program tables, statically initialised so that libbpf
 * fills them at load time. INSPECT_SYSCALLS is the single list of traced
 * syscalls: X(syscall name, program name prefix).
 */
#pragma once

#include "file.bpf.h"
#include "io.bpf.h"
#include "net.bpf.h"
#include "process.bpf.h"
#include "fd.bpf.h"
#include "mem.bpf.h"
#include <asm/unistd_64.h> /* __NR_* (macros only, safe next to vmlinux.h) */

/* Above the highest x86_64 syscall number. */
#define SYSCALL_TABLE_SIZE 512

#define INSPECT_SYSCALLS(X)                                                   \
	X(open, open) X(openat, openat) X(openat2, openat2) X(creat, creat)   \
	X(close, close)                                                       \
	X(read, read) X(write, write) X(pread64, pread64)                     \
	X(pwrite64, pwrite64) X(readv, readv) X(writev, writev)               \
	X(socket, socket) X(bind, bind) X(connect, connect) X(listen, listen) \
	X(accept, accept) X(accept4, accept4) X(sendto, sendto)               \
	X(recvfrom, recvfrom) X(sendmsg, sendmsg) X(recvmsg, recvmsg)         \
	X(execve, execve) X(execveat, execveat)                               \
	X(clone, clone) X(fork, fork) X(vfork, vfork) X(clone3, clone3)       \
	X(unlink, unlink) X(unlinkat, unlinkat) X(rename, rename)             \
	X(renameat, renameat) X(renameat2, renameat2)                         \
	X(mkdir, mkdir) X(mkdirat, mkdirat)                                   \
	X(chmod, chmod) X(fchmodat, fchmodat) X(fchmod, fchmod)               \
	X(dup, dup) X(dup2, dup) X(dup3, dup)                                 \
	X(pipe, pipe) X(pipe2, pipe)                                          \
	X(setuid, setuid) X(setgid, setgid) X(kill, kill) X(ptrace, ptrace)   \
	X(mmap, mmap) X(mprotect, mprotect)

#define ENTER_SLOT(nr, prog) [__NR_##nr] = (void *)&prog##_e,
#define EXIT_SLOT(nr, prog) [__NR_##nr] = (void *)&prog##_x,
#define TRACED_SLOT(nr, prog) [__NR_##nr] = 1,

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, SYSCALL_TABLE_SIZE);
	__type(key, __u32);
	__array(values, int(void *));
} enter_tail SEC(".maps") = {
	.values = { INSPECT_SYSCALLS(ENTER_SLOT) },
};

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, SYSCALL_TABLE_SIZE);
	__type(key, __u32);
	__array(values, int(void *));
} exit_tail SEC(".maps") = {
	.values = { INSPECT_SYSCALLS(EXIT_SLOT) },
};

/* The same set as a read-only byte table: the dispatchers consult it
 * before any helper call (a prog array cannot be looked up from BPF). */
const volatile __u8 traced_syscalls[SYSCALL_TABLE_SIZE] = { INSPECT_SYSCALLS(TRACED_SLOT) };

static __always_inline bool syscall_traced(long id)
{
	return id >= 0 && id < SYSCALL_TABLE_SIZE && traced_syscalls[id];
}
