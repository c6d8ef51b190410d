/* SPDX-License-Identifier: Apache-2.0 */
/*
 * inspect_probe_shared.h: every struct and constant that crosses a boundary.
 *
 *   BPF probe  <->  shim (libinspectprobe.so)  <->  C# (P/Invoke, StructLayout)
 *
 * Rules for this file:
 *   - fixed-width types only, explicit reserved fields instead of implicit padding;
 *   - every struct has a static size assertion (and the shim exports sizes and
 *     offsets through inspect_probe_struct_size()/inspect_probe_struct_offset()
 *     so the C# mirror can be checked by a test);
 *   - append-only: a field is never moved or retyped; a change of meaning bumps
 *     INSPECT_PROBE_API_VERSION_* (structs/functions) or
 *     INSPECT_PROBE_SCHEMA_VERSION_* (the bytes of emitted events).
 *
 * It is included by the BPF program (after vmlinux.h) and by user-space C.
 */
#ifndef INSPECT_PROBE_SHARED_H
#define INSPECT_PROBE_SHARED_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

/* ------------------------------------------------------------------------ */
/* Versions. native/API_VERSION and native/SCHEMA_VERSION hold the same      */
/* numbers; the Makefile refuses to build when they disagree.               */
/* ------------------------------------------------------------------------ */

#define INSPECT_PROBE_API_VERSION_MAJOR 1
#define INSPECT_PROBE_API_VERSION_MINOR 0
#define INSPECT_PROBE_API_VERSION_PATCH 0

#define INSPECT_PROBE_SCHEMA_VERSION_MAJOR 1
#define INSPECT_PROBE_SCHEMA_VERSION_MINOR 0
#define INSPECT_PROBE_SCHEMA_VERSION_PATCH 0

/* ------------------------------------------------------------------------ */
/* Limits                                                                   */
/* ------------------------------------------------------------------------ */

/* Largest event the probe emits. An EV_V2 block body is u16 cpu + event,
 * padded to 4, and sysdig 0.29.3 refuses non-LARGE bodies above 65536 bytes,
 * so 64 KiB - 8 always fits. Larger events are dropped and counted in
 * inspect_probe_cpu_stats.n_drops_max_event_size. */
#define INSPECT_MAX_EVENT_SIZE (64u * 1024u - 8u)

/* Default and maximum I/O payload bytes kept per call (BYTEBUF parameters). */
#define INSPECT_SNAPLEN_DEFAULT 80u
#define INSPECT_SNAPLEN_MAX 65000u

/* Default size of each BPF ring buffer (must be a power of two and a
 * multiple of the page size). */
#define INSPECT_RING_SIZE_DEFAULT (8u * 1024u * 1024u)

/* Upper bound on CPUs the probe and the shim handle. */
#define INSPECT_MAX_CPUS 1024u

/* Upper bound on the cgroup v2 depth the targeting walk inspects: a task
 * is targeted when its cgroup or any ancestor up to this depth is. */
#define INSPECT_MAX_CGROUP_DEPTH 32u

/* ------------------------------------------------------------------------ */
/* Capture settings: value of the single-entry BPF array map                */
/* "settings_map"; written by the shim, read by the probe on every event.   */
/* ------------------------------------------------------------------------ */

/* inspect_probe_settings.target_mode bits. With no bit set nothing is
 * captured. */
#define INSPECT_TARGET_ALL (1u << 0)     /* every task on the host */
#define INSPECT_TARGET_PIDS (1u << 1)    /* tgids in map "target_tgids" */
#define INSPECT_TARGET_CGROUPS (1u << 2) /* cgroup v2 ids in "target_cgroups" */

struct inspect_probe_settings {
	__u64 boot_time_ns;  /* Unix-epoch ns at boot; event ts = this + ktime_get_boot_ns() */
	__u32 snaplen;       /* BYTEBUF limit, <= INSPECT_SNAPLEN_MAX */
	__u32 target_mode;   /* INSPECT_TARGET_* bits */
	__u32 cpus_per_ring; /* ring index = cpu / cpus_per_ring */
	__u32 n_rings;       /* number of rings in map "ringbufs" */
};
_Static_assert(sizeof(struct inspect_probe_settings) == 24, "settings layout");

/* ------------------------------------------------------------------------ */
/* Statistics: value of the per-CPU array map "stats_map" (one entry).      */
/* ------------------------------------------------------------------------ */

