// SPDX-License-Identifier: GPL-2.0
/*
 * Mach semaphores: semaphore_create/destroy through the task port and the
 * trap calls, with XNU's results (osfmk/kern/sync_sema.c, the function
 * named in each test).
 */
#include "msg_util.h"
#include "mach_stats.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <mach/semaphore.h>
#include <mach/sync_policy.h>
#include <mach/task.h>
#include <mach/thread_act.h>
#include <mach/mig.h>
#include <mach/mk_timer.h>
#include "as_user.h"

#define KR_ABORTED		14	/* KERN_ABORTED */
#define KR_INVALID_VALUE	18	/* KERN_INVALID_VALUE */
#define KR_TERMINATED		37	/* KERN_TERMINATED */
#define KR_NOT_WAITING		48	/* KERN_NOT_WAITING */
#define KR_TIMED_OUT		49	/* KERN_OPERATION_TIMED_OUT */

static semaphore_t sem_new(int value)
{
	semaphore_t s = SEMAPHORE_NULL;

	if (semaphore_create(mach_task_self(), &s, SYNC_POLICY_FIFO, value))
		return SEMAPHORE_NULL;
	return s;
}

/* a waiter thread: what it waits on, what it got, who it is */
struct waiter {
	semaphore_t sem;
	kern_return_t kr;
	pid_t tid;
	thread_t thread;
	pthread_t pt;
	volatile int started;
};

static void *waiter_fn(void *arg)
{
	struct waiter *w = arg;

	w->tid = mu_gettid();
	w->thread = mach_thread_self();
	__atomic_store_n(&w->started, 1, __ATOMIC_RELEASE);
	w->kr = semaphore_wait(w->sem);
	return NULL;
}

static int waiter_start(struct waiter *w, semaphore_t sem)
{
	memset(w, 0, sizeof(*w));
	w->sem = sem;
	w->kr = -1;
	if (pthread_create(&w->pt, NULL, waiter_fn, w))
		return -1;
	while (!__atomic_load_n(&w->started, __ATOMIC_ACQUIRE))
		usleep(1000);
	return mu_wait_blocked(w->tid, 2000);
}

/* semaphore_create: XNU checks value >= 0 and the policy mask. */
TEST(create_rejects_negative_value_and_unknown_policy)
{
	semaphore_t s = SEMAPHORE_NULL;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  semaphore_create(mach_task_self(), &s, SYNC_POLICY_FIFO, -1));
	EXPECT_EQ(SEMAPHORE_NULL, s);
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  semaphore_create(mach_task_self(), &s, 0x10, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  semaphore_create(mach_task_self(), &s, SYNC_POLICY_LIFO, 0));
	EXPECT_NE(SEMAPHORE_NULL, s);
	/* the name is a send right */
	EXPECT_EQ(MACH_PORT_TYPE_SEND, mu_type(s));
}

/* semaphore_signal with no waiter preposts: the next wait does not block. */
TEST(signal_preposts_and_initial_value_counts)
{
	semaphore_t s = sem_new(2);
	mach_timespec_t zero = { 0, 0 };

	ASSERT_NE(SEMAPHORE_NULL, s);
	EXPECT_EQ(KERN_SUCCESS, semaphore_timedwait(s, zero));
	EXPECT_EQ(KERN_SUCCESS, semaphore_timedwait(s, zero));
	/* (0, 0) is SEMAPHORE_TIMEOUT_NOBLOCK */
	EXPECT_EQ(KR_TIMED_OUT, semaphore_timedwait(s, zero));
	EXPECT_EQ(KERN_SUCCESS, semaphore_signal(s));
	EXPECT_EQ(KERN_SUCCESS, semaphore_wait(s));
	EXPECT_EQ(KR_TIMED_OUT, semaphore_timedwait(s, zero));
}

struct pingpong {
	semaphore_t a, b;
	int n;
	kern_return_t kr;
};

static void *pong_fn(void *arg)
{
	struct pingpong *p = arg;
	int i;

	for (i = 0; i < p->n; i++) {
		p->kr = semaphore_wait(p->a);
		if (p->kr)
			return NULL;
		p->kr = semaphore_signal(p->b);
		if (p->kr)
			return NULL;
	}
	return NULL;
}

