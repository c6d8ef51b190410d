/* SPDX-License-Identifier: Apache-2.0 */
/* Versions, error names, diagnostics log, layout export, support check. */
#define _GNU_SOURCE /* vasprintf */
#include "internal.h"

#include <bpf/libbpf.h>
#include <linux/capability.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

const char *inspect_probe_api_version(void)
{
	return INSPECT_PROBE_API_VERSION_STR;
}

const char *inspect_probe_schema_version(void)
{
	return INSPECT_PROBE_SCHEMA_VERSION_STR;
}

const char *inspect_probe_strerror(int err)
{
	switch (err) {
	case INSPECT_PROBE_OK: return "success";
	case INSPECT_PROBE_E_INVAL: return "invalid argument";
	case INSPECT_PROBE_E_NOMEM: return "out of memory";
	case INSPECT_PROBE_E_PERM: return "insufficient privileges (need CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN)";
	case INSPECT_PROBE_E_NO_BTF: return "kernel BTF (/sys/kernel/btf/vmlinux) not available";
	case INSPECT_PROBE_E_KERNEL: return "kernel too old (needs BPF ring buffer and tp_btf, 5.8+)";
	case INSPECT_PROBE_E_LOAD: return "loading the BPF probe failed (see inspect_probe_last_log)";
	case INSPECT_PROBE_E_ATTACH: return "attaching a BPF program failed";
	case INSPECT_PROBE_E_STATE: return "operation not valid in the current state";
	case INSPECT_PROBE_E_NOT_FOUND: return "not found";
	case INSPECT_PROBE_E_SYS: return "system call failed";
	case INSPECT_PROBE_E_BUFFER: return "buffer too small for the next record";
	case INSPECT_PROBE_E_FULL: return "target map full";
	default: return "unknown error";
	}
}

/* ---- diagnostics ------------------------------------------------------ */

/* Per thread: the caller reads what its own failing call produced. */
static __thread char log_buf[16384];
static __thread size_t log_len;

void shim_log_clear(void)
{
	log_len = 0;
	log_buf[0] = 0;
}

/* Keeps the most recent output: when full, the older half is dropped
 * (the end of a verifier log is the part that explains the failure). */
static void log_append_v(const char *fmt, va_list ap)
{
	char *msg = NULL;
	const char *tail;
	size_t len;
	int n = vasprintf(&msg, fmt, ap);

	if (n <= 0) {
		free(msg);
		return;
	}
	if (getenv("INSPECT_PROBE_DEBUG"))
		fputs(msg, stderr);
	/* A message longer than the buffer keeps only its end. */
	len = (size_t)n < sizeof(log_buf) / 2 ? (size_t)n : sizeof(log_buf) / 2;
	tail = msg + n - len;
	if (log_len + len >= sizeof(log_buf)) {
		size_t keep = sizeof(log_buf) / 2 - 1 < log_len ? sizeof(log_buf) / 2 - 1 : log_len;

		memmove(log_buf, log_buf + log_len - keep, keep);
		log_len = keep;
	}
	memcpy(log_buf + log_len, tail, len);
	log_len += len;
	log_buf[log_len] = 0;
	free(msg);
}

void shim_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_append_v(fmt, ap);
	va_end(ap);
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	/* Debug output is the full load trace; warnings include the
	 * verifier log of a rejected program. */
	if (level == LIBBPF_DEBUG && !getenv("INSPECT_PROBE_DEBUG"))
		return 0;
	log_append_v(fmt, ap);
	return 0;
}

void shim_log_install_libbpf(void)
{
	libbpf_set_print(libbpf_print);
}

size_t inspect_probe_last_log(char *buf, size_t cap)
{
	size_t n;

	if (!buf || cap == 0)
		return log_len;
	n = log_len < cap - 1 ? log_len : cap - 1;
	memcpy(buf, log_buf, n);
	buf[n] = 0;
	return n;
}

