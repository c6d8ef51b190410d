/* SPDX-License-Identifier: Apache-2.0 */
/* Minimal .scap writer (SHB + EV_V2 blocks) for checking events with an
 * independent reader, Debian's sysdig. */
#ifndef INSPECT_TEST_SCAP_FILE_H
#define INSPECT_TEST_SCAP_FILE_H

#include "events.h"

/* Writes every event of `l` to `path`. Returns 0 or -1. */
int scap_write_file(const char *path, const struct ev_list *l);

#endif
