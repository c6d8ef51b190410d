/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Fast paths for the commonest events, run by the dispatchers themselves:
 * read and write, enter and exit (a busy target's stream is mostly these).
 * They write the same bytes as the programs in io.bpf.h, but
 *
 *   - without a tail call (an indirect jump through a retpoline here);
 *   - straight into ring memory (bpf_ringbuf_reserve/submit) instead of
 *     building in the per-CPU scratch and copying it out;
 *   - as a fixed struct, so every field is one store of its natural width
 *     where the offset allows it, and no per-parameter bookkeeping.
 *
 * A reservation must have a size known to the verifier, so the exit event
 * reserves room for FAST_PAYLOAD_SMALL or FAST_PAYLOAD_MAX payload bytes
 * and its header says how many of them the event uses; the shim copies only
 * the event (records may carry unused room after it). Larger payloads take
 * the general path.
 */
#pragma once

#include "program.bpf.h"

/* The default snaplen, so default captures of small I/O never leave the
 * fast path. */
#define FAST_PAYLOAD_MAX 80
/* The smaller reservation of exit events, for empty and short payloads. */
#define FAST_PAYLOAD_SMALL 16

/* The scap event header (struct inspect_scap_event_header) spelled out in
 * each struct rather than nested: clang takes a nested packed struct's
 * alignment (1) for its fields and stores them byte by byte. aligned(8)
 * (ring records start 8-aligned) lets it use one store of the natural width
 * for every field whose offset allows it. */
#define FAST_SCAP_HEADER \
	__u64 ts;        \
	__u64 tid;       \
	__u32 len;       \
	__u16 type;      \
	__u32 nparams

struct fast_fd_size_enter {
	FAST_SCAP_HEADER;
	__u16 len_fd;
	__u16 len_size;
	__s64 fd;    /* Parameter 1: fd (type: FD) */
	__u32 size;  /* Parameter 2: size (type: UINT32) */
} __attribute__((packed, aligned(8)));

struct fast_res_data_exit {
	FAST_SCAP_HEADER;
	__u16 len_res;
	__u16 len_data;
	__s64 res;   /* Parameter 1: res (type: ERRNO) */
	__u8 data[FAST_PAYLOAD_MAX]; /* Parameter 2: data (type: BYTEBUF) */
} __attribute__((packed, aligned(8)));

_Static_assert(__builtin_offsetof(struct fast_fd_size_enter, len_fd) == sizeof(struct inspect_scap_event_header),
	       "fast header layout");
_Static_assert(__builtin_offsetof(struct fast_res_data_exit, len_res) == sizeof(struct inspect_scap_event_header),
	       "fast header layout");

/* Event lengths: the structs' sizes include the padding to 8. */
#define FAST_FD_SIZE_LEN (sizeof(struct inspect_scap_event_header) + 2 * 2 + 8 + 4)
#define FAST_RES_DATA_FIXED (sizeof(struct inspect_scap_event_header) + 2 * 2 + 8)
/* A reservation for `room` payload bytes, rounded up as the ring rounds
 * records (to 8). */
#define FAST_RES_DATA_RESERVE(room) ((FAST_RES_DATA_FIXED + (room) + 7) & ~7u)

/* The thread id is the task's pid, loaded through the BTF pointer the
 * dispatcher already has (what bpf_get_current_pid_tgid() returns in its
 * low half, without the helper call). */
#define FAST_HEADER(ev, st, task, length, code, n)                               \
	do {                                                                      \
		(ev)->ts = (st)->boot_time_ns + bpf_ktime_get_boot_ns();          \
		(ev)->tid = (__u32)(task)->pid;                                   \
		(ev)->len = (length);                                             \
		(ev)->type = (code);                                              \
		(ev)->nparams = (n);                                              \
	} while (0)

/* Submits a filled reservation, counting it, with the wakeup policy of
 * event_submit(). */
static __always_inline void fast_submit(void *rb, void *rec)
{
	bpf_ringbuf_submit(rec, ring_wakeup_flags(rb));
	STAT_INC(n_evts);
}

/* The ring of this CPU and the settings, or false when the event cannot be
 * written (counted as event_begin() and event_submit() count it). */
static __always_inline bool fast_ring(struct inspect_probe_settings **st, void **rb)
{
	*st = settings_get();
	if (!*st) {
		STAT_INC(n_drops_internal);
		return false;
	}
	*rb = ring_of_cpu(*st, bpf_get_smp_processor_id());
	return *rb != NULL;
}

/* PPME_SYSCALL_READ_E / WRITE_E: fd and size, as fd_size_enter(). */
static __always_inline void fast_fd_size_enter(struct pt_regs *regs, __u16 type, struct task_struct *task)
{
	struct inspect_probe_settings *st;
	struct fast_fd_size_enter *ev;
	void *rb;

	if (!fast_ring(&st, &rb))
		return;
	ev = bpf_ringbuf_reserve(rb, sizeof(*ev), 0);
	if (!ev) {
		STAT_INC(n_drops_buffer);
		return;
	}
	FAST_HEADER(ev, st, task, FAST_FD_SIZE_LEN, type, 2);
	ev->len_fd = sizeof(ev->fd);
	ev->len_size = sizeof(ev->size);
	ev->fd = sc_fd_arg(regs, 0);
	ev->size = sc_arg(regs, 2);
	fast_submit(rb, ev);
}

/* Reserves a res/data exit event with room for `room` payload bytes (a
 * constant at every call site, as the verifier requires) and fills it with
 * the first `len` (<= room) bytes at `buf`. */
static __always_inline void fast_res_data_write(void *rb, const struct inspect_probe_settings *st,
						struct task_struct *task, long ret, __u16 type, const void *buf,
						__u32 len, const __u32 room)
{
	struct fast_res_data_exit *ev = bpf_ringbuf_reserve(rb, FAST_RES_DATA_RESERVE(room), 0);

	if (!ev) {
		STAT_INC(n_drops_buffer);
		return;
	}
	/* Verifier workaround: the caller's bound is on another register
	 * copy; masking and checking again here puts it on this one (never
	 * true, as len <= room). */
	len = BOUND(len, 127);
	if (len > room)
		len = 0;
	/* A failed read gives an empty value, as push_user_bytes(). */
	if (len && (!buf || bpf_probe_read_user(ev->data, len, buf)))
		len = 0;
	FAST_HEADER(ev, st, task, FAST_RES_DATA_FIXED + len, type, 2);
	ev->len_res = sizeof(ev->res);
	ev->len_data = len;
	ev->res = ret;
	fast_submit(rb, ev);
}

/* PPME_SYSCALL_READ_X / WRITE_X: res and the payload, as res_data_exit().
 * Returns false, having written nothing, when the payload is too large for
 * the fast path. Small payloads (empty ones: EAGAIN, end of file) get a
 * small reservation, so they do not fill the ring faster than the general
 * path's exact-size records would. */
static __always_inline bool fast_res_data_exit(struct pt_regs *regs, long ret, __u16 type, bool is_read,
					       struct task_struct *task)
{
	__u32 len = is_read ? read_capture_len(ret) : write_capture_len(ret, sc_arg(regs, 2));
	const void *buf = (const void *)sc_arg(regs, 1);
	struct inspect_probe_settings *st;
	void *rb;

	if (len > FAST_PAYLOAD_MAX)
		return false;
	if (!fast_ring(&st, &rb))
		return true;
	if (len <= FAST_PAYLOAD_SMALL)
		fast_res_data_write(rb, st, task, ret, type, buf, len, FAST_PAYLOAD_SMALL);
	else
		fast_res_data_write(rb, st, task, ret, type, buf, len, FAST_PAYLOAD_MAX);
	return true;
}

/* The enter fast paths: true when the event was handled here. */
static __always_inline bool fast_enter(struct pt_regs *regs, long id, struct task_struct *task)
{
	switch (id) {
	case __NR_read:
		fast_fd_size_enter(regs, PPME_SYSCALL_READ_E, task);
		return true;
	case __NR_write:
		fast_fd_size_enter(regs, PPME_SYSCALL_WRITE_E, task);
		return true;
	default:
		return false;
	}
}

static __always_inline bool fast_exit(struct pt_regs *regs, long id, long ret, struct task_struct *task)
{
	switch (id) {
	case __NR_read:
		return fast_res_data_exit(regs, ret, PPME_SYSCALL_READ_X, true, task);
	case __NR_write:
		return fast_res_data_exit(regs, ret, PPME_SYSCALL_WRITE_X, false, task);
	default:
		return false;
	}
}
