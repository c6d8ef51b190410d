/* SPDX-License-Identifier: Apache-2.0 */
#include "ring.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

/* Record header bits (include/uapi/linux/bpf.h). */
#define RB_BUSY_BIT (1u << 31)
#define RB_DISCARD_BIT (1u << 30)
#define RB_HDR_SIZE 8u

int ring_map(struct ring *r, int fd, uint64_t size)
{
	void *cons, *prod;

	r->fd = fd;
	r->size = size;
	r->page = (size_t)sysconf(_SC_PAGESIZE);
	r->head_len = 0;
	r->cons = 0;
	r->prod = 0;

	cons = mmap(NULL, r->page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (cons == MAP_FAILED)
		return -errno;
	/* Producer page + data area twice; the kernel maps the data pages
	 * twice itself, the length just has to cover both copies. */
	prod = mmap(NULL, r->page + 2 * size, PROT_READ, MAP_SHARED, fd, r->page);
	if (prod == MAP_FAILED) {
		int err = -errno;

		munmap(cons, r->page);
		return err;
	}
	r->consumer_pos = cons;
	r->producer_pos = prod;
	r->data = (const uint8_t *)prod + r->page;
	r->cons = *r->consumer_pos;
	r->prod = r->cons;
	return 0;
}

void ring_unmap(struct ring *r)
{
	if (r->consumer_pos)
		munmap(r->consumer_pos, r->page);
	if (r->producer_pos)
		munmap((void *)r->producer_pos, r->page + 2 * r->size);
	r->consumer_pos = NULL;
	r->producer_pos = NULL;
	r->data = NULL;
}

static uint64_t record_span(uint32_t len)
{
	return (len + RB_HDR_SIZE + 7) & ~7ull;
}

const uint8_t *ring_peek(struct ring *r, uint32_t *len)
{
	for (;;) {
		const uint8_t *hdr;
		uint32_t word, rec_len;

		if (r->cons >= r->prod) {
			r->prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE);
			if (r->cons >= r->prod)
				return NULL;
		}
		hdr = r->data + (r->cons & (r->size - 1));
		word = __atomic_load_n((const uint32_t *)hdr, __ATOMIC_ACQUIRE);
		if (word & RB_BUSY_BIT)
			return NULL; /* reserved, not yet committed: later records wait */
		rec_len = word & ~(RB_BUSY_BIT | RB_DISCARD_BIT);
		if (word & RB_DISCARD_BIT) {
			r->cons += record_span(rec_len);
			continue;
		}
		r->head_len = rec_len;
		*len = rec_len;
		return hdr + RB_HDR_SIZE;
	}
}

void ring_advance(struct ring *r)
{
	r->cons += record_span((uint32_t)r->head_len);
	r->head_len = 0;
}

void ring_publish(struct ring *r)
{
	if (r->consumer_pos && *r->consumer_pos != r->cons)
		__atomic_store_n(r->consumer_pos, r->cons, __ATOMIC_RELEASE);
}
