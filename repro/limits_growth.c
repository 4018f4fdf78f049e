// SPDX-License-Identifier: GPL-2.0
/*
 * How far one unprivileged user can make the module allocate through the
 * kernel objects that are not plain ports: semaphores, mk_timers, memory
 * entries, suspension tokens (task_suspend2 on a child), port fds.  For
 * each: create until refused (at most LIMIT), print how many and the
 * code, and the slab growth (/proc/meminfo Slab).  Run as uid 65534 with
 * user_max_ports at its default: every one of these is a port and should
 * stop at user_max_ports (KERN_NO_SPACE / KERN_RESOURCE_SHORTAGE).
 *
 * cc -I uapi -I libmach/include -o limits repro/limits_growth.c -Llibmach -lmach
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <linux/mach_dev.h>
#include <mach/mach.h>
#include <mach/semaphore.h>
#include <mach/mk_timer.h>
#include <mach/vm_map.h>

#define LIMIT 300000

static long slab_kb(void)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "Slab: %ld kB", &v) == 1)
			break;
	if (f)
		fclose(f);
	return v;
}

static void report(const char *what, long n, int code, long before)
{
	printf("%-28s %7ld made, stopped with %#x, slab +%ld kB\n", what, n, code,
	       slab_kb() - before);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	mach_port_t task = mach_task_self();
	static char page[4096] __attribute__((aligned(4096)));
	long n, s0;
	kern_return_t kr = 0;
	struct rlimit rl = { 1 << 20, 1 << 20 };
	pid_t child;
	mach_port_t ct;

	setrlimit(RLIMIT_NOFILE, &rl);
	s0 = slab_kb();
	for (n = 0; n < LIMIT; n++) {
		semaphore_t s;

		kr = semaphore_create(task, &s, 0, 0);
		if (kr)
			break;
	}
	report("semaphores", n, kr, s0);

	s0 = slab_kb();
	for (n = 0; n < LIMIT; n++)
		if (!mk_timer_create())
			break;
	report("mk_timers", n, -1, s0);

	s0 = slab_kb();
	for (n = 0; n < LIMIT; n++) {
		memory_object_size_t sz = 4096;
		mach_port_t e;

		kr = mach_make_memory_entry_64(task, &sz, (uint64_t)page, VM_PROT_READ, &e, 0);
		if (kr)
			break;
	}
	report("memory entries", n, kr, s0);

	child = fork();
	if (!child) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			pause();
	}
	s0 = slab_kb();
	kr = task_for_pid(task, child, &ct);
	for (n = 0; !kr && n < LIMIT; n++) {
		task_suspension_token_t tok;

		kr = task_suspend2(ct, &tok);
		if (kr)
			break;
	}
	report("task_suspend2 tokens", n, kr, s0);
	kill(child, SIGKILL);

	s0 = slab_kb();
	{
		mach_port_t p;
		struct mach_port_fd_args a = { 0 };
		int fd = open("/dev/mach", O_RDWR);

		mach_port_allocate(task, MACH_PORT_RIGHT_RECEIVE, &p);
		for (n = 0; n < LIMIT; n++) {
			a.name = p;
			a.kr = 0;
			if (ioctl(fd, MACH_IOC_PORT_FD, &a) || a.kr)
				break;
		}
		report("port fds of one port", n, a.kr, s0);
	}
	(void)argc; (void)argv;
	return 0;
}
