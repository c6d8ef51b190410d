/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Direct reader of one BPF ring buffer (BPF_MAP_TYPE_RINGBUF), mapped the
 * way the kernel exposes it: a consumer page (read-write), then a producer
 * page and the data area mapped twice so that a record wrapping around
 * the end is contiguous. libbpf's ring_buffer API consumes through
 * callbacks in per-ring order; peeking at each ring's head is what the
 * timestamp merge needs.
 *
 * The shared positions are touched as little as possible: they sit on
 * cache lines the producing CPU writes (producer_pos) or reads (consumer_pos)
 * on every event. The producer position is re-read only when the records
 * known to be published are used up, and the consumer position is kept
 * locally and published by ring_publish() once per batch.
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
	uint64_t cons;             /* local consumer position (>= *consumer_pos) */
	uint64_t prod;             /* producer position last read */
	uint64_t head_len;         /* length of the record last peeked */
};

/* Maps ring `fd` of `size` data bytes. Returns 0 or -errno. */
int ring_map(struct ring *r, int fd, uint64_t size);
void ring_unmap(struct ring *r);

/* The next committed record (skipping discarded ones) or NULL; *len gets
 * its length. The record stays valid until ring_publish() after
 * ring_advance(). */
const uint8_t *ring_peek(struct ring *r, uint32_t *len);

/* Moves past the record returned by the last ring_peek() (locally). */
void ring_advance(struct ring *r);

/* Hands the space of every advanced record back to the kernel. */
void ring_publish(struct ring *r);

#endif
