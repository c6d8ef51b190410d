/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Direct reader of one BPF ring buffer (BPF_MAP_TYPE_RINGBUF), mapped the
 * way the kernel exposes it: a consumer page (read-write), then a producer
 * page and the data area mapped twice so that a record wrapping around
 * the end is contiguous. libbpf's ring_buffer API consumes through
 * callbacks in per-ring order; peeking at each ring's head is what the
 * timestamp merge needs.
 */
#ifndef INSPECT_SHIM_RING_H
#define INSPECT_SHIM_RING_H

#include <stddef.h>
#include <stdint.h>

struct ring {
	int fd;
	uint64_t size;             /* data area bytes (power of two) */
	size_t page;
	uint64_t *consumer_pos;    /* shared with the kernel */
	const uint64_t *producer_pos;
	const uint8_t *data;
	uint64_t head_len;         /* length of the record last peeked */
};

/* Maps ring `fd` of `size` data bytes. Returns 0 or -errno. */
int ring_map(struct ring *r, int fd, uint64_t size);
void ring_unmap(struct ring *r);

/* The next committed record (skipping discarded ones) or NULL; *len gets
 * its length. The record stays valid until ring_advance(). */
const uint8_t *ring_peek(struct ring *r, uint32_t *len);

/* Releases the record returned by the last ring_peek(). */
void ring_advance(struct ring *r);

#endif