struct inspect_probe_cpu_stats {
	__u64 n_evts;                 /* events written to a ring */
	__u64 n_drops_buffer;         /* dropped: ring full */
	__u64 n_drops_max_event_size; /* dropped: event > INSPECT_MAX_EVENT_SIZE */
	__u64 n_drops_internal;       /* dropped: missing scratch/ring map entry; 0 unless misconfigured */
};
_Static_assert(sizeof(struct inspect_probe_cpu_stats) == 32, "stats layout");

/* ------------------------------------------------------------------------ */
/* The scap event header the probe writes (scap-format.md section 2.1).     */
/* Packed: 26 bytes, followed by nparams u16 lengths and the values.        */
/* ------------------------------------------------------------------------ */

struct inspect_scap_event_header {
	__u64 ts;      /* ns since the Unix epoch */
	__u64 tid;     /* host-namespace thread id */
	__u32 len;     /* whole event: header + lengths + values */
	__u16 type;    /* PPME_* code (old libs table, < 336) */
	__u32 nparams; /* number of u16 lengths that follow */
} __attribute__((packed));
_Static_assert(sizeof(struct inspect_scap_event_header) == 26, "scap header layout");

/* ------------------------------------------------------------------------ */
/* Record framing of inspect_probe_consume(): the caller's buffer is filled */
/* with records back to back, each one:                                     */
/*   struct inspect_probe_record_header  (16 bytes)                         */
/*   event bytes                         (event_size bytes, a scap event)   */
/*   zero padding                        (up to record_size, multiple of 8) */
/* Records start 8-aligned relative to the buffer start, so the event's u64 */
/* ts is naturally aligned when the buffer is.                              */
/* ------------------------------------------------------------------------ */

#define INSPECT_RECORD_ALIGN 8u

struct inspect_probe_record_header {
	__u32 record_size; /* header + event + padding; multiple of INSPECT_RECORD_ALIGN */
	__u32 event_size;  /* == the event header's len */
	__u16 ring;        /* ring index: write it as the EV_V2 block's cpu_id */
	__u16 flags;       /* reserved, 0 */
	__u32 reserved;    /* 0 */
};
_Static_assert(sizeof(struct inspect_probe_record_header) == 16, "record header layout");

/* ------------------------------------------------------------------------ */
/* Shim structures passed by pointer (C# mirrors them with StructLayout).   */
/* ------------------------------------------------------------------------ */

/* inspect_probe_open() configuration. Zero fields select the defaults. */
struct inspect_probe_config {
	__u32 ring_size_bytes; /* power of two >= 2 pages; 0 = INSPECT_RING_SIZE_DEFAULT */
	__u32 cpus_per_ring;   /* CPUs sharing one ring; 0 or 1 = one ring per CPU */
	__u32 snaplen;         /* 0 = INSPECT_SNAPLEN_DEFAULT */
	__u32 reserved;        /* 0 */
};
_Static_assert(sizeof(struct inspect_probe_config) == 16, "config layout");

/* inspect_probe_check_support() result. */
struct inspect_probe_support {
	__u32 kernel_major;
	__u32 kernel_minor;
	__u32 kernel_patch;
	__u32 has_btf;        /* /sys/kernel/btf/vmlinux readable */
	__u32 has_privileges; /* effective CAP_BPF+CAP_PERFMON or CAP_SYS_ADMIN */
	__u32 has_ringbuf;    /* kernel >= 5.8 */
	__u32 has_tp_btf;     /* kernel >= 5.5 */
	__u32 reserved;
	char kernel_release[64]; /* uname -r, NUL-terminated */
};
_Static_assert(sizeof(struct inspect_probe_support) == 96, "support layout");

/* inspect_probe_get_stats() total and per-CPU rows use inspect_probe_cpu_stats. */

/* ------------------------------------------------------------------------ */
/* Identifiers for inspect_probe_struct_size()/inspect_probe_struct_offset()*/
/* ------------------------------------------------------------------------ */

enum inspect_probe_struct_id {
	INSPECT_STRUCT_SETTINGS = 0,
	INSPECT_STRUCT_CPU_STATS = 1,
	INSPECT_STRUCT_SCAP_EVENT_HEADER = 2,
	INSPECT_STRUCT_RECORD_HEADER = 3,
	INSPECT_STRUCT_CONFIG = 4,
	INSPECT_STRUCT_SUPPORT = 5,
};

/* Field ids: INSPECT_FIELD_<struct>_<field>, numbered per struct in
 * declaration order. */