/*
 * Both threads on CPU 0: under QEMU TCG on a busy host a wake-up across
 * vCPUs waits for the host to run the other vCPU's thread (milliseconds),
 * which says nothing about the semaphores.  The waits are bounded (10 s
 * each) so that a lost wake-up fails with the round it happened in
 * instead of hanging the test.
 */
static void pin_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

TEST_TIMEOUT(two_threads_ping_pong_10000_times, 300)
{
	struct pingpong p = { sem_new(0), sem_new(0), 10000, 0 };
	mach_timespec_t bound = { 10, 0 };
	uint64_t start = mu_now_ms();
	pthread_t t;
	int i;

	ASSERT_NE(SEMAPHORE_NULL, p.a);
	ASSERT_NE(SEMAPHORE_NULL, p.b);
	pin_cpu0();
	ASSERT_EQ(0, pthread_create(&t, NULL, pong_fn, &p));
	for (i = 0; i < p.n; i++) {
		kern_return_t kr;

		ASSERT_EQ(KERN_SUCCESS, semaphore_signal(p.a));
		kr = semaphore_timedwait(p.b, bound);
		if (kr != KERN_SUCCESS)
			TH_LOG("round %d", i);
		ASSERT_EQ(KERN_SUCCESS, kr);
	}
	ASSERT_EQ(0, mu_thread_join(t, NULL, 10000));
	EXPECT_EQ(KERN_SUCCESS, p.kr);
	TH_LOG("%d round trips in %llu ms", p.n,
	       (unsigned long long)(mu_now_ms() - start));
}

/* semaphore_wait_signal: signal one, wait on the other, in one call. */
TEST_TIMEOUT(wait_signal_ping_pong_10000_times, 300)
{
	struct pingpong p = { sem_new(0), sem_new(0), 10000, 0 };
	mach_timespec_t bound = { 10, 0 };
	pthread_t t;
	int i;

	ASSERT_NE(SEMAPHORE_NULL, p.a);
	pin_cpu0();
	ASSERT_EQ(0, pthread_create(&t, NULL, pong_fn, &p));
	for (i = 0; i < p.n; i++) {
		kern_return_t kr = semaphore_timedwait_signal(p.b, p.a, bound);

		if (kr != KERN_SUCCESS)
			TH_LOG("round %d", i);
		ASSERT_EQ(KERN_SUCCESS, kr);
	}
	ASSERT_EQ(0, mu_thread_join(t, NULL, 10000));
	EXPECT_EQ(KERN_SUCCESS, p.kr);
}

/* semaphore_timedwait: THREAD_TIMED_OUT is KERN_OPERATION_TIMED_OUT. */
TEST(timedwait_times_out_after_at_least_its_timeout)
{
	semaphore_t s = sem_new(0);
	mach_timespec_t t = { 0, 50 * 1000 * 1000 };
	uint64_t start, ms;

	ASSERT_NE(SEMAPHORE_NULL, s);
	start = mu_now_ms();
	EXPECT_EQ(KR_TIMED_OUT, semaphore_timedwait(s, t));
	ms = mu_now_ms() - start;
	EXPECT_GE(ms, 50);
	EXPECT_LT(ms, 2000);
	/* BAD_MACH_TIMESPEC: KERN_INVALID_VALUE */
	t.tv_nsec = 1000 * 1000 * 1000;
	EXPECT_EQ(KR_INVALID_VALUE, semaphore_timedwait(s, t));
	t.tv_nsec = -1;
	EXPECT_EQ(KR_INVALID_VALUE, semaphore_timedwait(s, t));
}

/* A signal inside the timeout ends a timedwait with KERN_SUCCESS. */
TEST(timedwait_is_woken_by_signal)
{
	struct waiter w;
	semaphore_t s = sem_new(0);

	ASSERT_NE(SEMAPHORE_NULL, s);
	ASSERT_EQ(0, waiter_start(&w, s));
	EXPECT_EQ(KERN_SUCCESS, semaphore_signal(s));
	ASSERT_EQ(0, mu_thread_join(w.pt, NULL, 5000));
	EXPECT_EQ(KERN_SUCCESS, w.kr);
}

