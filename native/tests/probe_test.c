/* SPDX-License-Identifier: Apache-2.0 */
/*
 * End-to-end tests of libinspectprobe on the running kernel: known
 * syscalls are performed by targeted and untargeted tasks, the consumed
 * events are checked field by field, and (when sysdig is installed) the
 * events are written to a .scap file and read back by sysdig 0.29.3.
 *
 * Needs root and kernel BTF; prints a SKIP line and exits 0 otherwise.
 * Ends with the line "N passed, N failed".
 */
#define _GNU_SOURCE
#include "events.h"
#include "scap_file.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mntent.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- a minimal harness ------------------------------------------------ */

static int n_passed, n_failed;
static const char *current_test;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		n_passed++;
		return;
	}
	n_failed++;
	printf("FAIL [%s] ", current_test);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#define CHECK(cond, ...) check(!!(cond), __VA_ARGS__)

/* PPM values the assertions use (shared header has only event codes). */
#define PPM_O_RDWR 3
#define PPM_O_CREAT (1 << 2)
#define PPM_O_TRUNC (1 << 8)
#define PPM_AF_INET 2
#define PAYLOAD_LEN 100

static inspect_probe *open_probe(void)
{
	inspect_probe *h = NULL;
	char log[4096];
	int err = inspect_probe_open(NULL, &h);

	if (err) {
		inspect_probe_last_log(log, sizeof(log));
		printf("inspect_probe_open: %s\n%s\n", inspect_probe_strerror(err), log);
		exit(1);
	}
	return h;
}

/* Checks every event's framing and that `x` is preceded (for its tid) by
 * its enter event. */
static void check_pair(const struct ev_list *l, const struct ev *x, const char *what)
{
	const struct ev *en;

	CHECK(x != NULL, "%s: exit event missing", what);
	if (!x)
		return;
	en = ev_prev_same_tid(l, x);
	CHECK(en && en->type == x->type - 1, "%s: exit %u not preceded by its enter (got %d)", what,
	      x->type, en ? en->type : -1);
}

static void check_framing(const struct ev_list *l)
{
	size_t bad = 0, unknown = 0;

	for (size_t i = 0; i < l->n; i++) {
		bad += !l->v[i].well_formed;
		unknown += l->v[i].type >= INSPECT_OLD_EVENT_MAX;
	}
	CHECK(l->n > 0, "no events consumed");
	CHECK(bad == 0, "%zu of %zu events have inconsistent lengths", bad, l->n);
	CHECK(unknown == 0, "%zu events use codes sysdig 0.29.3 does not know", unknown);
	for (size_t i = 1; i < l->n; i++)
		if (l->v[i].ts < l->v[i - 1].ts) {
			CHECK(0, "events not in timestamp order at %zu", i);
			break;
		}
}

/* ---- test: layout export ---------------------------------------------- */

static void test_layout(void)
{
	current_test = "layout";
	CHECK(inspect_probe_struct_size(INSPECT_STRUCT_SCAP_EVENT_HEADER) == 26, "scap header size");
	CHECK(inspect_probe_struct_size(INSPECT_STRUCT_RECORD_HEADER) == 16, "record header size");
	CHECK(inspect_probe_struct_offset(INSPECT_STRUCT_SCAP_EVENT_HEADER,
					  INSPECT_FIELD_SCAP_EVENT_HEADER_NPARAMS) == 22,
	      "nparams offset");
	CHECK(inspect_probe_struct_offset(INSPECT_STRUCT_RECORD_HEADER, INSPECT_FIELD_RECORD_HEADER_RING) == 8,
	      "ring offset");
	CHECK(inspect_probe_struct_size(99) == -1, "unknown struct id");
	CHECK(strcmp(inspect_probe_api_version(), "1.0.0") == 0, "api version");
}

/* ---- test: pid targeting ---------------------------------------------- */

struct workload {
	char path[64], path2[64];
	uint8_t payload[PAYLOAD_LEN];
	int fd, cli, srv, acc;
	uint16_t port, cli_port;
	pid_t child, outsider;
	char cwd[256];
};