enum inspect_probe_field_id {
	INSPECT_FIELD_SETTINGS_BOOT_TIME_NS = 0,
	INSPECT_FIELD_SETTINGS_SNAPLEN = 1,
	INSPECT_FIELD_SETTINGS_TARGET_MODE = 2,
	INSPECT_FIELD_SETTINGS_CPUS_PER_RING = 3,
	INSPECT_FIELD_SETTINGS_N_RINGS = 4,

	INSPECT_FIELD_CPU_STATS_N_EVTS = 0,
	INSPECT_FIELD_CPU_STATS_N_DROPS_BUFFER = 1,
	INSPECT_FIELD_CPU_STATS_N_DROPS_MAX_EVENT_SIZE = 2,
	INSPECT_FIELD_CPU_STATS_N_DROPS_INTERNAL = 3,

	INSPECT_FIELD_SCAP_EVENT_HEADER_TS = 0,
	INSPECT_FIELD_SCAP_EVENT_HEADER_TID = 1,
	INSPECT_FIELD_SCAP_EVENT_HEADER_LEN = 2,
	INSPECT_FIELD_SCAP_EVENT_HEADER_TYPE = 3,
	INSPECT_FIELD_SCAP_EVENT_HEADER_NPARAMS = 4,

	INSPECT_FIELD_RECORD_HEADER_RECORD_SIZE = 0,
	INSPECT_FIELD_RECORD_HEADER_EVENT_SIZE = 1,
	INSPECT_FIELD_RECORD_HEADER_RING = 2,
	INSPECT_FIELD_RECORD_HEADER_FLAGS = 3,
	INSPECT_FIELD_RECORD_HEADER_RESERVED = 4,

	INSPECT_FIELD_CONFIG_RING_SIZE_BYTES = 0,
	INSPECT_FIELD_CONFIG_CPUS_PER_RING = 1,
	INSPECT_FIELD_CONFIG_SNAPLEN = 2,
	INSPECT_FIELD_CONFIG_RESERVED = 3,

	INSPECT_FIELD_SUPPORT_KERNEL_MAJOR = 0,
	INSPECT_FIELD_SUPPORT_KERNEL_MINOR = 1,
	INSPECT_FIELD_SUPPORT_KERNEL_PATCH = 2,
	INSPECT_FIELD_SUPPORT_HAS_BTF = 3,
	INSPECT_FIELD_SUPPORT_HAS_PRIVILEGES = 4,
	INSPECT_FIELD_SUPPORT_HAS_RINGBUF = 5,
	INSPECT_FIELD_SUPPORT_HAS_TP_BTF = 6,
	INSPECT_FIELD_SUPPORT_RESERVED = 7,
	INSPECT_FIELD_SUPPORT_KERNEL_RELEASE = 8,
};

/* ------------------------------------------------------------------------ */
/* Event type codes the probe emits: falcosecurity/libs e5c53d64 numbering  */
/* (the table Debian's sysdig 0.29.3 reads). Even = enter, odd = exit.      */
/* ------------------------------------------------------------------------ */

