// SPDX-License-Identifier: GPL-2.0
/*
 * unit-costs: what the floors of issue 19's missed targets are made of,
 * measured in the VM where mpmm-bench runs (Documentation/performance.rst,
 * "Floors").  Everything on CPU 0, as mpmm-bench's one-CPU workloads:
 *
 *   syscall      getppid()
 *   pipe64/256   write() + read() of 64 / 256 bytes on one pipe, one process
 *                (a pipe stream that never blocks: what a one-way stream's
 *                Mach/pipe ratio is divided by when the pipe never fills)
 *   switch       one context switch between two processes: a one-byte
 *                ping-pong over two pipes, the round trip less its four
 *                pipe calls, halved
 *   map1p/map2p  a fresh private anonymous region of one / two pages,
 *                MAP_POPULATE, 256 B / 8 KiB written, unmapped: what an
 *                out-of-line region costs its receiver (mapped at receive,
 *                vm_deallocate'd after), whoever implements it
 *   mapnop       mmap() + munmap() of one page, never touched
 *
 * It needs nothing of Mach: the numbers are the kernel's and the emulator's.
 * usage: unit-costs [-n ITER] [-r ROUNDS]   (median of the rounds, in µs)
 */
#define _GNU_SOURCE
#include <err.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long iters = 20000;
static char buf[8192];

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static void pin_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		err(1, "sched_setaffinity");
}

static double t_syscall(void)
{
	double t = now_us();

	for (long i = 0; i < iters; i++)
		getppid();
	return (now_us() - t) / iters;
}

static double t_pipe(size_t len)
{
	int p[2];
	double t;

	if (pipe(p))
		err(1, "pipe");
	t = now_us();
	for (long i = 0; i < iters; i++) {
		if (write(p[1], buf, len) != (ssize_t)len ||
		    read(p[0], buf, len) != (ssize_t)len)
			err(1, "pipe I/O");
	}
	t = (now_us() - t) / iters;
	close(p[0]);
	close(p[1]);
	return t;
}

/* one-byte ping-pong between two processes on CPU 0: two switches a trip */
static double t_roundtrip(void)
{
	int ab[2], ba[2];
	long n = iters / 4;
	double t;
	pid_t pid;
	char c = 0;

	if (pipe(ab) || pipe(ba))
		err(1, "pipe");
	pid = fork();
	if (pid < 0)
		err(1, "fork");
	if (!pid) {
		for (long i = 0; i < n; i++)
			if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	t = now_us();
	for (long i = 0; i < n; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			err(1, "ping-pong");
	t = (now_us() - t) / n;
	waitpid(pid, NULL, 0);
	close(ab[0]);
	close(ab[1]);
	close(ba[0]);
	close(ba[1]);
	return t;
}

static double t_map(size_t pages, size_t bytes, int populate)
{
	size_t len = pages * 4096;
	long n = iters / 4;
	double t = now_us();

	for (long i = 0; i < n; i++) {
		char *a = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS |
			       (populate ? MAP_POPULATE : 0), -1, 0);

		if (a == MAP_FAILED)
			err(1, "mmap");
		if (bytes)
			memcpy(a, buf, bytes);
		munmap(a, len);
	}
	return (now_us() - t) / n;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

enum { SYSCALL, PIPE64, PIPE256, RTT, MAP1, MAP2, MAPNOP, NCOST };
static const char *const names[NCOST] = {
	"syscall", "pipe64", "pipe256", "roundtrip", "map1p", "map2p", "mapnop",
};

int main(int argc, char **argv)
{
	double v[NCOST][64], med[NCOST], sw;
	int rounds = 5, opt;

	while ((opt = getopt(argc, argv, "n:r:")) != -1) {
		if (opt == 'n')
			iters = atol(optarg);
		else if (opt == 'r')
			rounds = atoi(optarg);
		else
			errx(2, "usage: unit-costs [-n ITER] [-r ROUNDS]");
	}
	if (iters < 4 || rounds < 1 || rounds > 64)
		errx(2, "-n at least 4, -r 1..64");
	pin_cpu0();
	memset(buf, 0x5a, sizeof(buf));
	for (int r = 0; r < rounds; r++) {
		v[SYSCALL][r] = t_syscall();
		v[PIPE64][r] = t_pipe(64);
		v[PIPE256][r] = t_pipe(256);
		v[RTT][r] = t_roundtrip();
		v[MAP1][r] = t_map(1, 256, 1);
		v[MAP2][r] = t_map(2, 8192, 1);
		v[MAPNOP][r] = t_map(1, 0, 0);
	}
	printf("unit-costs: -n %ld -r %d, CPU 0, median (min-max) in us\n",
	       iters, rounds);
	for (int c = 0; c < NCOST; c++) {
		qsort(v[c], rounds, sizeof(double), cmp);
		med[c] = v[c][rounds / 2];
		printf("  %-10s %9.2f (%.2f-%.2f)\n", names[c], med[c], v[c][0],
		       v[c][rounds - 1]);
	}
	/* a round trip is two switches and four one-byte pipe calls */
	sw = (med[RTT] - 2 * med[PIPE64]) / 2;
	printf("  %-10s %9.2f (derived: (roundtrip - 2 x pipe64) / 2)\n",
	       "switch", sw);
	printf("DATA units %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f\n",
	       med[SYSCALL], med[PIPE64], med[PIPE256], med[RTT], sw, med[MAP1],
	       med[MAP2], med[MAPNOP]);
	return 0;
}
