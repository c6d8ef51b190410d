/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The Inspect probe: the only compilation unit. Each programs/ header
 * holds the per-syscall programs of one group; they are reached through
 * the dispatchers' tail calls. One object keeps every map shared without
 * link-time map resolution, and gives one skeleton for the shim.
 */
#include "programs/dispatch.bpf.h"
#include "programs/sched.bpf.h"

/* GPL-compatible: bpf_probe_read_user/kernel and friends are GPL-only. */
char LICENSE[] SEC("license") = "Dual MIT/GPL";