enum inspect_event_type {
	PPME_SYSCALL_OPEN_E = 2,
	PPME_SYSCALL_OPEN_X = 3,
	PPME_SYSCALL_CLOSE_E = 4,
	PPME_SYSCALL_CLOSE_X = 5,
	PPME_SYSCALL_READ_E = 6,
	PPME_SYSCALL_READ_X = 7,
	PPME_SYSCALL_WRITE_E = 8,
	PPME_SYSCALL_WRITE_X = 9,
	PPME_SOCKET_SOCKET_E = 18,
	PPME_SOCKET_SOCKET_X = 19,
	PPME_SOCKET_BIND_E = 20,
	PPME_SOCKET_BIND_X = 21,
	PPME_SOCKET_CONNECT_E = 22,
	PPME_SOCKET_CONNECT_X = 23,
	PPME_SOCKET_LISTEN_E = 24,
	PPME_SOCKET_LISTEN_X = 25,
	PPME_SOCKET_SENDTO_E = 30,
	PPME_SOCKET_SENDTO_X = 31,
	PPME_SOCKET_RECVFROM_E = 34,
	PPME_SOCKET_RECVFROM_X = 35,
	PPME_SOCKET_SENDMSG_E = 48,
	PPME_SOCKET_SENDMSG_X = 49,
	PPME_SOCKET_RECVMSG_E = 52,
	PPME_SOCKET_RECVMSG_X = 53,
	PPME_SYSCALL_CREAT_E = 58,
	PPME_SYSCALL_CREAT_X = 59,
	PPME_SYSCALL_PIPE_E = 60,
	PPME_SYSCALL_PIPE_X = 61,
	PPME_SYSCALL_PREAD_E = 112,
	PPME_SYSCALL_PREAD_X = 113,
	PPME_SYSCALL_PWRITE_E = 114,
	PPME_SYSCALL_PWRITE_X = 115,
	PPME_SYSCALL_READV_E = 116,
	PPME_SYSCALL_READV_X = 117,
	PPME_SYSCALL_WRITEV_E = 118,
	PPME_SYSCALL_WRITEV_X = 119,
	PPME_SYSCALL_DUP_E = 124,
	PPME_SYSCALL_DUP_X = 125,
	PPME_SYSCALL_KILL_E = 128,
	PPME_SYSCALL_KILL_X = 129,
	PPME_SYSCALL_MMAP_E = 160,
	PPME_SYSCALL_MMAP_X = 161,
	PPME_SYSCALL_PTRACE_E = 168,
	PPME_SYSCALL_PTRACE_X = 169,
	PPME_SYSCALL_RENAME_E = 174,
	PPME_SYSCALL_RENAME_X = 175,
	PPME_SYSCALL_RENAMEAT_E = 176,
	PPME_SYSCALL_RENAMEAT_X = 177,
	PPME_PROCEXIT_1_E = 186,
	PPME_SYSCALL_SETUID_E = 198,
	PPME_SYSCALL_SETUID_X = 199,
	PPME_SYSCALL_SETGID_E = 200,
	PPME_SYSCALL_SETGID_X = 201,
	PPME_SYSCALL_CLONE_20_E = 222,
	PPME_SYSCALL_CLONE_20_X = 223,
	PPME_SYSCALL_FORK_20_E = 224,
	PPME_SYSCALL_FORK_20_X = 225,
	PPME_SYSCALL_VFORK_20_E = 226,
	PPME_SYSCALL_VFORK_20_X = 227,
	PPME_SOCKET_ACCEPT_5_E = 246,
	PPME_SOCKET_ACCEPT_5_X = 247,
	PPME_SOCKET_ACCEPT4_5_E = 248,
	PPME_SOCKET_ACCEPT4_5_X = 249,
	PPME_SYSCALL_MKDIR_2_E = 276,
	PPME_SYSCALL_MKDIR_2_X = 277,
	PPME_SYSCALL_EXECVE_19_E = 292,
	PPME_SYSCALL_EXECVE_19_X = 293,
	PPME_SYSCALL_UNLINK_2_E = 300,
	PPME_SYSCALL_UNLINK_2_X = 301,
	PPME_SYSCALL_UNLINKAT_2_E = 302,
	PPME_SYSCALL_UNLINKAT_2_X = 303,
	PPME_SYSCALL_MKDIRAT_E = 304,
	PPME_SYSCALL_MKDIRAT_X = 305,
	PPME_SYSCALL_OPENAT_2_E = 306,
	PPME_SYSCALL_OPENAT_2_X = 307,
	PPME_SYSCALL_FCHMODAT_E = 312,
	PPME_SYSCALL_FCHMODAT_X = 313,
	PPME_SYSCALL_CHMOD_E = 314,
	PPME_SYSCALL_CHMOD_X = 315,
	PPME_SYSCALL_FCHMOD_E = 316,
	PPME_SYSCALL_FCHMOD_X = 317,
	PPME_SYSCALL_RENAMEAT2_E = 318,
	PPME_SYSCALL_RENAMEAT2_X = 319,
	PPME_SYSCALL_OPENAT2_E = 326,
	PPME_SYSCALL_OPENAT2_X = 327,
	PPME_SYSCALL_MPROTECT_E = 328,
	PPME_SYSCALL_MPROTECT_X = 329,
	PPME_SYSCALL_EXECVEAT_E = 330,
	PPME_SYSCALL_EXECVEAT_X = 331,
	PPME_SYSCALL_CLONE3_E = 334,
	PPME_SYSCALL_CLONE3_X = 335,
};

/* One past the highest code sysdig 0.29.3 knows; everything emitted is below. */
#define INSPECT_OLD_EVENT_MAX 336

#endif /* INSPECT_PROBE_SHARED_H */
