/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Memory syscalls: mmap, mprotect.
 */
#pragma once

#include "program.bpf.h"

/* ---- mmap(addr, length, prot, flags, fd, offset) -------------------- */

SYSCALL_ENTER(mmap_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_MMAP_E, 6))
		return 0;
	/* Parameter 1: addr (type: UINT64) */
	push_u64(&e, sc_arg(regs, 0));
	/* Parameter 2: length (type: UINT64) */
	push_u64(&e, sc_arg(regs, 1));
	/* Parameter 3: prot (type: FLAGS32) */
	push_u32(&e, prot_flags_to_ppm(sc_arg(regs, 2)));
	/* Parameter 4: flags (type: FLAGS32) */
	push_u32(&e, mmap_flags_to_ppm(sc_arg(regs, 3)));
	/* Parameter 5: fd (type: FD) */
	push_s64(&e, sc_fd_arg(regs, 4));
	/* Parameter 6: offset (type: UINT64) */
	push_u64(&e, sc_arg(regs, 5));
	event_submit(&e);
	return 0;
}

SYSCALL_EXIT(mmap_x)
{
	struct vm_info vi;
	struct event e;

	mm_vm_info(BPF_CORE_READ(current_task(), mm), &vi);
	if (!event_begin(&e, PPME_SYSCALL_MMAP_X, 4))
		return 0;
	/* Parameter 1: res (type: UINT64), the mapping address or -errno */
	push_u64(&e, ret);
	/* Parameter 2: vm_size (type: UINT32) */
	push_u32(&e, vi.size_kb);
	/* Parameter 3: vm_rss (type: UINT32) */
	push_u32(&e, vi.rss_kb);
	/* Parameter 4: vm_swap (type: UINT32) */
	push_u32(&e, vi.swap_kb);
	event_submit(&e);
	return 0;
}

/* ---- mprotect(addr, length, prot) ----------------------------------- */

SYSCALL_ENTER(mprotect_e)
{
	struct event e;

	if (!event_begin(&e, PPME_SYSCALL_MPROTECT_E, 3))
		return 0;
	/* Parameter 1: addr (type: UINT64) */
	push_u64(&e, sc_arg(regs, 0));
	/* Parameter 2: length (type: UINT64) */
	push_u64(&e, sc_arg(regs, 1));
	/* Parameter 3: prot (type: FLAGS32) */
	push_u32(&e, prot_flags_to_ppm(sc_arg(regs, 2)));
	event_submit(&e);
	return 0;
}

RES_EXIT(mprotect_x, PPME_SYSCALL_MPROTECT_X)