/* A process forked before targeting: it is not a child of a target at
 * fork time, so nothing it does may be captured. */
static pid_t start_outsider(int *go_fd)
{
	int p[2];
	pid_t pid;

	if (pipe(p))
		exit(1);
	pid = fork();
	if (pid == 0) {
		char c;

		close(p[1]);
		if (read(p[0], &c, 1) == 1) {
			int fd = open("/tmp/inspect-outsider-marker", O_CREAT | O_RDWR, 0600);

			if (fd >= 0)
				close(fd);
			unlink("/tmp/inspect-outsider-marker");
		}
		_exit(0);
	}
	close(p[0]);
	*go_fd = p[1];
	return pid;
}

static void run_file_io(struct workload *w)
{
	uint8_t back[PAYLOAD_LEN];

	for (int i = 0; i < PAYLOAD_LEN; i++)
		w->payload[i] = (uint8_t)('A' + i % 26);
	snprintf(w->path, sizeof(w->path), "/tmp/inspect-test-%d", getpid());
	snprintf(w->path2, sizeof(w->path2), "/tmp/inspect-test-%d.renamed", getpid());
	w->fd = syscall(SYS_openat, AT_FDCWD, w->path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	if (write(w->fd, w->payload, PAYLOAD_LEN) != PAYLOAD_LEN || lseek(w->fd, 0, SEEK_SET) != 0 ||
	    read(w->fd, back, PAYLOAD_LEN) != PAYLOAD_LEN)
		printf("file I/O workload failed: %s\n", strerror(errno));
	close(w->fd);
	syscall(SYS_rename, w->path, w->path2);
	syscall(SYS_unlink, w->path2);
}

static void run_network(struct workload *w)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	char msg[] = "hello over loopback", in[64];

	w->srv = socket(AF_INET, SOCK_STREAM, 0);
	bind(w->srv, (struct sockaddr *)&a, sizeof(a));
	listen(w->srv, 8);
	getsockname(w->srv, (struct sockaddr *)&a, &alen);
	w->port = ntohs(a.sin_port);

	w->cli = socket(AF_INET, SOCK_STREAM, 0);
	connect(w->cli, (struct sockaddr *)&a, sizeof(a));
	alen = sizeof(a);
	getsockname(w->cli, (struct sockaddr *)&a, &alen);
	w->cli_port = ntohs(a.sin_port);
	w->acc = accept(w->srv, NULL, NULL);
	sendto(w->cli, msg, sizeof(msg), 0, NULL, 0);
	recvfrom(w->acc, in, sizeof(in), 0, NULL, NULL);
	close(w->acc);
	close(w->cli);
	close(w->srv);
}

static void run_exec(struct workload *w)
{
	/* On the stack, not in .rodata: the probe cannot fault in user pages,
	 * and the child's stack pages are resident (shared with the parent). */
	char exe[] = "/bin/true";
	char *argv[] = { exe, "inspect-arg1", "arg2", NULL };
	char *envp[] = { "INSPECT_TEST=1", NULL };
	int status;

	w->child = fork();
	if (w->child == 0) {
		execve(exe, argv, envp);
		_exit(127);
	}
	waitpid(w->child, &status, 0);
}