/* semaphore_signal_all: every waiter, and no prepost (count stays 0). */
TEST(signal_all_wakes_every_waiter)
{
	struct waiter w[4];
	mach_timespec_t zero = { 0, 0 };
	semaphore_t s = sem_new(0);
	int i;

	ASSERT_NE(SEMAPHORE_NULL, s);
	for (i = 0; i < 4; i++)
		ASSERT_EQ(0, waiter_start(&w[i], s));
	EXPECT_EQ(KERN_SUCCESS, semaphore_signal_all(s));
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(0, mu_thread_join(w[i].pt, NULL, 5000));
		EXPECT_EQ(KERN_SUCCESS, w[i].kr);
	}
	EXPECT_EQ(KR_TIMED_OUT, semaphore_timedwait(s, zero));
	/* with no waiter: KERN_SUCCESS, still no prepost */
	EXPECT_EQ(KERN_SUCCESS, semaphore_signal_all(s));
	EXPECT_EQ(KR_TIMED_OUT, semaphore_timedwait(s, zero));
}

/*
 * semaphore_signal_thread: the named waiter wakes, the other does not; a
 * thread that is not waiting, or no waiter at all, is KERN_NOT_WAITING
 * and nothing is preposted.
 */
TEST(signal_thread_reaches_the_named_waiter)
{
	struct waiter a, b;
	mach_timespec_t zero = { 0, 0 };
	semaphore_t s = sem_new(0);

	ASSERT_NE(SEMAPHORE_NULL, s);
	EXPECT_EQ(KR_NOT_WAITING, semaphore_signal_thread(s, MACH_PORT_NULL));
	EXPECT_EQ(KR_NOT_WAITING, semaphore_signal_thread(s, mach_thread_self()));
	EXPECT_EQ(KR_TIMED_OUT, semaphore_timedwait(s, zero));

	ASSERT_EQ(0, waiter_start(&a, s));
	ASSERT_EQ(0, waiter_start(&b, s));
	/* b queued second: FIFO would wake a; the name picks b */
	EXPECT_EQ(KERN_SUCCESS, semaphore_signal_thread(s, b.thread));
	ASSERT_EQ(0, mu_thread_join(b.pt, NULL, 5000));
	EXPECT_EQ(KERN_SUCCESS, b.kr);
	usleep(50000);
	EXPECT_EQ(-1, a.kr);		/* still waiting */
	/* b has exited: its port no longer converts to a thread */
	EXPECT_EQ(KERN_INVALID_ARGUMENT, semaphore_signal_thread(s, b.thread));
	/* MACH_PORT_NULL: any one waiter */
	EXPECT_EQ(KERN_SUCCESS, semaphore_signal_thread(s, MACH_PORT_NULL));
	ASSERT_EQ(0, mu_thread_join(a.pt, NULL, 5000));
	EXPECT_EQ(KERN_SUCCESS, a.kr);
	/* a name that is not a thread: KERN_INVALID_ARGUMENT */
	EXPECT_EQ(KERN_INVALID_ARGUMENT, semaphore_signal_thread(s, s));
}

/* One wake-up, and which waiter got it: @first queued before @second. */
static int wakes_first(int policy)
{
	struct waiter first, second;
	semaphore_t s = SEMAPHORE_NULL;
	int which = -1;

	if (semaphore_create(mach_task_self(), &s, policy, 0) ||
	    waiter_start(&first, s) || waiter_start(&second, s))
		return -1;
	semaphore_signal(s);
	usleep(100000);
	if (first.kr == KERN_SUCCESS && second.kr == -1)
		which = 1;
	else if (second.kr == KERN_SUCCESS && first.kr == -1)
		which = 2;
	semaphore_signal(s);
	mu_thread_join(first.pt, NULL, 5000);
	mu_thread_join(second.pt, NULL, 5000);
	return which;
}

/* The waitq's order: SYNC_POLICY_FIFO the oldest waiter, LIFO the newest. */
TEST(policy_orders_the_wake_ups)
{
	EXPECT_EQ(1, wakes_first(SYNC_POLICY_FIFO));
	EXPECT_EQ(2, wakes_first(SYNC_POLICY_LIFO));
}

