// A syscall-heavy workload for the capture benchmark: small reads and writes, then a loopback TCP request loop.
//
//   workload IO_ITERATIONS REQUESTS
//
// Prints the elapsed wall time and the number of syscalls it made (two per I/O iteration, four per request).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MESSAGE 64

static int listener;
static long requests;

static void die(const char *what)
{
	perror(what);
	exit(1);
}

// Echo server: answers each MESSAGE-byte request with the same bytes.
static void *serve(void *arg)
{
	(void)arg;
	int conn = accept(listener, NULL, NULL);
	if (conn < 0)
		die("accept");
	char buf[MESSAGE];
	for (long i = 0; i < requests; i++) {
		if (recv(conn, buf, sizeof buf, MSG_WAITALL) != MESSAGE)
			die("server recv");
		if (send(conn, buf, sizeof buf, 0) != MESSAGE)
			die("server send");
	}
	close(conn);
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: workload IO_ITERATIONS REQUESTS\n");
		return 2;
	}
	long iterations = atol(argv[1]);
	requests = atol(argv[2]);
	double start = now();

	int zero = open("/dev/zero", O_RDONLY);
	int null = open("/dev/null", O_WRONLY);
	if (zero < 0 || null < 0)
		die("open");
	char buf[MESSAGE];
	for (long i = 0; i < iterations; i++) {
		if (read(zero, buf, sizeof buf) != MESSAGE || write(null, buf, sizeof buf) != MESSAGE)
			die("read/write");
	}

	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof addr;
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) || listen(listener, 1) ||
	    getsockname(listener, (struct sockaddr *)&addr, &len))
		die("listen");
	pthread_t server;
	pthread_create(&server, NULL, serve, NULL);
	int client = socket(AF_INET, SOCK_STREAM, 0);
	if (client < 0 || connect(client, (struct sockaddr *)&addr, sizeof addr))
		die("connect");
	int one = 1;
	setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	memset(buf, 'x', sizeof buf);
	for (long i = 0; i < requests; i++) {
		if (send(client, buf, sizeof buf, 0) != MESSAGE || recv(client, buf, sizeof buf, MSG_WAITALL) != MESSAGE)
			die("client");
	}
	pthread_join(server, NULL);
	close(client);

	double elapsed = now() - start;
	long syscalls = 2 * iterations + 4 * requests;
	printf("elapsed %.3f syscalls %ld rate %.0f\n", elapsed, syscalls, (double)syscalls / elapsed);
	return 0;
}