static void check_file_events(const struct ev_list *l, const struct workload *w, uint64_t tid)
{
	const struct ev *x, *en;
	size_t from = 0;

	current_test = "pid/openat";
	x = ev_find(l, &from, PPME_SYSCALL_OPENAT_2_X, tid, 2, w->path);
	check_pair(l, x, "openat");
	if (x) {
		en = ev_prev_same_tid(l, x);
		CHECK(ev_i64(x, 0) == w->fd, "openat fd %lld != %d", (long long)ev_i64(x, 0), w->fd);
		CHECK(ev_i64(x, 1) == -100, "openat dirfd %lld", (long long)ev_i64(x, 1));
		CHECK(ev_u32(x, 3) == (PPM_O_RDWR | PPM_O_CREAT | PPM_O_TRUNC), "openat flags 0x%x", ev_u32(x, 3));
		CHECK(ev_u32(x, 4) == 0600, "openat mode 0%o", ev_u32(x, 4));
		CHECK(en && strcmp(ev_str(en, 1), w->path) == 0, "openat enter name");
	}

	current_test = "pid/write";
	from = 0;
	x = NULL;
	while ((x = ev_find(l, &from, PPME_SYSCALL_WRITE_X, tid, 0, NULL)) && ev_i64(x, 0) != PAYLOAD_LEN)
		;
	check_pair(l, x, "write");
	if (x) {
		en = ev_prev_same_tid(l, x);
		CHECK(en && ev_i64(en, 0) == w->fd, "write enter fd");
		CHECK(en && ev_u32(en, 1) == PAYLOAD_LEN, "write enter size");
		CHECK(x->plen[1] == INSPECT_SNAPLEN_DEFAULT, "write data len %u (snaplen 80)", x->plen[1]);
		CHECK(memcmp(x->pval[1], w->payload, INSPECT_SNAPLEN_DEFAULT) == 0, "write payload bytes");
	}

	current_test = "pid/read";
	from = 0;
	while ((x = ev_find(l, &from, PPME_SYSCALL_READ_X, tid, 0, NULL)) && ev_i64(x, 0) != PAYLOAD_LEN)
		;
	check_pair(l, x, "read");
	if (x) {
		en = ev_prev_same_tid(l, x);
		CHECK(en && ev_i64(en, 0) == w->fd, "read enter fd");
		CHECK(x->plen[1] == INSPECT_SNAPLEN_DEFAULT &&
			      memcmp(x->pval[1], w->payload, INSPECT_SNAPLEN_DEFAULT) == 0,
		      "read payload");
	}

	current_test = "pid/close";
	from = 0;
	x = NULL;
	for (const struct ev *c; (c = ev_find(l, &from, PPME_SYSCALL_CLOSE_X, tid, 0, NULL));) {
		en = ev_prev_same_tid(l, c);
		if (en && en->type == PPME_SYSCALL_CLOSE_E && ev_i64(en, 0) == w->fd) {
			x = c;
			break;
		}
	}
	check_pair(l, x, "close");
	CHECK(x && ev_i64(x, 0) == 0, "close res");

	current_test = "pid/rename";
	x = ev_find(l, NULL, PPME_SYSCALL_RENAME_X, tid, 1, w->path);
	check_pair(l, x, "rename");
	CHECK(x && strcmp(ev_str(x, 2), w->path2) == 0 && ev_i64(x, 0) == 0, "rename newpath/res");

	current_test = "pid/unlink";
	x = ev_find(l, NULL, PPME_SYSCALL_UNLINK_2_X, tid, 1, w->path2);
	check_pair(l, x, "unlink");
	CHECK(x && ev_i64(x, 0) == 0, "unlink res");
}

static void check_tuple(const struct ev *x, int i, uint16_t sport, uint16_t dport, const char *what)
{
	uint8_t want_ip[4] = { 127, 0, 0, 1 };
	const uint8_t *t = (uint32_t)i < x->nparams ? x->pval[i] : NULL;
	uint16_t sp, dp;

	CHECK(t && x->plen[i] == 13 && t[0] == PPM_AF_INET, "%s tuple length %u", what,
	      t ? x->plen[i] : 0);
	if (!t || x->plen[i] != 13)
		return;
	memcpy(&sp, t + 5, 2);
	memcpy(&dp, t + 11, 2);
	CHECK(memcmp(t + 1, want_ip, 4) == 0 && memcmp(t + 7, want_ip, 4) == 0, "%s tuple addresses", what);
	CHECK(sp == sport && dp == dport, "%s tuple ports %u->%u, want %u->%u", what, sp, dp, sport, dport);
}

