/* SPDX-License-Identifier: Apache-2.0 */
#include "scap_file.h"

#include <stdio.h>
#include <string.h>

#define BLOCK_SHB 0x0A0D0D0Au
#define BLOCK_EV_V2 0x216u

static int put(FILE *f, const void *p, size_t n)
{
	return fwrite(p, 1, n, f) == n ? 0 : -1;
}

/* Section header: magic, version 1.2, section length -1 (28 bytes). */
static int write_shb(FILE *f)
{
	uint32_t type = BLOCK_SHB, total = 28, magic = 0x1A2B3C4D;
	uint16_t major = 1, minor = 2;
	int64_t section_len = -1;

	return put(f, &type, 4) || put(f, &total, 4) || put(f, &magic, 4) || put(f, &major, 2) ||
	       put(f, &minor, 2) || put(f, &section_len, 8) || put(f, &total, 4);
}

/* EV_V2: u16 cpu id (our ring index), the event, padding to 4. */
static int write_event(FILE *f, const struct ev *e)
{
	static const uint8_t zeros[4];
	uint32_t type = BLOCK_EV_V2;
	uint32_t body = 2 + e->len;
	uint32_t pad = (4 - body % 4) % 4;
	uint32_t total = 8 + body + pad + 4;

	return put(f, &type, 4) || put(f, &total, 4) || put(f, &e->ring, 2) || put(f, e->raw, e->len) ||
	       put(f, zeros, pad) || put(f, &total, 4);
}

int scap_write_file(const char *path, const struct ev_list *l)
{
	FILE *f = fopen(path, "wb");
	int err;

	if (!f)
		return -1;
	err = write_shb(f);
	for (size_t i = 0; !err && i < l->n; i++)
		err = write_event(f, &l->v[i]);
	if (fclose(f))
		err = -1;
	return err;
}