/* ---- layout export ---------------------------------------------------- */

#define FIELD(id, type, member) case id: return offsetof(type, member)

int64_t inspect_probe_struct_size(int which)
{
	switch (which) {
	case INSPECT_STRUCT_SETTINGS: return sizeof(struct inspect_probe_settings);
	case INSPECT_STRUCT_CPU_STATS: return sizeof(struct inspect_probe_cpu_stats);
	case INSPECT_STRUCT_SCAP_EVENT_HEADER: return sizeof(struct inspect_scap_event_header);
	case INSPECT_STRUCT_RECORD_HEADER: return sizeof(struct inspect_probe_record_header);
	case INSPECT_STRUCT_CONFIG: return sizeof(struct inspect_probe_config);
	case INSPECT_STRUCT_SUPPORT: return sizeof(struct inspect_probe_support);
	default: return -1;
	}
}

int64_t inspect_probe_struct_offset(int which, int field)
{
	switch (which) {
	case INSPECT_STRUCT_SETTINGS:
		switch (field) {
		FIELD(INSPECT_FIELD_SETTINGS_BOOT_TIME_NS, struct inspect_probe_settings, boot_time_ns);
		FIELD(INSPECT_FIELD_SETTINGS_SNAPLEN, struct inspect_probe_settings, snaplen);
		FIELD(INSPECT_FIELD_SETTINGS_TARGET_MODE, struct inspect_probe_settings, target_mode);
		FIELD(INSPECT_FIELD_SETTINGS_CPUS_PER_RING, struct inspect_probe_settings, cpus_per_ring);
		FIELD(INSPECT_FIELD_SETTINGS_N_RINGS, struct inspect_probe_settings, n_rings);
		}
		break;
	case INSPECT_STRUCT_CPU_STATS:
		switch (field) {
		FIELD(INSPECT_FIELD_CPU_STATS_N_EVTS, struct inspect_probe_cpu_stats, n_evts);
		FIELD(INSPECT_FIELD_CPU_STATS_N_DROPS_BUFFER, struct inspect_probe_cpu_stats, n_drops_buffer);
		FIELD(INSPECT_FIELD_CPU_STATS_N_DROPS_MAX_EVENT_SIZE, struct inspect_probe_cpu_stats, n_drops_max_event_size);
		FIELD(INSPECT_FIELD_CPU_STATS_N_DROPS_INTERNAL, struct inspect_probe_cpu_stats, n_drops_internal);
		}
		break;
	case INSPECT_STRUCT_SCAP_EVENT_HEADER:
		switch (field) {
		FIELD(INSPECT_FIELD_SCAP_EVENT_HEADER_TS, struct inspect_scap_event_header, ts);
		FIELD(INSPECT_FIELD_SCAP_EVENT_HEADER_TID, struct inspect_scap_event_header, tid);
		FIELD(INSPECT_FIELD_SCAP_EVENT_HEADER_LEN, struct inspect_scap_event_header, len);
		FIELD(INSPECT_FIELD_SCAP_EVENT_HEADER_TYPE, struct inspect_scap_event_header, type);
		FIELD(INSPECT_FIELD_SCAP_EVENT_HEADER_NPARAMS, struct inspect_scap_event_header, nparams);
		}
		break;
	case INSPECT_STRUCT_RECORD_HEADER:
		switch (field) {
		FIELD(INSPECT_FIELD_RECORD_HEADER_RECORD_SIZE, struct inspect_probe_record_header, record_size);
		FIELD(INSPECT_FIELD_RECORD_HEADER_EVENT_SIZE, struct inspect_probe_record_header, event_size);
		FIELD(INSPECT_FIELD_RECORD_HEADER_RING, struct inspect_probe_record_header, ring);
		FIELD(INSPECT_FIELD_RECORD_HEADER_FLAGS, struct inspect_probe_record_header, flags);
		FIELD(INSPECT_FIELD_RECORD_HEADER_RESERVED, struct inspect_probe_record_header, reserved);
		}
		break;
	case INSPECT_STRUCT_CONFIG:
		switch (field) {
		FIELD(INSPECT_FIELD_CONFIG_RING_SIZE_BYTES, struct inspect_probe_config, ring_size_bytes);
		FIELD(INSPECT_FIELD_CONFIG_CPUS_PER_RING, struct inspect_probe_config, cpus_per_ring);
		FIELD(INSPECT_FIELD_CONFIG_SNAPLEN, struct inspect_probe_config, snaplen);
		FIELD(INSPECT_FIELD_CONFIG_RESERVED, struct inspect_probe_config, reserved);
		}
		break;
	case INSPECT_STRUCT_SUPPORT:
		switch (field) {
		FIELD(INSPECT_FIELD_SUPPORT_KERNEL_MAJOR, struct inspect_probe_support, kernel_major);
		FIELD(INSPECT_FIELD_SUPPORT_KERNEL_MINOR, struct inspect_probe_support, kernel_minor);
		FIELD(INSPECT_FIELD_SUPPORT_KERNEL_PATCH, struct inspect_probe_support, kernel_patch);
		FIELD(INSPECT_FIELD_SUPPORT_HAS_BTF, struct inspect_probe_support, has_btf);
		FIELD(INSPECT_FIELD_SUPPORT_HAS_PRIVILEGES, struct inspect_probe_support, has_privileges);
		FIELD(INSPECT_FIELD_SUPPORT_HAS_RINGBUF, struct inspect_probe_support, has_ringbuf);
		FIELD(INSPECT_FIELD_SUPPORT_HAS_TP_BTF, struct inspect_probe_support, has_tp_btf);
		FIELD(INSPECT_FIELD_SUPPORT_RESERVED, struct inspect_probe_support, reserved);
		FIELD(INSPECT_FIELD_SUPPORT_KERNEL_RELEASE, struct inspect_probe_support, kernel_release);
		}
		break;
	}
	return -1;
}