static void check_net_events(const struct ev_list *l, const struct workload *w, uint64_t tid)
{
	const struct ev *x, *en;
	size_t from = 0;

	current_test = "pid/socket";
	x = ev_find(l, &from, PPME_SOCKET_SOCKET_X, tid, 0, NULL);
	check_pair(l, x, "socket");
	en = x ? ev_prev_same_tid(l, x) : NULL;
	CHECK(en && ev_u32(en, 0) == PPM_AF_INET && ev_u32(en, 1) == SOCK_STREAM, "socket enter domain/type");

	current_test = "pid/connect";
	x = ev_find(l, NULL, PPME_SOCKET_CONNECT_X, tid, 0, NULL);
	check_pair(l, x, "connect");
	if (x) {
		uint16_t port;

		en = ev_prev_same_tid(l, x);
		CHECK(en && ev_i64(en, 0) == w->cli, "connect enter fd");
		CHECK(en && en->plen[1] == 7 && en->pval[1][0] == PPM_AF_INET, "connect sockaddr");
		if (en && en->plen[1] == 7) {
			memcpy(&port, en->pval[1] + 5, 2);
			CHECK(port == w->port, "connect sockaddr port %u != %u", port, w->port);
		}
		CHECK(ev_i64(x, 0) == 0, "connect res");
		check_tuple(x, 1, w->cli_port, w->port, "connect");
	}

	current_test = "pid/accept";
	x = ev_find(l, NULL, PPME_SOCKET_ACCEPT4_5_X, tid, 0, NULL);
	if (!x)
		x = ev_find(l, NULL, PPME_SOCKET_ACCEPT_5_X, tid, 0, NULL);
	check_pair(l, x, "accept");
	if (x) {
		CHECK(ev_i64(x, 0) == w->acc, "accept fd");
		check_tuple(x, 1, w->cli_port, w->port, "accept (inbound: remote first)");
	}

	current_test = "pid/sendto";
	x = ev_find(l, NULL, PPME_SOCKET_SENDTO_X, tid, 0, NULL);
	check_pair(l, x, "sendto");
	if (x) {
		en = ev_prev_same_tid(l, x);
		CHECK(en && ev_i64(en, 0) == w->cli, "sendto enter fd");
		CHECK(x->plen[1] == 20 && memcmp(x->pval[1], "hello over loopback", 20) == 0, "sendto data");
		if (en)
			check_tuple(en, 2, w->cli_port, w->port, "sendto");
	}

	current_test = "pid/recvfrom";
	x = ev_find(l, NULL, PPME_SOCKET_RECVFROM_X, tid, 0, NULL);
	check_pair(l, x, "recvfrom");
	if (x) {
		CHECK(x->plen[1] == 20 && memcmp(x->pval[1], "hello over loopback", 20) == 0, "recvfrom data");
		check_tuple(x, 2, w->cli_port, w->port, "recvfrom (inbound)");
	}
}

static void check_proc_events(const struct ev_list *l, const struct workload *w, uint64_t tid)
{
	const struct ev *x, *en;
	static const char want_args[] = "inspect-arg1\0arg2";

	current_test = "pid/clone";
	x = ev_find(l, NULL, PPME_SYSCALL_CLONE_20_X, tid, 0, NULL);
	check_pair(l, x, "clone (parent)");
	if (x) {
		CHECK(x->nparams == 20, "clone nparams %u", x->nparams);
		CHECK(ev_i64(x, 0) == w->child, "clone parent res %lld != child %d", (long long)ev_i64(x, 0),
		      w->child);
		CHECK(ev_i64(x, 4) == getpid(), "clone parent pid");
		CHECK(strcmp(ev_str(x, 6), w->cwd) == 0, "clone cwd '%s' != '%s'", ev_str(x, 6), w->cwd);
	}
	x = ev_find(l, NULL, PPME_SYSCALL_CLONE_20_X, (uint64_t)w->child, 0, NULL);
	CHECK(x && ev_i64(x, 0) == 0 && ev_i64(x, 3) == w->child && ev_i64(x, 5) == getpid(),
	      "clone child event (res 0, tid child, ptid parent)");

	current_test = "pid/execve";
	x = ev_find(l, NULL, PPME_SYSCALL_EXECVE_19_X, (uint64_t)w->child, 0, NULL);
	check_pair(l, x, "execve");
	if (x) {
		en = ev_prev_same_tid(l, x);
		CHECK(en && strcmp(ev_str(en, 0), "/bin/true") == 0, "execve enter filename '%s' (len %u)",
		      en ? ev_str(en, 0) : "", en ? en->plen[0] : 0);
		CHECK(x->nparams == 20, "execve nparams %u", x->nparams);
		CHECK(ev_i64(x, 0) == 0, "execve res");
		CHECK(strcmp(ev_str(x, 1), "/bin/true") == 0, "execve exe '%s'", ev_str(x, 1));
		CHECK(x->plen[2] == sizeof(want_args) && memcmp(x->pval[2], want_args, sizeof(want_args)) == 0,
		      "execve args (len %u)", x->plen[2]);
		CHECK(ev_i64(x, 3) == w->child && ev_i64(x, 4) == w->child, "execve tid/pid");
		CHECK(strcmp(ev_str(x, 6), w->cwd) == 0, "execve cwd '%s'", ev_str(x, 6));
		CHECK(strcmp(ev_str(x, 13), "true") == 0, "execve comm '%s'", ev_str(x, 13));
		CHECK(x->plen[14] > 0 && memmem(x->pval[14], x->plen[14], "cpu=", 4), "execve cgroups");
		CHECK(x->plen[15] == sizeof("INSPECT_TEST=1") &&
			      memcmp(x->pval[15], "INSPECT_TEST=1", sizeof("INSPECT_TEST=1")) == 0,
		      "execve env");
	}

	current_test = "pid/procexit";
	x = ev_find(l, NULL, PPME_PROCEXIT_1_E, (uint64_t)w->child, 0, NULL);
	CHECK(x && x->nparams == 4 && ev_i64(x, 1) == 0 && ev_u8(x, 2) == 0, "procexit of the child");
}