/*
 * semaphore_destroy_internal wakes waiters with THREAD_RESTART, which
 * semaphore_convert_wait_result makes KERN_TERMINATED; later calls on the
 * port see an inactive semaphore: KERN_TERMINATED.
 */
TEST(destroy_wakes_waiters_with_kern_terminated)
{
	struct waiter w[2];
	semaphore_t s = sem_new(0);
	mach_port_name_t copy = s;
	int i;

	ASSERT_NE(SEMAPHORE_NULL, s);
	/* a second uref: semaphore_destroy moves one send right away */
	ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), s,
						   MACH_PORT_RIGHT_SEND, 1));
	for (i = 0; i < 2; i++)
		ASSERT_EQ(0, waiter_start(&w[i], s));
	EXPECT_EQ(KERN_SUCCESS, semaphore_destroy(mach_task_self(), s));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, mu_thread_join(w[i].pt, NULL, 5000));
		EXPECT_EQ(KR_TERMINATED, w[i].kr);
	}
	EXPECT_EQ(1, mu_refs(copy, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(KR_TERMINATED, semaphore_signal(copy));
	EXPECT_EQ(KR_TERMINATED, semaphore_wait(copy));
}

/* port_name_to_semaphore: a name that is no semaphore. */
TEST(names_that_are_not_semaphores)
{
	mach_port_name_t p = mu_port_send(), r = mu_port();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_INVALID_NAME, semaphore_signal(MACH_PORT_NULL));
	EXPECT_EQ(KERN_INVALID_NAME, semaphore_wait(MU_UNUSED_NAME));
	EXPECT_EQ(KERN_INVALID_RIGHT, semaphore_signal(r));
	EXPECT_EQ(KERN_INVALID_CAPABILITY, semaphore_signal(p));
	EXPECT_EQ(KERN_INVALID_CAPABILITY, semaphore_wait(p));
	/* semaphore_destroy of a non-semaphore: KERN_INVALID_ARGUMENT */
	EXPECT_EQ(KERN_INVALID_ARGUMENT, semaphore_destroy(mach_task_self(), p));
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* THREAD_INTERRUPTED is KERN_ABORTED: a signal handler ran. */
TEST(signal_handler_aborts_a_wait)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	struct waiter w;
	semaphore_t s = sem_new(0);

	ASSERT_NE(SEMAPHORE_NULL, s);
	ASSERT_EQ(0, sigaction(SIGUSR1, &sa, NULL));
	ASSERT_EQ(0, waiter_start(&w, s));
	ASSERT_EQ(0, pthread_kill(w.pt, SIGUSR1));
	ASSERT_EQ(0, mu_thread_join(w.pt, NULL, 5000));
	EXPECT_EQ(KR_ABORTED, w.kr);
	/* the semaphore is unharmed: a prepost is taken */
	EXPECT_EQ(KERN_SUCCESS, semaphore_signal(s));
	EXPECT_EQ(KERN_SUCCESS, semaphore_wait(s));
}

/* a child that waits on the semaphore planted under MU_CHILD_NAME */
static int child_waits(void *arg, int rd, int wr)
{
	uint32_t go;

	(void)arg;
	(void)mach_task_self();		/* the child has a task from now */
	if (mu_put(wr, 1) || mu_get(rd, &go, 10000))
		return 100;
	return semaphore_wait(MU_CHILD_NAME);
}

/* The port is a send right like any other: another task uses it. */
TEST(semaphore_port_sent_to_another_process_works)
{
	semaphore_t s = sem_new(0);
	struct mu_child c;
	uint32_t v;
	int st;

	ASSERT_NE(SEMAPHORE_NULL, s);
	ASSERT_EQ(0, mu_fork(&c, child_waits, NULL));
	ASSERT_EQ(0, mu_get(c.rd, &v, 10000));
	ASSERT_EQ(KERN_SUCCESS, mu_plant(c.pid, MU_CHILD_NAME, s,
					 MACH_MSG_TYPE_COPY_SEND));
	ASSERT_EQ(0, mu_put(c.wr, 1));
	usleep(100000);
	EXPECT_EQ(0, waitpid(c.pid, &st, WNOHANG));	/* blocked in the wait */
	EXPECT_EQ(KERN_SUCCESS, semaphore_signal(s));
	st = mu_child_wait(&c, 5000);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(KERN_SUCCESS, WEXITSTATUS(st));
}