/* ---- support check ---------------------------------------------------- */

#define CAP_BIT(caps, n) (((caps)[(n) / 32].effective >> ((n) % 32)) & 1u)
#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

static int has_bpf_privileges(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3] = {};

	if (syscall(SYS_capget, &hdr, caps))
		return 0;
	return CAP_BIT(caps, CAP_SYS_ADMIN) || (CAP_BIT(caps, CAP_BPF) && CAP_BIT(caps, CAP_PERFMON));
}

static int kernel_at_least(const struct inspect_probe_support *s, uint32_t maj, uint32_t min)
{
	return s->kernel_major > maj || (s->kernel_major == maj && s->kernel_minor >= min);
}

int inspect_probe_check_support(struct inspect_probe_support *out)
{
	struct utsname u;

	if (!out)
		return INSPECT_PROBE_E_INVAL;
	memset(out, 0, sizeof(*out));
	if (uname(&u) == 0) {
		size_t n = strnlen(u.release, sizeof(out->kernel_release) - 1);

		memcpy(out->kernel_release, u.release, n); /* NUL from the memset */
		sscanf(u.release, "%u.%u.%u", &out->kernel_major, &out->kernel_minor, &out->kernel_patch);
	}
	out->has_btf = access("/sys/kernel/btf/vmlinux", R_OK) == 0;
	out->has_privileges = has_bpf_privileges();
	out->has_ringbuf = kernel_at_least(out, 5, 8);
	out->has_tp_btf = kernel_at_least(out, 5, 5);

	if (!out->has_btf)
		return INSPECT_PROBE_E_NO_BTF;
	if (!out->has_privileges)
		return INSPECT_PROBE_E_PERM;
	if (!out->has_ringbuf || !out->has_tp_btf)
		return INSPECT_PROBE_E_KERNEL;
	return INSPECT_PROBE_OK;
}
