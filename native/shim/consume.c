/* SPDX-License-Identifier: Apache-2.0 */
/* Consumption: k-way merge of the rings by event timestamp into records. */
#include "internal.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>

/* The event's length: a record may hold unused room after its event (the
 * probe's fast paths reserve a fixed size, probe/programs/fast.bpf.h), and
 * the event header says how much of the record the event uses. A header
 * claiming more than the record (never written by the probe) is not
 * trusted: the whole record is taken, as before. */
static uint32_t event_length(const uint8_t *ev, uint32_t record_len)
{
	uint32_t len;

	memcpy(&len, ev + offsetof(struct inspect_scap_event_header, len), sizeof(len));
	return len >= sizeof(struct inspect_scap_event_header) && len <= record_len ? len : record_len;
}

/* The ring whose head event is the oldest, or -1 when all are empty.
 * Every producer stamps events before publishing them, so the oldest head
 * is the next event in time among what is visible now (an event still
 * being written on another CPU can at most be slightly older, as in any
 * per-CPU design). */
static int oldest_ring(struct inspect_probe *h, const uint8_t **ev, uint32_t *len)
{
	uint64_t best_ts = UINT64_MAX;
	int best = -1;

	for (int i = 0; i < h->n_rings; i++) {
		uint32_t l;
		const uint8_t *p = ring_peek(&h->rings[i], &l);
		uint64_t ts;

		if (!p || l < sizeof(struct inspect_scap_event_header))
			continue;
		memcpy(&ts, p, sizeof(ts));
		if (ts < best_ts) {
			best_ts = ts;
			best = i;
			*ev = p;
			*len = event_length(p, l);
		}
	}
	return best;
}

/* Drains into buf until it is full or every ring is empty. */
static int drain_rings(struct inspect_probe *h, uint8_t *buf, uint64_t cap, uint64_t *bytes, uint32_t *records)
{
	for (;;) {
		struct inspect_probe_record_header rh = { 0 };
		const uint8_t *ev = NULL;
		uint32_t len = 0;
		uint64_t size;
		uint8_t *dst;
		int ring = oldest_ring(h, &ev, &len);

		if (ring < 0)
			return INSPECT_PROBE_OK;
		size = (sizeof(rh) + len + INSPECT_RECORD_ALIGN - 1) & ~(uint64_t)(INSPECT_RECORD_ALIGN - 1);
		if (*bytes + size > cap)
			return *records ? INSPECT_PROBE_OK : INSPECT_PROBE_E_BUFFER;
		rh.record_size = (uint32_t)size;
		rh.event_size = len;
		rh.ring = (uint16_t)ring;
		dst = buf + *bytes;
		memcpy(dst, &rh, sizeof(rh));
		memcpy(dst + sizeof(rh), ev, len);
		memset(dst + sizeof(rh) + len, 0, size - sizeof(rh) - len);
		ring_advance(&h->rings[ring]);
		*bytes += size;
		(*records)++;
	}
}

/* The copied records' space goes back to the kernel once per batch, not
 * once per record (see ring.h). */
static int drain(struct inspect_probe *h, uint8_t *buf, uint64_t cap, uint64_t *bytes, uint32_t *records)
{
	int err = drain_rings(h, buf, cap, bytes, records);

	for (int i = 0; i < h->n_rings; i++)
		ring_publish(&h->rings[i]);
	return err;
}

/* The probe wakes the consumer only when a ring fills past an eighth of
 * its size (probe/helpers/event.bpf.h), so a slow trickle of events would
 * wait for the caller's whole timeout; waiting in slices of this length
 * bounds that latency at the cost of a few idle wakeups per second. */
#define POLL_SLICE_MS 10

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int inspect_probe_consume(inspect_probe *h, void *buf, uint64_t cap, int32_t timeout_ms,
			  uint64_t *out_bytes, uint32_t *out_records)
{
	struct epoll_event evs[8];
	uint64_t bytes = 0;
	uint32_t records = 0;
	int64_t deadline;
	int err;

	if (!h || !buf || !out_bytes || !out_records)
		return INSPECT_PROBE_E_INVAL;
	err = drain(h, buf, cap, &bytes, &records);
	deadline = timeout_ms > 0 ? now_ms() + timeout_ms : 0;
	while (!err && records == 0 && timeout_ms != 0) {
		int slice = POLL_SLICE_MS;

		if (timeout_ms > 0) {
			int64_t left = deadline - now_ms();

			if (left <= 0)
				break;
			if (left < slice)
				slice = (int)left;
		}
		if (epoll_wait(h->epoll_fd, evs, 8, slice) < 0 && errno != EINTR)
			err = INSPECT_PROBE_E_SYS;
		else
			err = drain(h, buf, cap, &bytes, &records);
	}
	*out_bytes = bytes;
	*out_records = records;
	return err;
}
