/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Event builder: assembles one scap event (scap-format.md section 2) in the
 * per-CPU scratch buffer and hands it to the ring of this CPU.
 *
 *   offset 0                      26-byte header (ts, tid, len, type, nparams)
 *   offset 26                     nparams u16 lengths
 *   offset 26 + 2 * nparams       the values, back to back
 *
 * Verifier strategy, used by every push: the write offset is masked with
 * SCRATCH_HALF_MASK (< 64 KiB) and each write is at most 64 KiB, so every
 * access provably stays inside the 128 KiB scratch value. Offsets past
 * INSPECT_MAX_EVENT_SIZE are never written: the event is flagged and
 * dropped (and counted) at submit time instead.
 */
#pragma once

#include "base.bpf.h"

#define SCAP_HEADER_SIZE 26
#define MAX_EVENT_PARAMS 20 /* the largest old-libs events (execve, clone) */

/* Verifier workaround: clang drops a mask it can prove redundant after an
 * earlier range check, but the verifier may have tracked that check on a
 * different register copy and then sees an unbounded size. Hiding the
 * value from the optimiser keeps the mask, so the verifier sees the bound
 * exactly where the value is used as a size or offset. */
#define BOUND(x, mask)                                  \
	({                                              \
		__typeof__(x) __b = (x);                \
		asm volatile("" : "+r"(__b));           \
		__b & (mask);                           \
	})

/* Stores of 2/4/8 bytes at any offset of an event (values are packed, so
 * most are unaligned; clang emits byte stores for these on BPF. Plain
 * unaligned word stores were measured: no difference in probe time). */
