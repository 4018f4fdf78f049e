// SPDX-License-Identifier: GPL-2.0
/*
 * The parent forks a child and at once takes its task port
 * (task_for_pid), its threads (task_threads) and a suspension
 * (task_suspend2, resumed 1 ms later, or the token dropped), while the
 * child is still in fork(): in libmach's atfork handlers, whose bootstrap
 * RPC (task_get_special_port on the child's own task port, no timeout)
 * makes the child's Mach task.  A child that got out of fork() renames
 * itself "forked-ok"; one that did not within 500 ms is stuck (mach-fuzz
 * finds such children in mk_mqueue_rcv_find and in mk_park_fn).  Prints
 * the stuck ones (state, wchan) and machstat's holds, then kills all.
 *
 * cc -I uapi -I libmach/include -o forktfp repro/fork_then_task_for_pid.c \
 *    -Llibmach -lmach -lpthread
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <mach/mach.h>

#define N 300

static volatile int stop;

static void *busy(void *arg)
{
	mach_port_t t = mach_task_self(), p;

	while (!stop)
		if (!mach_port_allocate(t, MACH_PORT_RIGHT_RECEIVE, &p))
			mach_port_destroy(t, p);
	return arg;
}

int main(void)
{
	pid_t kids[N];
	pthread_t th[2];
	int stuck = 0;

	prctl(PR_SET_DUMPABLE, 1);
	for (int i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, busy, NULL);
	for (int i = 0; i < N; i++) {
		mach_port_t t = 0;
		thread_act_array_t a;
		mach_msg_type_number_t n;
		task_suspension_token_t tok;

		kids[i] = fork();
		if (kids[i] == 0) {
			prctl(PR_SET_NAME, "forked-ok");
			for (;;)
				pause();
		}
		if (task_for_pid(mach_task_self(), kids[i], &t))
			continue;
		if (!task_threads(t, &a, &n))
			vm_deallocate(mach_task_self(), (vm_address_t)a, n * sizeof(*a));
		if (!task_suspend2(t, &tok)) {
			usleep(1000);
			if (i & 1)
				task_resume2(tok);
			else
				mach_port_deallocate(mach_task_self(), tok);
		}
	}
	stop = 1;
	usleep(500000);
	for (int i = 0; i < N; i++) {
		char path[64], comm[32] = "", line[128], st[64] = "", wchan[64] = "";
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/comm", kids[i]);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(comm, sizeof(comm), f))
				comm[0] = 0;
			fclose(f);
		}
		if (!strncmp(comm, "forked-ok", 9))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/status", kids[i]);
		f = fopen(path, "r");
		while (f && fgets(line, sizeof(line), f))
			if (!strncmp(line, "State:", 6))
				snprintf(st, sizeof(st), "%.*s", (int)strcspn(line + 7, "\n"), line + 7);
		if (f)
			fclose(f);
		snprintf(path, sizeof(path), "/proc/%d/wchan", kids[i]);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(wchan, sizeof(wchan), f))
				wchan[0] = 0;
			fclose(f);
		}
		printf("stuck in fork: pid %d comm %.*s state %s wchan %s\n", kids[i],
		       (int)strcspn(comm, "\n"), comm, st, wchan);
		stuck++;
	}
	printf("%d of %d children stuck\n", stuck, N);
	fflush(stdout);
	system("machstat | grep -E 'tasks|suspen|messages alive'");
	for (int i = 0; i < N; i++)
		kill(kids[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	return 0;
}