/* a child that makes a semaphore, plants nothing: the parent takes it */
static int child_creates(void *arg, int rd, int wr)
{
	semaphore_t s = sem_new(0);
	uint32_t go;

	(void)arg;
	if (mu_put(wr, s) || mu_get(rd, &go, 10000))
		return 100;
	return 0;			/* its exit destroys the semaphore */
}

/* semaphore_destroy_all at task termination: waiters get KERN_TERMINATED. */
TEST(creator_exit_destroys_the_semaphore)
{
	mach_port_name_t task = MACH_PORT_NULL, s = MACH_PORT_NULL;
	mach_msg_type_name_t type;
	struct mu_child c;
	struct waiter w;
	uint32_t name;
	int st;

	ASSERT_EQ(0, mu_fork(&c, child_creates, NULL));
	ASSERT_EQ(0, mu_get(c.rd, &name, 10000));
	ASSERT_NE(0, name);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), c.pid, &task));
	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_right(task, name,
			MACH_MSG_TYPE_COPY_SEND, &s, &type));
	ASSERT_EQ(0, waiter_start(&w, s));
	ASSERT_EQ(0, mu_put(c.wr, 1));
	st = mu_child_wait(&c, 5000);
	ASSERT_TRUE(WIFEXITED(st));
	ASSERT_EQ(0, WEXITSTATUS(st));
	ASSERT_EQ(0, mu_thread_join(w.pt, NULL, 5000));
	EXPECT_EQ(KR_TERMINATED, w.kr);
	EXPECT_EQ(KR_TERMINATED, semaphore_signal(s));
}

/*
 * Whether process @pid sleeps in a system call numbered @nr (libmach's
 * Mach calls are ioctls on /dev/mach): /proc/PID/syscall and the state
 * in /proc/PID/stat.
 */
static bool sleeps_in_syscall(pid_t pid, long nr)
{
	char path[64], buf[512], *p;
	size_t n = 0;
	long seen = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	if (fscanf(f, "%ld", &seen) != 1)
		seen = -1;
	fclose(f);
	if (seen != nr)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'S';
}

static bool not_exited(pid_t pid)
{
	int st;

	return waitpid(pid, &st, WNOHANG) == 0;
}

/*
 * A child process blocked in semaphore_wait on s, and its task port.
 * A Mach suspension takes such a waiter out of its sleep to park; it goes
 * back to waiting when resumed, with no KERN_ABORTED (XNU's waiter, in
 * semaphore_wait_internal, just stays blocked while suspended).
 */
FIXTURE(suspended_waiter) {
	semaphore_t s;
	mach_port_name_t task;
	struct mu_child c;
	bool reaped;
};

FIXTURE_SETUP(suspended_waiter)
{
	uint32_t v;

	self->s = sem_new(0);
	ASSERT_NE(SEMAPHORE_NULL, self->s);
	ASSERT_EQ(0, mu_fork(&self->c, child_waits, NULL));
	ASSERT_EQ(0, mu_get(self->c.rd, &v, 10000));
	ASSERT_EQ(KERN_SUCCESS, mu_plant(self->c.pid, MU_CHILD_NAME, self->s,
					 MACH_MSG_TYPE_COPY_SEND));
	ASSERT_EQ(0, mu_put(self->c.wr, 1));
	ASSERT_TRUE(WAIT_UNTIL(sleeps_in_syscall(self->c.pid, SYS_ioctl),
			       5000));
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), self->c.pid,
					     &self->task));
}

FIXTURE_TEARDOWN(suspended_waiter)
{
	if (!self->reaped) {
		while (task_resume(self->task) == KERN_SUCCESS)
			;
		kill(self->c.pid, SIGKILL);
		mu_child_wait(&self->c, 5000);
	}
}

/* A suspension does not end the wait: semaphore_wait_internal does not
 * return while the task is held. */
