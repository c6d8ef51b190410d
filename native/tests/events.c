/* SPDX-License-Identifier: Apache-2.0 */
#include "events.h"

#include <stdlib.h>
#include <string.h>

#define SCAP_HDR 26

static void parse(struct ev *e)
{
	uint32_t off, hdr_len, sum = 0;

	memcpy(&e->ts, e->raw, 8);
	memcpy(&e->tid, e->raw + 8, 8);
	memcpy(&e->type, e->raw + 20, 2);
	memcpy(&e->nparams, e->raw + 22, 4);
	e->well_formed = false;
	if (e->nparams > EV_MAX_PARAMS || SCAP_HDR + 2 * e->nparams > e->len)
		return;
	off = SCAP_HDR + 2 * e->nparams;
	for (uint32_t i = 0; i < e->nparams; i++) {
		memcpy(&e->plen[i], e->raw + SCAP_HDR + 2 * i, 2);
		e->pval[i] = e->raw + off + sum;
		sum += e->plen[i];
	}
	memcpy(&hdr_len, e->raw + 16, 4);
	e->well_formed = hdr_len == e->len && off + sum == e->len;
}

int ev_list_add_batch(struct ev_list *l, const uint8_t *buf, uint64_t bytes)
{
	/* Each batch is copied once and never moves: events point into it. */
	uint8_t *copy = malloc(bytes);
	uint8_t **b = realloc(l->batches, (l->n_batches + 1) * sizeof(*b));

	if (!copy || !b) {
		free(copy);
		return -1;
	}
	memcpy(copy, buf, bytes);
	l->batches = b;
	l->batches[l->n_batches++] = copy;

	for (uint64_t off = 0; off < bytes;) {
		struct inspect_probe_record_header rh;
		struct ev *e;

		memcpy(&rh, copy + off, sizeof(rh));
		if (rh.record_size == 0)
			return -1;
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 1024;
			struct ev *v = realloc(l->v, cap * sizeof(*v));

			if (!v)
				return -1;
			l->v = v;
			l->cap = cap;
		}
		e = &l->v[l->n++];
		memset(e, 0, sizeof(*e));
		e->raw = copy + off + sizeof(rh);
		e->len = rh.event_size;
		e->ring = rh.ring;
		parse(e);
		off += rh.record_size;
	}
	return 0;
}

int ev_list_drain(struct ev_list *l, inspect_probe *h, int idle_ms)
{
	static uint8_t buf[4 << 20];

	for (;;) {
		uint64_t bytes;
		uint32_t records;
		int err = inspect_probe_consume(h, buf, sizeof(buf), idle_ms, &bytes, &records);

		if (err)
			return err;
		if (records == 0)
			return 0;
		if (ev_list_add_batch(l, buf, bytes))
			return -1;
	}
}

void ev_list_free(struct ev_list *l)
{
	for (size_t i = 0; i < l->n_batches; i++)
		free(l->batches[i]);
	free(l->batches);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int64_t ev_i64(const struct ev *e, int i)
{
	int64_t v = 0;

	if ((uint32_t)i < e->nparams && e->plen[i] == 8)
		memcpy(&v, e->pval[i], 8);
	return v;
}

uint32_t ev_u32(const struct ev *e, int i)
{
	uint32_t v = 0;

	if ((uint32_t)i < e->nparams && e->plen[i] == 4)
		memcpy(&v, e->pval[i], 4);
	return v;
}

uint16_t ev_u16(const struct ev *e, int i)
{
	uint16_t v = 0;

	if ((uint32_t)i < e->nparams && e->plen[i] == 2)
		memcpy(&v, e->pval[i], 2);
	return v;
}

uint8_t ev_u8(const struct ev *e, int i)
{
	return (uint32_t)i < e->nparams && e->plen[i] == 1 ? e->pval[i][0] : 0;
}

const char *ev_str(const struct ev *e, int i)
{
	if ((uint32_t)i >= e->nparams || e->plen[i] == 0 || e->pval[i][e->plen[i] - 1] != 0)
		return "";
	return (const char *)e->pval[i];
}

const struct ev *ev_find(const struct ev_list *l, size_t *from, uint16_t type, uint64_t tid,
			 int str_param, const char *str)
{
	for (size_t i = from ? *from : 0; i < l->n; i++) {
		const struct ev *e = &l->v[i];

		if (e->type != type || (tid && e->tid != tid))
			continue;
		if (str && strcmp(ev_str(e, str_param), str) != 0)
			continue;
		if (from)
			*from = i + 1;
		return e;
	}
	return NULL;
}

const struct ev *ev_prev_same_tid(const struct ev_list *l, const struct ev *x)
{
	for (const struct ev *e = x - 1; e >= l->v; e--)
		if (e->tid == x->tid)
			return e;
	return NULL;
}