static __always_inline void store_u16(__u8 *p, __u16 v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

static __always_inline void store_u32(__u8 *p, __u32 v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

static __always_inline void store_u64(__u8 *p, __u64 v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

struct event {
	__u8 *buf;     /* scratch value of this CPU */
	struct inspect_probe_settings *st; /* looked up once per program */
	__u32 cpu;
	__u32 off;     /* where the next value byte goes */
	__u32 idx;     /* next parameter number, 0-based */
	__u32 nparams; /* declared number of parameters */
	bool too_large;
};

/* Verifier workaround: a value read back from map memory is an unknown
 * scalar to the verifier. Passing a length through the scratch value after
 * a bounded loop makes every exit of the loop converge to one state, so
 * the code that follows is verified once instead of once per iteration
 * count (which compounds over consecutive loops and exhausts the budget).
 * The write offset goes through it after every parameter for the same
 * reason. Every later use of the value is bounds-checked or masked. */
static __always_inline __u32 event_forget(const struct event *e, __u32 v)
{
	struct event_scratch *s = (struct event_scratch *)e->buf;

	s->saved.forget = v;
	return *(volatile __u32 *)&s->saved.forget;
}

/* Starts an event of `type` with `nparams` parameters for the current
 * thread. Returns false (and counts an internal drop) without a scratch. */
static __always_inline bool event_begin(struct event *e, __u16 type, __u32 nparams)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct event_scratch *s = bpf_map_lookup_elem(&event_scratch_map, &cpu);
	struct inspect_probe_settings *st = settings_get();

	if (!s || !st) {
		STAT_INC(n_drops_internal);
		return false;
	}
	e->buf = s->data;
	e->st = st;
	e->cpu = cpu;
	e->idx = 0;
	e->nparams = nparams;
	e->off = SCAP_HEADER_SIZE + 2 * nparams;
	e->too_large = false;

	/* struct inspect_scap_event_header, field by field (the map value
	 * is 8-aligned): ts, tid, len (set at submit), type, nparams. */
	store_u64(&e->buf[0], st->boot_time_ns + bpf_ktime_get_boot_ns());
	store_u64(&e->buf[8], (__u32)bpf_get_current_pid_tgid());
	store_u32(&e->buf[16], 0);
	store_u16(&e->buf[20], type);
	store_u32(&e->buf[22], nparams);
	return true;
}

/* Events too big for the verifier's budget in one program (execve and
 * clone exits) are built in stages chained by tail calls. A tail call
 * stays on the same CPU, so the per-CPU scratch (and the bytes written so
 * far) survive; only the builder state has to be parked. */
static __always_inline void event_save(struct event *e)
{
	struct event_scratch *s = (struct event_scratch *)e->buf;

	s->saved.off = e->off;
	s->saved.idx = e->idx;
	s->saved.nparams = e->nparams;
	s->saved.too_large = e->too_large;
}

static __always_inline bool event_resume(struct event *e)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct event_scratch *s = bpf_map_lookup_elem(&event_scratch_map, &cpu);
	struct inspect_probe_settings *st = settings_get();

	if (!s || !st) {
		STAT_INC(n_drops_internal);
		return false;
	}
	e->buf = s->data;
	e->st = st;
	e->cpu = cpu;
	e->off = s->saved.off;
	e->idx = s->saved.idx;
	e->nparams = s->saved.nparams;
	e->too_large = s->saved.too_large;
	return true;
}

/* Records the length of the parameter just written and moves on. */
static __always_inline void param_done(struct event *e, __u32 len)
{
	__u32 i = e->idx;
	__u16 len16 = len;

	/* Handlers never exceed their nparams; the check and the mask are for
	 * the verifier (i comes back from map memory after event_resume). */
	if (i >= MAX_EVENT_PARAMS)
		return;
	store_u16(&e->buf[SCAP_HEADER_SIZE + 2 * BOUND(i, 31)], len16);
	e->idx = i + 1;
	e->off = event_forget(e, e->off + len);
	if (e->off > INSPECT_MAX_EVENT_SIZE)
		e->too_large = true;
}

/* Where the next value goes, or NULL when the event is already too large.
 * Callers may write up to 64 KiB at the returned pointer. */
static __always_inline __u8 *param_ptr(struct event *e)
{
	if (e->off >= INSPECT_MAX_EVENT_SIZE) {
		e->too_large = true;
		return NULL;
	}
	return &e->buf[BOUND(e->off, SCRATCH_HALF_MASK)];
}

/* Pointer `rel` bytes into the value being written, for values assembled
 * in several steps (socket tuples, argv, cgroups, iovec payloads). The
 * absolute offset is masked (not the relative one) so that the verifier
 * sees one bound below 64 KiB however many steps there are; callers keep
 * e->off + rel below INSPECT_MAX_EVENT_SIZE, where the mask is a no-op. */
static __always_inline __u8 *event_at(struct event *e, __u32 rel)
{
	return &e->buf[BOUND(e->off + rel, SCRATCH_HALF_MASK)];
}

/* Room left in the event for the value being written. */
static __always_inline __u32 event_room(struct event *e)
{
	return e->off < INSPECT_MAX_EVENT_SIZE ? INSPECT_MAX_EVENT_SIZE - e->off : 0;
}

static __always_inline void push_u8(struct event *e, __u8 v)
{
	__u8 *p = param_ptr(e);

	if (p)
		*p = v;
	param_done(e, p ? 1 : 0);
}

static __always_inline void push_u16(struct event *e, __u16 v)
{
	__u8 *p = param_ptr(e);

	if (p)
		store_u16(p, v);
	param_done(e, p ? sizeof(v) : 0);
}

static __always_inline void push_u32(struct event *e, __u32 v)
{
	__u8 *p = param_ptr(e);

	if (p)
		store_u32(p, v);
	param_done(e, p ? sizeof(v) : 0);
}

static __always_inline void push_u64(struct event *e, __u64 v)
{
	__u8 *p = param_ptr(e);

	if (p)
		store_u64(p, v);
	param_done(e, p ? sizeof(v) : 0);
}

#define push_s32(e, v) push_u32(e, (__u32)(__s32)(v))
#define push_s64(e, v) push_u64(e, (__u64)(__s64)(v))

/* CHARBUF/FSPATH/FSRELPATH from user memory: the bytes plus their NUL.
 * An unreadable or NULL pointer gives the empty string, never a zero-length
 * value (old sinsp treats these values as C strings). */
static __always_inline void push_user_str(struct event *e, const void *uptr, __u32 max)
{
	__u8 *p = param_ptr(e);
	long n = 0;

	if (!p) {
		param_done(e, 0);
		return;
	}
	if (uptr)
		n = bpf_probe_read_user_str(p, max & SCRATCH_HALF_MASK, uptr);
	if (n <= 0) {
		*p = 0;
		n = 1;
	}
	param_done(e, n);
}

/* The same for a string in kernel memory (comm, a map value, ...). */
static __always_inline void push_kernel_str(struct event *e, const void *kptr, __u32 max)
{
	__u8 *p = param_ptr(e);
	long n = 0;

	if (!p) {
		param_done(e, 0);
		return;
	}
	if (kptr)
		n = bpf_probe_read_kernel_str(p, max & SCRATCH_HALF_MASK, kptr);
	if (n <= 0) {
		*p = 0;
		n = 1;
	}
	param_done(e, n);
}

/* BYTEBUF: `len` raw bytes of user memory, no NUL. A failed read gives an
 * empty value: a partial payload would misrepresent the data. */
static __always_inline void push_user_bytes(struct event *e, const void *uptr, __u32 len)
{
	__u8 *p = param_ptr(e);

	if (!p || !uptr || len == 0) {
		param_done(e, 0);
		return;
	}
	if (len > INSPECT_SNAPLEN_MAX)
		len = INSPECT_SNAPLEN_MAX;
	if (bpf_probe_read_user(p, BOUND(len, SCRATCH_HALF_MASK), uptr))
		len = 0;
	param_done(e, len);
}

/* BYTEBUF copied from kernel memory (args/env/cgroups built elsewhere). */
static __always_inline void push_kernel_bytes(struct event *e, const void *kptr, __u32 len)
{
	__u8 *p = param_ptr(e);

	if (!p || !kptr || len == 0) {
		param_done(e, 0);
		return;
	}
	len = BOUND(len, SCRATCH_HALF_MASK);
	if (bpf_probe_read_kernel(p, len, kptr))
		len = 0;
	param_done(e, len);
}

/* Zero-length value, only for variable-size types (BYTEBUF, SOCKADDR...). */
static __always_inline void push_empty(struct event *e)
{
	param_done(e, 0);
}

/* The empty string: a lone NUL. */
static __always_inline void push_empty_str(struct event *e)
{
	__u8 *p = param_ptr(e);

	if (p)
		*p = 0;
	param_done(e, p ? 1 : 0);
}

/* Consumer wakeups. A wakeup is an irq_work (a self-IPI, a VM exit under
 * virtualisation) in the traced task's context; the kernel's default
 * (adaptive) policy sends one for every event written while the consumer
 * is caught up, i.e. nearly every event of a busy target. Instead events
 * are written with BPF_RB_NO_WAKEUP and the consumer is woken once when
 * the unread data of the ring has grown past ring_wakeup_bytes (set by the
 * shim before load, a fraction of the ring size); the shim also polls the
 * rings on a short timer for the trickle below it. 0 keeps the kernel's
 * adaptive policy.
 *
 * Asking the ring for its unread bytes is a helper call on every event;
 * it is asked only every WAKEUP_CHECK_EVERY events of a CPU instead, and a
 * per-CPU flag makes the wakeup happen once per crossing of the threshold
 * (re-armed when a check finds the consumer has caught up). Checking late
 * by a few events is harmless: the threshold is far below the ring size. */
const volatile __u32 ring_wakeup_bytes = 0;

#define WAKEUP_CHECK_EVERY 16

static __always_inline __u64 ring_wakeup_flags(void *rb)
{
	__u32 zero = 0;
	struct wakeup_state *w;

	if (ring_wakeup_bytes == 0)
		return 0;
	w = bpf_map_lookup_elem(&wakeup_state_map, &zero);
	if (!w)
		return BPF_RB_FORCE_WAKEUP;
	if (w->events++ % WAKEUP_CHECK_EVERY != 0)
		return BPF_RB_NO_WAKEUP;
	if (bpf_ringbuf_query(rb, BPF_RB_AVAIL_DATA) < ring_wakeup_bytes) {
		w->woken = 0;
		return BPF_RB_NO_WAKEUP;
	}
	if (w->woken)
		return BPF_RB_NO_WAKEUP;
	w->woken = 1;
	return BPF_RB_FORCE_WAKEUP;
}

/* The ring of this CPU, or NULL (counted) when the maps are misconfigured.
 * One ring per CPU unless configured otherwise: no division then. */
static __always_inline void *ring_of_cpu(const struct inspect_probe_settings *st, __u32 cpu)
{
	__u32 ring;
	void *rb;

	if (!st || st->cpus_per_ring == 0) {
		STAT_INC(n_drops_internal);
		return NULL;
	}
	ring = st->cpus_per_ring == 1 ? cpu : cpu / st->cpus_per_ring;
	rb = bpf_map_lookup_elem(&ringbufs, &ring);
	if (!rb)
		STAT_INC(n_drops_internal);
	return rb;
}

/* Finishes the event and copies it into this CPU's ring. */
static __always_inline void event_submit(struct event *e)
{
	__u32 len = e->off;
	void *rb;

	if (e->too_large || len > INSPECT_MAX_EVENT_SIZE) {
		STAT_INC(n_drops_max_event_size);
		return;
	}
	store_u32(&e->buf[16], len);

	rb = ring_of_cpu(e->st, e->cpu);
	if (!rb)
		return;
	if (bpf_ringbuf_output(rb, e->buf, BOUND(len, SCRATCH_SIZE - 1), ring_wakeup_flags(rb)))
		STAT_INC(n_drops_buffer);
	else
		STAT_INC(n_evts);
}
