// SPDX-License-Identifier: GPL-2.0
/*
 * fork() in a task that another process task_suspend()s and
 * task_resume()s (or task_suspend2()s) concurrently, while the task's
 * other threads make Mach calls.  Every child _exit()s at once (libmach's
 * atfork handlers run first: fetch_task_self, then the bootstrap port,
 * an RPC on the child's own task port).  Afterwards every process of
 * this program is killed but the children, which must all be gone: none
 * left stopped (T, in mk_park_fn) with a hold nobody can release, none
 * left sleeping in mk_mqueue_rcv_find waiting for a reply that never
 * comes, and the module's counters (machstat) back to what they were.
 *
 * cc -I uapi -I libmach/include -o forksusp repro/fork_while_suspended.c \
 *    -Llibmach -lmach -lpthread
 * Run as root and as an unprivileged uid; prints the leftover children.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <mach/mach.h>

static volatile int stop;

static void *busy(void *arg)
{
	mach_port_t t = mach_task_self(), p;
	integer_t info[64];
	mach_msg_type_number_t n;

	while (!stop) {
		n = 64;
		task_info(t, 20 /* TASK_BASIC_INFO_64 */, info, &n);
		if (!mach_port_allocate(t, MACH_PORT_RIGHT_RECEIVE, &p))
			mach_port_destroy(t, p);
	}
	return arg;
}

static int leftovers(const char *self_exe)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	while ((e = readdir(d))) {
		char path[300], exe[300] = "", line[256];
		ssize_t len;
		FILE *f;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/exe", e->d_name);
		len = readlink(path, exe, sizeof(exe) - 1);
		if (len <= 0)
			continue;
		exe[len] = 0;
		if (strcmp(exe, self_exe) || atoi(e->d_name) == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
		f = fopen(path, "r");
		printf("leftover pid %s:", e->d_name);
		while (f && fgets(line, sizeof(line), f))
			if (!strncmp(line, "State", 5) || !strncmp(line, "PPid", 4))
				printf(" %.*s", (int)strcspn(line, "\n"), line);
		if (f)
			fclose(f);
		snprintf(path, sizeof(path), "/proc/%s/wchan", e->d_name);
		f = fopen(path, "r");
		if (f && fgets(line, sizeof(line), f))
			printf(" wchan %s", line);
		if (f)
			fclose(f);
		printf("\n");
		n++;
	}
	closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 2000;
	char self_exe[300];
	ssize_t len = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	pid_t target, suspender;
	int st;

	self_exe[len > 0 ? len : 0] = 0;
	target = fork();
	if (target == 0) {
		pthread_t th[2];

		prctl(PR_SET_DUMPABLE, 1);
		signal(SIGCHLD, SIG_IGN);
		for (int i = 0; i < 2; i++)
			pthread_create(&th[i], NULL, busy, NULL);
		for (int i = 0; i < rounds; i++) {
			pid_t c = fork();

			if (c == 0)
				_exit(0);
		}
		stop = 1;
		for (int i = 0; i < 2; i++)
			pthread_join(th[i], NULL);
		pause();
		_exit(0);
	}
	suspender = fork();
	if (suspender == 0) {
		mach_port_t t;
		task_suspension_token_t tok;

		usleep(100000);
		if (task_for_pid(mach_task_self(), target, &t)) {
			printf("task_for_pid failed\n");
			_exit(1);
		}
		for (int i = 0;; i++) {
			if (i & 1) {
				if (!task_suspend(t)) {
					usleep(200);
					task_resume(t);
				}
			} else if (!task_suspend2(t, &tok)) {
				usleep(200);
				task_resume2(tok);
			}
		}
	}
	sleep(argc > 2 ? atoi(argv[2]) : 10);
	kill(suspender, SIGKILL);
	kill(target, SIGKILL);
	waitpid(suspender, &st, 0);
	waitpid(target, &st, 0);
	sleep(3);
	printf("%d leftover children\n", leftovers(self_exe));
	return 0;
}
