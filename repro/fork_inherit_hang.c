// SPDX-License-Identifier: GPL-2.0
/*
 * fork() children of a task whose special ports and exception ports its
 * other threads keep changing (to receive rights it holds, to dead names,
 * to nothing), while a second thread destroys those ports.  Each child
 * _exit()s at once, after libmach's atfork handlers (fetch_task_self, then
 * task_get_special_port(TASK_BOOTSTRAP_PORT) on the child's own task port,
 * a receive without timeout).  Afterwards the parent is killed; every
 * child must be gone.  Prints the leftover children (state, wchan).
 *
 * cc -I uapi -I libmach/include -o forkinh repro/fork_inherit_hang.c \
 *    -Llibmach -lmach -lpthread
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <mach/mach.h>

static volatile int stop;
static mach_port_t ports[8];

static void *changer(void *arg)
{
	mach_port_t t = mach_task_self();
	unsigned r = 1;

	while (!stop) {
		mach_port_t p = ports[(r = r * 1103515245 + 12345) >> 16 & 7];

		switch (r >> 8 & 3) {
		case 0:
			task_set_special_port(t, 4 + (r >> 20) % 6, p);
			break;
		case 1:
			task_set_exception_ports(t, (r >> 10) | 2, p,
						 1 + (r >> 24) % 3, 4);
			break;
		case 2:
			mach_port_destroy(t, p);
			break;
		default:
			if (!mach_port_allocate(t, MACH_PORT_RIGHT_RECEIVE, &p)) {
				mach_port_insert_right(t, p, p, MACH_MSG_TYPE_MAKE_SEND);
				ports[(r >> 4) & 7] = p;
			}
			break;
		}
	}
	return arg;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 3000;
	pid_t target = fork();

	if (target == 0) {
		pthread_t th[2];

		signal(SIGCHLD, SIG_IGN);
		for (int i = 0; i < 2; i++)
			pthread_create(&th[i], NULL, changer, NULL);
		for (int i = 0; i < rounds; i++)
			if (fork() == 0)
				_exit(0);
		stop = 1;
		for (int i = 0; i < 2; i++)
			pthread_join(th[i], NULL);
		_exit(0);
	}
	waitpid(target, NULL, 0);
	sleep(3);
	{
		char cmd[200];

		snprintf(cmd, sizeof(cmd),
			 "for d in /proc/[0-9]*; do [ \"$(readlink $d/exe)\" = \"$(readlink /proc/%d/exe)\" ] && [ ${d#/proc/} != %d ] && echo leftover ${d#/proc/} $(grep State $d/status) $(cat $d/wchan); done",
			 getpid(), getpid());
		return system(cmd);
	}
}