TEST_F(suspended_waiter, suspension_does_not_end_the_wait)
{
	ASSERT_EQ(KERN_SUCCESS, task_suspend(self->task));
	EXPECT_TRUE(HOLDS_FOR(not_exited(self->c.pid), 50));
}

/* task_resume: the waiter goes back to waiting, no KERN_ABORTED. */
TEST_F(suspended_waiter, resumed_waiter_waits_again)
{
	ASSERT_EQ(KERN_SUCCESS, task_suspend(self->task));
	ASSERT_EQ(KERN_SUCCESS, task_resume(self->task));
	EXPECT_TRUE(WAIT_UNTIL(sleeps_in_syscall(self->c.pid, SYS_ioctl),
			       5000));
	EXPECT_TRUE(HOLDS_FOR(not_exited(self->c.pid), 50));
}

/*
 * A semaphore_signal while the waiter is parked (in a second suspension,
 * of the restarted wait) is not lost: the wait takes it once resumed and
 * returns KERN_SUCCESS (semaphore_signal_internal, semaphore_wait_internal).
 */
TEST_F(suspended_waiter, signal_while_suspended_is_taken_after_resume)
{
	int st;

	ASSERT_EQ(KERN_SUCCESS, task_suspend(self->task));
	ASSERT_EQ(KERN_SUCCESS, task_resume(self->task));
	ASSERT_TRUE(WAIT_UNTIL(sleeps_in_syscall(self->c.pid, SYS_ioctl),
			       5000));
	ASSERT_EQ(KERN_SUCCESS, task_suspend(self->task));
	EXPECT_EQ(KERN_SUCCESS, semaphore_signal(self->s));
	EXPECT_TRUE(HOLDS_FOR(not_exited(self->c.pid), 50));
	ASSERT_EQ(KERN_SUCCESS, task_resume(self->task));
	st = mu_child_wait(&self->c, 5000);
	self->reaped = true;
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(KERN_SUCCESS, WEXITSTATUS(st));
}

/*
 * The port holds the semaphore: when its last send right goes the
 * semaphore and port are freed (semaphore_free).  Counted in debugfs.
 */
TEST(last_send_right_frees_semaphore_and_port)
{
	long sems, ports;
	semaphore_t s;

	/* the MIG reply port exists before the baseline */
	s = sem_new(0);
	ASSERT_NE(SEMAPHORE_NULL, s);
	ASSERT_EQ(KERN_SUCCESS, semaphore_destroy(mach_task_self(), s));
	sems = stat_value("semaphores");
	ports = stat_value("ports");
	ASSERT_LE(0, sems);
	s = sem_new(3);
	ASSERT_NE(SEMAPHORE_NULL, s);
	EXPECT_EQ(sems + 1, stat_value("semaphores"));
	EXPECT_EQ(KERN_SUCCESS, semaphore_destroy(mach_task_self(), s));
	/* semaphore_destroy consumed the only send right */
	EXPECT_EQ(KERN_INVALID_NAME, semaphore_signal(s));
	EXPECT_EQ(sems, stat_value("semaphores"));
	/* a second one, dropped by mach_port_deallocate without destroy */
	s = sem_new(0);
	ASSERT_NE(SEMAPHORE_NULL, s);
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), s));
	EXPECT_EQ(sems, stat_value("semaphores"));
	EXPECT_EQ(ports, stat_value("ports"));
}

/* hammer: signal, wait, timed waits on one name until told to stop */
struct hammer {
	semaphore_t s;
	volatile int stop;
	int bad;
	pthread_t pt;
};

static void *hammer_fn(void *arg)
{
	struct hammer *h = arg;
	mach_timespec_t t = { 0, 1000 * 1000 };
	kern_return_t kr;
	unsigned int i;

	for (i = 0; !h->stop; i++) {
		switch (i % 3) {
		case 0:
			kr = semaphore_signal(h->s);
			break;
		case 1:
			kr = semaphore_timedwait(h->s, t);
			break;
		default:
			kr = semaphore_timedwait_signal(h->s, h->s, t);
			break;
		}
		if (kr != KERN_SUCCESS && kr != KR_TIMED_OUT &&
		    kr != KR_TERMINATED && kr != KERN_INVALID_NAME &&
		    kr != KERN_INVALID_RIGHT) {
			h->bad = kr;
			break;
		}
	}
	return NULL;
}