/* Next to the test binary: native/build/inspect_probe_test.scap. */
static void scap_path(char *out, size_t cap)
{
	ssize_t n = readlink("/proc/self/exe", out, cap - 32);
	char *slash;

	out[n > 0 ? n : 0] = 0;
	slash = strrchr(out, '/');
	strcpy(slash ? slash + 1 : out, "inspect_probe_test.scap");
}

static void check_with_sysdig(const struct ev_list *l, const struct workload *w)
{
	char file[PATH_MAX], cmd[PATH_MAX + 64], line[4096];
	int seen_openat = 0, seen_write = 0, seen_connect = 0, seen_execve = 0, lines = 0;
	FILE *p;

	current_test = "sysdig";
	if (access("/usr/bin/sysdig", X_OK) != 0) {
		printf("SKIP [sysdig] /usr/bin/sysdig not installed\n");
		return;
	}
	scap_path(file, sizeof(file));
	CHECK(scap_write_file(file, l) == 0, "writing %s", file);
	snprintf(cmd, sizeof(cmd), "/usr/bin/sysdig -r %s 2>&1", file);
	p = popen(cmd, "r");
	if (!p) {
		CHECK(0, "running sysdig");
		return;
	}
	while (fgets(line, sizeof(line), p)) {
		lines++;
		seen_openat |= strstr(line, "< openat") && strstr(line, w->path);
		seen_write |= strstr(line, "< write") && strstr(line, "ABCDEFGHIJ");
		seen_connect |= strstr(line, "< connect") && strstr(line, "127.0.0.1:");
		seen_execve |= strstr(line, "< execve") && strstr(line, "exe=/bin/true") &&
			       strstr(line, "inspect-arg1");
	}
	CHECK(pclose(p) == 0, "sysdig exit status");
	CHECK(lines > 0, "sysdig printed nothing");
	CHECK(seen_openat, "sysdig shows openat of %s", w->path);
	CHECK(seen_write, "sysdig shows the write payload");
	CHECK(seen_connect, "sysdig shows the connect tuple");
	CHECK(seen_execve, "sysdig shows execve of /bin/true with its args");
}

