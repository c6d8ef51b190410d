/* SPDX-License-Identifier: Apache-2.0 */
/* Test-side view of consumed records: parsing and lookups. */
#ifndef INSPECT_TEST_EVENTS_H
#define INSPECT_TEST_EVENTS_H

#include "inspect_probe.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EV_MAX_PARAMS 32

struct ev {
	const uint8_t *raw; /* the scap event bytes */
	uint32_t len;
	uint16_t ring;
	uint64_t ts;
	uint64_t tid;
	uint16_t type;
	uint32_t nparams;
	uint16_t plen[EV_MAX_PARAMS];
	const uint8_t *pval[EV_MAX_PARAMS];
	bool well_formed; /* header len == 26 + 2 * nparams + sum of lengths */
};

struct ev_list {
	struct ev *v;
	size_t n, cap;
	uint8_t **batches; /* owned copies of the consumed batches */
	size_t n_batches;
};

/* Appends the records of one inspect_probe_consume() batch. */
int ev_list_add_batch(struct ev_list *l, const uint8_t *buf, uint64_t bytes);
/* Consumes until `idle_ms` pass without events. */
int ev_list_drain(struct ev_list *l, inspect_probe *h, int idle_ms);
void ev_list_free(struct ev_list *l);

int64_t ev_i64(const struct ev *e, int i);
uint32_t ev_u32(const struct ev *e, int i);
uint16_t ev_u16(const struct ev *e, int i);
uint8_t ev_u8(const struct ev *e, int i);
/* A string parameter (CHARBUF/FSPATH) or "" when absent/empty. */
const char *ev_str(const struct ev *e, int i);

/* The first event of `type` by `tid` (0: any tid) whose string parameter
 * `str_param` equals `str` (str NULL: no string condition), from index
 * *from on; NULL if none. *from is set past the match. */
const struct ev *ev_find(const struct ev_list *l, size_t *from, uint16_t type, uint64_t tid,
			 int str_param, const char *str);
/* The event of the same tid that precedes `x` in the stream, or NULL. */
const struct ev *ev_prev_same_tid(const struct ev_list *l, const struct ev *x);

#endif