/*
 * Hostile use: threads signal and wait while the semaphore is destroyed
 * and its name deallocated under them; every answer is one XNU gives
 * (success, timed out, terminated, or a name that is gone), and the
 * counters come back.
 */
TEST(destroy_and_deallocate_under_busy_threads)
{
	struct hammer h[4];
	long sems;
	int round, i;

	sems = stat_value("semaphores");
	for (round = 0; round < 20; round++) {
		semaphore_t s = sem_new(0);

		ASSERT_NE(SEMAPHORE_NULL, s);
		ASSERT_EQ(KERN_SUCCESS, mach_port_mod_refs(mach_task_self(), s,
					MACH_PORT_RIGHT_SEND, 1));
		for (i = 0; i < 4; i++) {
			memset(&h[i], 0, sizeof(h[i]));
			h[i].s = s;
			ASSERT_EQ(0, pthread_create(&h[i].pt, NULL, hammer_fn,
						    &h[i]));
		}
		usleep(20000);
		EXPECT_EQ(KERN_SUCCESS, semaphore_destroy(mach_task_self(), s));
		usleep(5000);
		EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), s));
		usleep(5000);
		for (i = 0; i < 4; i++) {
			h[i].stop = 1;
			ASSERT_EQ(0, mu_thread_join(h[i].pt, NULL, 5000));
			EXPECT_EQ(0, h[i].bad);
		}
	}
	EXPECT_EQ(sems, stat_value("semaphores"));
}

#define USER_MAX_PORTS "/sys/module/mach/parameters/user_max_ports"

static unsigned long max_ports_get(void)
{
	unsigned long v = ~0UL;
	FILE *f = fopen(USER_MAX_PORTS, "r");

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = ~0UL;
		fclose(f);
	}
	return v;
}

static int max_ports_set(unsigned long v)
{
	FILE *f = fopen(USER_MAX_PORTS, "w");
	int ok;

	if (!f)
		return -1;
	ok = fprintf(f, "%lu", v) > 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* As uid 65534: fill the port allowance, then try a semaphore, a timer. */
static int fill_then_create(void *arg)
{
	mach_port_name_t p, last = MACH_PORT_NULL;
	semaphore_t s = SEMAPHORE_NULL;
	int n;

	(void)arg;
	if (mig_get_reply_port() == MACH_PORT_NULL)
		return 9;
	for (n = 0; n < 1000; n++) {
		if (mach_port_allocate(mach_task_self(),
				       MACH_PORT_RIGHT_RECEIVE, &p))
			break;
		last = p;
	}
	if (n == 1000 || last == MACH_PORT_NULL)
		return 10;
	if (semaphore_create(mach_task_self(), &s, SYNC_POLICY_FIFO, 0) !=
	    KERN_NO_SPACE)
		return 11;
	if (mk_timer_create() != MACH_PORT_NULL)
		return 12;
	/* one port freed: one semaphore fits, then nothing */
	if (mach_port_mod_refs(mach_task_self(), last,
			       MACH_PORT_RIGHT_RECEIVE, -1))
		return 13;
	if (semaphore_create(mach_task_self(), &s, SYNC_POLICY_FIFO, 0))
		return 14;
	if (mk_timer_create() != MACH_PORT_NULL)
		return 15;
	/* the semaphore's port freed: a timer fits */
	if (semaphore_destroy(mach_task_self(), s))
		return 16;
	if (mk_timer_create() == MACH_PORT_NULL)
		return 17;
	return 0;
}

/*
 * Semaphores and timers are ports: they count against user_max_ports
 * (limits.c), KERN_NO_SPACE beyond it, MACH_PORT_NULL from mk_timer_create.
 */
TEST(semaphores_and_timers_count_against_the_port_limit)
{
	unsigned long saved = max_ports_get();
	int st;

	ASSERT_NE(~0UL, saved);
	ASSERT_EQ(0, max_ports_set(64));
	st = as_user_run(AS_USER_NOBODY, fill_then_create, NULL);
	max_ports_set(saved);
	EXPECT_EQ(0, st);
}

TEST_HARNESS_MAIN