static void test_pid_targeting(void)
{
	struct inspect_probe_cpu_stats total;
	struct ev_list l = { 0 };
	struct workload w = { 0 };
	inspect_probe *h = open_probe();
	int go_fd;
	size_t outsider_events = 0;

	current_test = "pid";
	if (!getcwd(w.cwd, sizeof(w.cwd)))
		exit(1);
	w.outsider = start_outsider(&go_fd);
	CHECK(inspect_probe_add_target_pid(h, getpid()) == 0, "add_target_pid");
	CHECK(inspect_probe_attach(h) == 0, "attach");

	run_file_io(&w);
	run_network(&w);
	run_exec(&w);
	if (write(go_fd, "g", 1) == 1)
		waitpid(w.outsider, NULL, 0);
	close(go_fd);

	CHECK(ev_list_drain(&l, h, 300) == 0, "consume");
	inspect_probe_detach(h);

	check_framing(&l);
	check_file_events(&l, &w, (uint64_t)getpid());
	check_net_events(&l, &w, (uint64_t)getpid());
	check_proc_events(&l, &w, (uint64_t)getpid());

	current_test = "pid/outsider";
	for (size_t i = 0; i < l.n; i++)
		outsider_events += l.v[i].tid == (uint64_t)w.outsider;
	CHECK(outsider_events == 0, "%zu events from the untargeted process", outsider_events);

	current_test = "pid/stats";
	CHECK(inspect_probe_get_stats(h, NULL, 0, &total) == 0, "get_stats");
	CHECK(total.n_evts >= l.n, "n_evts %llu < consumed %zu", (unsigned long long)total.n_evts, l.n);
	CHECK(total.n_drops_buffer == 0 && total.n_drops_max_event_size == 0 && total.n_drops_internal == 0,
	      "drops %llu/%llu/%llu", (unsigned long long)total.n_drops_buffer,
	      (unsigned long long)total.n_drops_max_event_size, (unsigned long long)total.n_drops_internal);

	check_with_sysdig(&l, &w);
	ev_list_free(&l);
	inspect_probe_close(h);
}

/* ---- test: snaplen ------------------------------------------------------ */

/* The sizes straddle the probe's fast-path reservations for write exits
 * (16 and 80 payload bytes; larger payloads take the general path): each
 * event must come out exactly as long as its parameters, with the bytes
 * written. */
static void test_snaplen(void)
{
	static const uint32_t snaps[] = { 16, 17, 0, 1, 80, 81, 1000 };
	uint8_t data[PAYLOAD_LEN];
	inspect_probe *h = open_probe();
	int fd = open("/dev/null", O_WRONLY);

	current_test = "snaplen";
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)('a' + i % 26);
	CHECK(inspect_probe_add_target_pid(h, getpid()) == 0, "add_target_pid");
	CHECK(inspect_probe_attach(h) == 0, "attach");
	CHECK(inspect_probe_set_snaplen(h, INSPECT_SNAPLEN_MAX + 1) == INSPECT_PROBE_E_INVAL, "snaplen bound");
	for (size_t i = 0; i < sizeof(snaps) / sizeof(snaps[0]); i++) {
		struct ev_list l = { 0 };
		const struct ev *x = NULL;
		size_t from = 0;
		uint32_t want = snaps[i] < PAYLOAD_LEN ? snaps[i] : PAYLOAD_LEN;

		CHECK(inspect_probe_set_snaplen(h, snaps[i]) == 0, "set_snaplen %u", snaps[i]);
		if (write(fd, data, sizeof(data)) != sizeof(data))
			CHECK(0, "write to /dev/null");
		ev_list_drain(&l, h, 100);
		while ((x = ev_find(&l, &from, PPME_SYSCALL_WRITE_X, getpid(), 0, NULL)) &&
		       ev_i64(x, 0) != PAYLOAD_LEN)
			;
		CHECK(x && x->plen[1] == want, "snaplen %u: data length %u, want %u", snaps[i],
		      x ? x->plen[1] : 0, want);
		CHECK(x && x->well_formed, "snaplen %u: event length %u does not match its parameters", snaps[i],
		      x ? x->len : 0);
		CHECK(x && x->plen[1] == want && memcmp(x->pval[1], data, want) == 0, "snaplen %u: payload bytes",
		      snaps[i]);
		ev_list_free(&l);
	}
	close(fd);
	inspect_probe_close(h);
}

/* ---- test: cgroup targeting ---------------------------------------------- */

