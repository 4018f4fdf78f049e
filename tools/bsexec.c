// SPDX-License-Identifier: GPL-2.0
/*
 * bsexec PID COMMAND [ARG...]: run COMMAND in PID's bootstrap namespace,
 * as launchctl bsexec does: task_for_pid(PID) (so the same permission as
 * task_for_pid: root, or the same credentials as PID), that task's
 * bootstrap special port becomes ours, and exec keeps special ports, so
 * COMMAND starts with it as bootstrap_port.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_error.h>

int main(int argc, char **argv)
{
	mach_port_t task, bp = MACH_PORT_NULL;
	kern_return_t kr;
	char *end;
	long pid;

	if (argc < 3 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fprintf(argc < 3 ? stderr : stdout,
			"usage: bsexec PID COMMAND [ARG...]\n"
			"Run COMMAND with PID's bootstrap port.\n");
		return argc < 3 ? 2 : 0;
	}
	pid = strtol(argv[1], &end, 10);
	if (*end || pid <= 0 || pid > 0x7fffffff) {
		fprintf(stderr, "bsexec: bad pid '%s'\n", argv[1]);
		return 2;
	}
	kr = task_for_pid(mach_task_self(), (int)pid, &task);
	if (kr) {
		fprintf(stderr, "bsexec: task_for_pid(%ld): %s\n", pid,
			mach_error_string(kr));
		return 1;
	}
	kr = task_get_bootstrap_port(task, &bp);
	if (kr) {
		fprintf(stderr, "bsexec: task_get_bootstrap_port(%ld): %s\n",
			pid, mach_error_string(kr));
		return 1;
	}
	if (!MACH_PORT_VALID(bp)) {
		fprintf(stderr, "bsexec: process %ld has no bootstrap port\n", pid);
		return 1;
	}
	kr = task_set_bootstrap_port(mach_task_self(), bp);
	if (kr) {
		fprintf(stderr, "bsexec: task_set_bootstrap_port: %s\n",
			mach_error_string(kr));
		return 1;
	}
	execvp(argv[2], argv + 2);
	fprintf(stderr, "bsexec: %s: %s\n", argv[2], strerror(errno));
	return 127;
}
