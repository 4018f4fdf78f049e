// SPDX-License-Identifier: GPL-2.0
/*
 * A suspender killed while task_suspend()/task_suspend2() waits for its
 * target's threads to stop.  The target sits in a Mach receive with no
 * timeout (its thread does not return to user mode, so it cannot park at
 * once); the helper task_for_pid()s it and calls task_suspend (argv[1]
 * "1") or task_suspend2 ("2"), and is SIGKILLed 200 ms later.  The hold
 * must go with the helper: afterwards machstat must show "suspended tasks
 * 0, holds 0" (before the target is killed), and the target must run
 * (it answers a message).
 *
 * cc -I uapi -I libmach/include -o suspkill repro/suspender_killed.c -Llibmach -lmach
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <mach/mach.h>

int main(int argc, char **argv)
{
	int how = argc > 1 ? atoi(argv[1]) : 1;
	int pfd[2];
	pid_t target, helper;

	pipe(pfd);
	target = fork();
	if (target == 0) {
		mach_port_t p;
		struct { mach_msg_header_t h; char b[64]; } m;

		prctl(PR_SET_DUMPABLE, 1);
		mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p);
		write(pfd[1], "x", 1);
		mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), p, 0, MACH_PORT_NULL);
		_exit(0);
	}
	{ char c; read(pfd[0], &c, 1); }
	usleep(100000);
	helper = fork();
	if (helper == 0) {
		mach_port_t t;
		task_suspension_token_t tok;
		kern_return_t kr;

		if (task_for_pid(mach_task_self(), target, &t))
			_exit(1);
		kr = how == 2 ? task_suspend2(t, &tok) : task_suspend(t);
		printf("helper: suspend returned %#x (not killed in time)\n", kr);
		pause();
		_exit(0);
	}
	usleep(200000);
	kill(helper, SIGKILL);
	waitpid(helper, NULL, 0);
	sleep(1);
	printf("target %d after the helper's death:\n", target);
	fflush(stdout);
	system("machstat | grep -E 'tasks|suspen'");
	{
		char cmd[64];

		snprintf(cmd, sizeof(cmd), "grep State /proc/%d/status", target);
		system(cmd);
	}
	kill(target, SIGKILL);
	waitpid(target, NULL, 0);
	return 0;
}