static int cgroup2_mount(char *out, size_t cap)
{
	FILE *f = setmntent("/proc/mounts", "r");
	struct mntent *m;
	int found = 0;

	while (f && (m = getmntent(f)))
		if (strcmp(m->mnt_type, "cgroup2") == 0) {
			snprintf(out, cap, "%s", m->mnt_dir);
			found = 1;
			break;
		}
	if (f)
		endmntent(f);
	return found;
}

static void write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, s, strlen(s)) < 0)
		printf("writing %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void test_cgroup_targeting(void)
{
	char mnt[256], parent[320], leaf[340], procs[360], marker[64], other[64];
	struct ev_list l = { 0 };
	inspect_probe *h;
	uint64_t id = 0;
	size_t own_events = 0;
	pid_t child;
	int go[2];

	current_test = "cgroup";
	if (!cgroup2_mount(mnt, sizeof(mnt))) {
		printf("SKIP [cgroup] no cgroup2 mount\n");
		return;
	}
	snprintf(parent, sizeof(parent), "%s/inspect-test-%d", mnt, getpid());
	snprintf(leaf, sizeof(leaf), "%s/leaf", parent);
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", leaf);
	snprintf(marker, sizeof(marker), "/tmp/inspect-cg-marker-%d", getpid());
	snprintf(other, sizeof(other), "/tmp/inspect-cg-other-%d", getpid());
	if (mkdir(parent, 0755) || mkdir(leaf, 0755)) {
		CHECK(0, "creating %s: %s", leaf, strerror(errno));
		return;
	}

	h = open_probe();
	/* Target the parent: the task will live in the leaf below it. */
	CHECK(inspect_probe_add_target_cgroup_path(h, parent, &id) == 0 && id != 0, "add_target_cgroup_path");
	CHECK(inspect_probe_attach(h) == 0, "attach");

	if (pipe(go))
		exit(1);
	child = fork();
	if (child == 0) {
		char c;
		int fd;

		close(go[1]);
		write_file(procs, "0");
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		fd = open(marker, O_CREAT | O_RDWR, 0600);
		if (fd >= 0)
			close(fd);
		_exit(0);
	}
	close(go[0]);
	usleep(100 * 1000); /* let the child move itself into the leaf */
	/* The test process itself is outside the cgroup and not targeted. */
	close(open(other, O_CREAT | O_RDWR, 0600));
	if (write(go[1], "g", 1) != 1)
		CHECK(0, "signal child");
	close(go[1]);
	waitpid(child, NULL, 0);

	ev_list_drain(&l, h, 300);
	inspect_probe_close(h);

	check_framing(&l);
	{
		const struct ev *x = ev_find(&l, NULL, PPME_SYSCALL_OPENAT_2_X, (uint64_t)child, 2, marker);

		check_pair(&l, x, "openat in targeted cgroup");
		CHECK(ev_find(&l, NULL, PPME_PROCEXIT_1_E, (uint64_t)child, 0, NULL), "procexit in cgroup");
	}
	for (size_t i = 0; i < l.n; i++)
		own_events += l.v[i].tid == (uint64_t)getpid();
	CHECK(own_events == 0, "%zu events from the untargeted test process", own_events);
	CHECK(!ev_find(&l, NULL, PPME_SYSCALL_OPENAT_2_X, 0, 2, other), "untargeted open captured");

	ev_list_free(&l);
	unlink(marker);
	unlink(other);
	if (rmdir(leaf) || rmdir(parent))
		printf("warning: could not remove %s: %s\n", parent, strerror(errno));
}

int main(void)
{
	struct inspect_probe_support s;
	int err = inspect_probe_check_support(&s);

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (geteuid() != 0 || err == INSPECT_PROBE_E_PERM) {
		printf("SKIP: inspect_probe tests need root (%s)\n", inspect_probe_strerror(INSPECT_PROBE_E_PERM));
		return 0;
	}
	if (err) {
		printf("SKIP: %s (kernel %s)\n", inspect_probe_strerror(err), s.kernel_release);
		return 0;
	}
	test_layout();
	test_pid_targeting();
	test_snaplen();
	test_cgroup_targeting();
	printf("%d passed, %d failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}
