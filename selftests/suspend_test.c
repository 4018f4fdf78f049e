// SPDX-License-Identifier: GPL-2.0
/*
 * Mach suspension of other processes (DESIGN.md decision 3, issue 5,
 * xnu-semantics.md §1): task_suspend/task_resume and task_suspend2/
 * task_resume2 on CPU-bound, sleeping and multi-threaded targets.
 *
 * What is observed, and how:
 *  - "stopped": every thread of the target shows T in
 *    /proc/PID/task/TID/stat, and a counter the target bumps in MAP_SHARED
 *    memory stays put across a gap;
 *  - "running": the counter moves again;
 *  - the hold count: task_info(TASK_BASIC_INFO_64 / MACH_TASK_BASIC_INFO)
 *    suspend_count, which is XNU's user_stop_count.
 *
 * Timeouts are generous: the VM runs under TCG, a few times slower than
 * hardware, and nothing here should take long when it works.
 */
#include "harness.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_traps.h>
#include <mach/task.h>

/* Anything that should happen does so within this many ms. */
#define WAIT_MS 10000
/* The gap across which a stopped counter must not move. */
#define GAP_MS 300

/* ------------------------------------------------------------------ */
/* Targets */

static void *shared_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("# mmap: %s\n", strerror(errno));
		exit(1);
	}
	return p;
}

/* fork, run @fn(@arg) in the child, never return there */
static pid_t spawn(void (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (pid < 0)
		printf("# fork: %s\n", strerror(errno));
	return pid;
}

static void reap(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

static void spin(void *arg)
{
	volatile uint64_t *c = arg;

	for (;;)
		(*c)++;
}

/* ------------------------------------------------------------------ */
/* What /proc says */

/* The state letters of @pid's threads into @st (room for @max + 1);
 * returns how many, or -1 if the process is gone. */
static int thread_states(pid_t pid, char *st, int max)
{
	char path[300], buf[512];
	struct dirent *de;
	int n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d)) && n < max) {
		ssize_t len;
		char *p;
		int fd;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/stat", pid,
			 de->d_name);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = 0;
		p = strrchr(buf, ')');
		if (!p || p[1] != ' ' || !p[2])
			continue;
		st[n++] = p[2];
	}
	closedir(d);
	st[n] = 0;
	return n;
}

/* At least @min threads, and every one in state @c (or, with @not, none
 * in state @c). */
static bool threads_are(pid_t pid, char c, int min, bool not)
{
	char st[65];
	int n = thread_states(pid, st, 64), i;

	if (n < min)
		return false;
	for (i = 0; i < n; i++)
		if ((st[i] == c) == not)
			return false;
	return true;
}

static bool wait_threads(pid_t pid, char c, int min, bool not, int ms)
{
	char st[65];

	if (WAIT_UNTIL(threads_are(pid, c, min, not), ms))
		return true;
	thread_states(pid, st, 64);
	printf("# pid %d: thread states \"%s\", wanted %s%c (at least %d)\n",
	       pid, st, not ? "no " : "all ", c, min);
	return false;
}

/* All of @pid's threads show T (stopped) within the deadline. */
#define ALL_STOPPED(pid, min) wait_threads(pid, 'T', min, false, WAIT_MS)
/* None of @pid's threads shows T within the deadline. */
#define NONE_STOPPED(pid, min) wait_threads(pid, 'T', min, true, WAIT_MS)

/* ------------------------------------------------------------------ */
/* Counters and flags: WAIT_UNTIL for what must happen (returns as soon as
 * it does), HOLDS_FOR over GAP_MS for what must not (harness.h). */

/* The counter stays put for @gap_ms (checked all along the window). */
static bool counter_frozen(volatile uint64_t *c, int gap_ms)
{
	uint64_t a = *c;

	if (HOLDS_FOR(*c == a, gap_ms))
		return true;
	printf("# counter moved from %llu to %llu within %d ms\n",
	       (unsigned long long)a, (unsigned long long)*c, gap_ms);
	return false;
}

static bool counter_moves(volatile uint64_t *c, int ms)
{
	uint64_t a = *c;

	if (WAIT_UNTIL(*c != a, ms))
		return true;
	printf("# counter stuck at %llu for %d ms\n", (unsigned long long)a, ms);
	return false;
}

static bool wait_flag(volatile int *flag, int ms)
{
	return WAIT_UNTIL(*flag, ms);
}

/* @flag stays clear for @ms (the thing it reports must not happen). */
static bool flag_stays_clear(volatile int *flag, int ms)
{
	return HOLDS_FOR(!*flag, ms);
}

/* ------------------------------------------------------------------ */
/* Mach */

static mach_port_t task_of(pid_t pid)
{
	mach_port_t t = MACH_PORT_NULL;
	kern_return_t kr = task_for_pid(mach_task_self(), pid, &t);

	if (kr != KERN_SUCCESS)
		printf("# task_for_pid(%d): %s (%d)\n", pid,
		       mach_error_string(kr), kr);
	return t;
}

/* suspend_count from TASK_BASIC_INFO_64 (-1000 - kr on error) */
static int suspend_count(mach_port_t task)
{
	struct task_basic_info_64 info;
	mach_msg_type_number_t cnt = TASK_BASIC_INFO_64_COUNT;
	kern_return_t kr;

	kr = task_info(task, TASK_BASIC_INFO_64, (task_info_t)&info, &cnt);
	if (kr != KERN_SUCCESS) {
		printf("# task_info: %s (%d)\n", mach_error_string(kr), kr);
		return -1000 - kr;
	}
	return info.suspend_count;
}

/* suspend_count from MACH_TASK_BASIC_INFO */
static int suspend_count2(mach_port_t task)
{
	struct mach_task_basic_info info;
	mach_msg_type_number_t cnt = MACH_TASK_BASIC_INFO_COUNT;
	kern_return_t kr;

	kr = task_info(task, MACH_TASK_BASIC_INFO, (task_info_t)&info, &cnt);
	if (kr != KERN_SUCCESS) {
		printf("# task_info: %s (%d)\n", mach_error_string(kr), kr);
		return -1000 - kr;
	}
	return info.suspend_count;
}

/*
 * The send right a task_suspend() left in the caller's space (XNU keeps
 * the legacy hold as a naked send right to the task's resume port): the
 * send right in @after's listing that @before lacked.
 */
struct names {
	mach_port_name_t name[256];
	mach_port_type_t type[256];
	unsigned int n;
};

static void names_take(struct names *s)
{
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t n = 0, nt = 0;
	kern_return_t kr;

	s->n = 0;
	kr = mach_port_names(mach_task_self(), &names, &n, &types, &nt);
	if (kr != KERN_SUCCESS) {
		printf("# mach_port_names: %s (%d)\n", mach_error_string(kr), kr);
		return;
	}
	for (s->n = 0; s->n < n && s->n < 256; s->n++) {
		s->name[s->n] = names[s->n];
		s->type[s->n] = types[s->n];
	}
	vm_deallocate(mach_task_self(), (vm_address_t)names,
		      n * sizeof(*names));
	vm_deallocate(mach_task_self(), (vm_address_t)types,
		      nt * sizeof(*types));
}

static mach_port_name_t names_new_send(const struct names *before,
				       const struct names *after)
{
	unsigned int i, j;

	for (i = 0; i < after->n; i++) {
		if (!(after->type[i] & MACH_PORT_TYPE_SEND))
			continue;
		for (j = 0; j < before->n; j++)
			if (before->name[j] == after->name[i])
				break;
		if (j == before->n)
			return after->name[i];
	}
	return MACH_PORT_NULL;
}

static mach_port_urefs_t send_refs(mach_port_name_t name)
{
	mach_port_urefs_t refs = 0;

	if (mach_port_get_refs(mach_task_self(), name, MACH_PORT_RIGHT_SEND,
			       &refs) != KERN_SUCCESS)
		return 0;
	return refs;
}

/* A spinning child, its task port, the counter running. */
struct target {
	volatile uint64_t *c;
	pid_t pid;
	mach_port_t task;
};

static int target_start(struct target *t)
{
	t->c = shared_page();
	t->pid = spawn(spin, (void *)t->c);
	if (t->pid < 0 || !counter_moves(t->c, WAIT_MS))
		return -1;
	t->task = task_of(t->pid);
	return t->task == MACH_PORT_NULL ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* CPU-bound targets */

/*
 * task_suspend returns only once no thread runs user code: the counter is
 * still the moment after, every thread shows T, and the hold count is 1.
 * task_resume lets it run again.
 */
TEST_TIMEOUT(suspend_stops_cpu_bound_task, 120)
{
	struct target t;
	uint64_t at;

	ASSERT_EQ(0, target_start(&t));
	ASSERT_EQ(KERN_SUCCESS, task_suspend(t.task));
	at = *t.c;
	/* synchronous: already parked when the call returns */
	EXPECT_TRUE(threads_are(t.pid, 'T', 1, false));
	EXPECT_TRUE(counter_frozen(t.c, GAP_MS));
	EXPECT_EQ(at, *t.c);
	EXPECT_TRUE(ALL_STOPPED(t.pid, 1));
	EXPECT_EQ(1, suspend_count(t.task));
	EXPECT_EQ(1, suspend_count2(t.task));

	ASSERT_EQ(KERN_SUCCESS, task_resume(t.task));
	EXPECT_TRUE(counter_moves(t.c, WAIT_MS));
	EXPECT_TRUE(NONE_STOPPED(t.pid, 1));
	EXPECT_EQ(0, suspend_count(t.task));
	EXPECT_EQ(0, suspend_count2(t.task));
	reap(t.pid);
}

struct mt {
	volatile uint64_t c[8];
};

static void *mt_spin(void *arg)
{
	spin(arg);
	return NULL;
}

#define MT_THREADS 5

static void mt_main(void *arg)
{
	struct mt *m = arg;
	pthread_t th;
	int i;

	for (i = 1; i < MT_THREADS; i++)
		pthread_create(&th, NULL, mt_spin, (void *)&m->c[i]);
	spin((void *)&m->c[0]);
}

/* Every thread of a multi-threaded target stops, and all run again. */
TEST_TIMEOUT(suspend_stops_every_thread, 120)
{
	struct mt *m = shared_page();
	mach_port_t task;
	uint64_t at[MT_THREADS];
	pid_t pid;
	int i;

	pid = spawn(mt_main, m);
	ASSERT_GT(pid, 0);
	for (i = 0; i < MT_THREADS; i++)
		ASSERT_TRUE(counter_moves(&m->c[i], WAIT_MS));
	task = task_of(pid);
	ASSERT_NE(MACH_PORT_NULL, task);

	ASSERT_EQ(KERN_SUCCESS, task_suspend(task));
	for (i = 0; i < MT_THREADS; i++)
		at[i] = m->c[i];
	EXPECT_TRUE(threads_are(pid, 'T', MT_THREADS, false));
	EXPECT_TRUE(counter_frozen(&m->c[0], GAP_MS));
	for (i = 0; i < MT_THREADS; i++)
		EXPECT_EQ(at[i], m->c[i]);
	EXPECT_TRUE(ALL_STOPPED(pid, MT_THREADS));
	EXPECT_EQ(1, suspend_count(task));

	ASSERT_EQ(KERN_SUCCESS, task_resume(task));
	for (i = 0; i < MT_THREADS; i++)
		EXPECT_TRUE(counter_moves(&m->c[i], WAIT_MS));
	EXPECT_TRUE(NONE_STOPPED(pid, MT_THREADS));
	reap(pid);
}

/*
 * A process that never used Mach (raw fork straight into exec of
 * busybox sleep, so not even libmach's fork handler ran) is suspended
 * and resumed through a task port task_for_pid made for it.
 */
TEST_TIMEOUT(suspend_process_that_never_used_mach, 120)
{
	mach_port_t task;
	pid_t pid;

	pid = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		execl("/bin/sleep", "sleep", "1000", (char *)NULL);
		_exit(127);
	}
	ASSERT_GT(pid, 0);
	ASSERT_TRUE(wait_threads(pid, 'S', 1, false, WAIT_MS));
	task = task_of(pid);
	ASSERT_NE(MACH_PORT_NULL, task);
	ASSERT_EQ(KERN_SUCCESS, task_suspend(task));
	EXPECT_TRUE(ALL_STOPPED(pid, 1));
	EXPECT_EQ(1, suspend_count(task));
	ASSERT_EQ(KERN_SUCCESS, task_resume(task));
	EXPECT_TRUE(wait_threads(pid, 'S', 1, false, WAIT_MS));
	EXPECT_EQ(0, suspend_count(task));
	reap(pid);
}

/* ------------------------------------------------------------------ */
/* Sleeping targets */

struct sleeper {
	volatile int started, done, ret, err;
	volatile long long t0, t1;
	long req_ms;
};

static void nanosleeper(void *arg)
{
	struct sleeper *s = arg;
	struct timespec ts = { s->req_ms / 1000, (s->req_ms % 1000) * 1000000L };

	s->t0 = now_ms();
	s->started = 1;
	s->ret = nanosleep(&ts, NULL);
	s->err = errno;
	s->t1 = now_ms();
	s->done = 1;
	for (;;)
		pause();
}

/*
 * A sleep interrupted by suspension neither fails with EINTR nor starts
 * over: like a sleeping Mach thread, whose timer runs on while it is held
 * and which parks only on its way back to user mode, it ends at the later
 * of its deadline and the resume.  Returns the sleeper's elapsed ms.
 */
static long long nanosleep_case(struct harness_test *_metadata, long req_ms,
				long suspend_at, long resume_at,
				long long *resumed)
{
	struct sleeper *s = shared_page();
	mach_port_t task;
	pid_t pid;

	s->req_ms = req_ms;
	pid = spawn(nanosleeper, s);
	ASSERT_GT(pid, 0);
	ASSERT_TRUE(wait_flag(&s->started, WAIT_MS));
	ASSERT_TRUE(wait_threads(pid, 'S', 1, false, WAIT_MS));
	task = task_of(pid);
	ASSERT_NE(MACH_PORT_NULL, task);
	/* the schedule is in the sleeper's time (t0), not ours */
	WAIT_UNTIL(now_ms() >= s->t0 + suspend_at, suspend_at);
	ASSERT_EQ(KERN_SUCCESS, task_suspend(task));
	EXPECT_TRUE(ALL_STOPPED(pid, 1));
	WAIT_UNTIL(now_ms() >= s->t0 + resume_at, resume_at);
	EXPECT_EQ(0, s->done);
	*resumed = now_ms();
	ASSERT_EQ(KERN_SUCCESS, task_resume(task));
	ASSERT_TRUE(wait_flag(&s->done, WAIT_MS + req_ms));
	EXPECT_EQ(0, s->ret);
	if (s->ret)
		printf("# nanosleep: %s\n", strerror(s->err));
	printf("# requested %ld ms, suspended at +%ld, resumed at +%lld, "
	       "slept %lld ms\n", req_ms, suspend_at, *resumed - s->t0,
	       s->t1 - s->t0);
	EXPECT_GE(s->t1, *resumed);
	reap(pid);
	*resumed -= s->t0;
	return s->t1 - s->t0;
}

/* Held past its deadline: the sleep ends soon after the resume. */
TEST_TIMEOUT(nanosleep_held_past_deadline_ends_at_resume, 120)
{
	long long resumed, slept;

	slept = nanosleep_case(_metadata, 1000, 300, 2500, &resumed);
	EXPECT_GE(slept, 1000);
	EXPECT_GE(slept, resumed);
	EXPECT_LT(slept, resumed + 1500);
}

/* Held briefly within it: the sleep still ends at its deadline, the held
 * time is not added on top (no restart with the full or remaining time
 * measured from the resume). */
TEST_TIMEOUT(nanosleep_held_briefly_ends_at_deadline, 120)
{
	long long resumed, slept;

	slept = nanosleep_case(_metadata, 4000, 300, 2300, &resumed);
	EXPECT_GE(slept, 4000);
	EXPECT_LT(slept, 4000 + 1500);	/* held 2000 ms */
}

struct reader {
	int fd;
	volatile int started, done, err;
	volatile ssize_t n;
	char buf[16];
};

static void pipe_reader(void *arg)
{
	struct reader *r = arg;

	r->started = 1;
	r->n = read(r->fd, r->buf, sizeof(r->buf));
	r->err = errno;
	r->done = 1;
	for (;;)
		pause();
}

/*
 * A thread blocked in read() when suspension starts parks; data written
 * while it is held is not consumed until the resume, and then the read
 * returns it (no EINTR, no lost bytes).
 */
TEST_TIMEOUT(pipe_reader_gets_data_after_resume, 120)
{
	struct reader *r = shared_page();
	mach_port_t task;
	int p[2];
	pid_t pid;

	ASSERT_EQ(0, pipe(p));
	r->fd = p[0];
	pid = spawn(pipe_reader, r);
	ASSERT_GT(pid, 0);
	close(p[0]);
	ASSERT_TRUE(wait_flag(&r->started, WAIT_MS));
	ASSERT_TRUE(wait_threads(pid, 'S', 1, false, WAIT_MS));
	task = task_of(pid);
	ASSERT_NE(MACH_PORT_NULL, task);

	ASSERT_EQ(KERN_SUCCESS, task_suspend(task));
	EXPECT_TRUE(ALL_STOPPED(pid, 1));
	ASSERT_EQ(5, write(p[1], "hello", 5));
	EXPECT_TRUE(flag_stays_clear(&r->done, GAP_MS));
	EXPECT_EQ(0, r->done);
	EXPECT_TRUE(threads_are(pid, 'T', 1, false));

	ASSERT_EQ(KERN_SUCCESS, task_resume(task));
	ASSERT_TRUE(wait_flag(&r->done, WAIT_MS));
	EXPECT_EQ(5, r->n);
	if (r->n < 0)
		printf("# read: %s\n", strerror(r->err));
	EXPECT_EQ(0, memcmp(r->buf, "hello", 5));
	reap(pid);
}

struct futexer {
	volatile int word;
	volatile int started, done, wakeups;
};

static void futex_waiter(void *arg)
{
	struct futexer *f = arg;

	f->started = 1;
	while (!f->word) {
		syscall(SYS_futex, &f->word, FUTEX_WAIT, 0, NULL, NULL, 0);
		f->wakeups++;
	}
	f->done = 1;
	for (;;)
		pause();
}

/*
 * A thread in FUTEX_WAIT parks; a FUTEX_WAKE while it is held does not
 * let it run; after the resume it sees the word changed and goes on.
 */
TEST_TIMEOUT(futex_waiter_runs_after_resume, 120)
{
	struct futexer *f = shared_page();
	mach_port_t task;
	pid_t pid;

	pid = spawn(futex_waiter, f);
	ASSERT_GT(pid, 0);
	ASSERT_TRUE(wait_flag(&f->started, WAIT_MS));
	ASSERT_TRUE(wait_threads(pid, 'S', 1, false, WAIT_MS));
	task = task_of(pid);
	ASSERT_NE(MACH_PORT_NULL, task);

	ASSERT_EQ(KERN_SUCCESS, task_suspend(task));
	EXPECT_TRUE(ALL_STOPPED(pid, 1));
	f->word = 1;
	syscall(SYS_futex, &f->word, FUTEX_WAKE, 1, NULL, NULL, 0);
	EXPECT_TRUE(flag_stays_clear(&f->done, GAP_MS));
	EXPECT_EQ(0, f->done);
	EXPECT_TRUE(threads_are(pid, 'T', 1, false));

	ASSERT_EQ(KERN_SUCCESS, task_resume(task));
	ASSERT_TRUE(wait_flag(&f->done, WAIT_MS));
	reap(pid);
}

struct vforker {
	int fd;
	volatile int stage;
	volatile uint64_t c;
};

static void vforker(void *arg)
{
	struct vforker *v = arg;
	pid_t child;
	char b;

	v->stage = 1;
	child = vfork();
	if (child == 0) {
		/* the vfork child: wait for the test's byte, then go */
		if (read(v->fd, &b, 1) < 0)
			_exit(1);
		_exit(0);
	}
	v->stage = 2;
	spin((void *)&v->c);
}

/*
 * A thread asleep in the kernel in a sleep suspension cannot interrupt
 * (the parent of a vfork waits killably, shown as D) is left where it is:
 * task_suspend returns, and when the vfork child goes the thread parks on
 * its way back to user mode instead of running on.
 */
TEST_TIMEOUT(blocked_thread_parks_when_its_syscall_returns, 120)
{
	struct vforker *v = shared_page();
	mach_port_t task;
	int p[2];
	pid_t pid;

	ASSERT_EQ(0, pipe(p));
	v->fd = p[0];
	pid = spawn(vforker, v);
	ASSERT_GT(pid, 0);
	close(p[0]);
	ASSERT_TRUE(wait_flag(&v->stage, WAIT_MS));
	ASSERT_TRUE(wait_threads(pid, 'D', 1, false, WAIT_MS));
	task = task_of(pid);
	ASSERT_NE(MACH_PORT_NULL, task);

	ASSERT_EQ(KERN_SUCCESS, task_suspend(task));
	EXPECT_EQ(1, suspend_count(task));
	ASSERT_EQ(1, write(p[1], "x", 1));	/* the vfork child exits */
	EXPECT_TRUE(ALL_STOPPED(pid, 1));
	EXPECT_TRUE(counter_frozen(&v->c, GAP_MS));
	EXPECT_EQ(1, v->stage);
	EXPECT_EQ(0, v->c);

	ASSERT_EQ(KERN_SUCCESS, task_resume(task));
	EXPECT_TRUE(counter_moves(&v->c, WAIT_MS));
	EXPECT_EQ(2, v->stage);
	reap(pid);
}

/* ------------------------------------------------------------------ */
/* Threads created around the suspension */

struct chain {
	volatile uint64_t links;
};

static void *chain_link(void *arg)
{
	struct chain *c = arg;
	pthread_attr_t attr;
	pthread_t th;

	c->links++;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	while (pthread_create(&th, &attr, chain_link, c))
		sched_yield();
	return NULL;
}

static void chain_main(void *arg)
{
	pthread_t th;

	pthread_create(&th, NULL, chain_link, arg);
	for (;;)
		pause();
}

struct suspend_call {
	mach_port_t task;
	volatile int done;
	volatile kern_return_t kr;
};

static void *suspend_thread(void *arg)
{
	struct suspend_call *s = arg;

	s->kr = task_suspend(s->task);
	s->done = 1;
	return NULL;
}

/*
 * A target whose threads do nothing but create the next thread and exit:
 * whenever the suspension comes, some thread is inside clone().  The new
 * thread must start parked (XNU holds threads created in a held task), so
 * task_suspend returns and the chain stops.  Repeated, to hit the window.
 */
TEST_TIMEOUT(thread_created_during_suspension_does_not_run, 300)
{
	struct chain *c = shared_page();
	struct suspend_call s;
	mach_port_t task;
	pthread_t th;
	uint64_t at;
	pid_t pid;
	int i;

	pid = spawn(chain_main, c);
	ASSERT_GT(pid, 0);
	ASSERT_TRUE(counter_moves(&c->links, WAIT_MS));
	task = task_of(pid);
	ASSERT_NE(MACH_PORT_NULL, task);
	for (i = 0; i < 20; i++) {
		memset(&s, 0, sizeof(s));
		s.task = task;
		ASSERT_EQ(0, pthread_create(&th, NULL, suspend_thread, &s));
		if (!wait_flag(&s.done, 20000)) {
			uint64_t l1 = c->links, l2;
			char st[65];

			/* diagnosis only: does the chain still run? */
			counter_frozen(&c->links, 200);
			l2 = c->links;
			thread_states(pid, st, 64);
			printf("# round %d: task_suspend has not returned in "
			       "20 s; the chain made %llu threads in 200 ms "
			       "(escaped threads run on); thread states \"%s\"\n",
			       i, (unsigned long long)(l2 - l1), st);
			reap(pid);	/* lets the stuck call return */
			pthread_join(th, NULL);
			ASSERT_TRUE(0);
		}
		pthread_join(th, NULL);
		ASSERT_EQ(KERN_SUCCESS, s.kr);
		at = c->links;
		if (!counter_frozen(&c->links, 100)) {
			printf("# round %d: task_suspend returned, then a "
			       "thread created during the suspension ran\n", i);
			ASSERT_TRUE(0);
		}
		EXPECT_EQ(at, c->links);
		ASSERT_TRUE(ALL_STOPPED(pid, 1));
		ASSERT_EQ(KERN_SUCCESS, task_resume(task));
		ASSERT_TRUE(counter_moves(&c->links, WAIT_MS));
		/* suspend at a different point of the chain each round:
		 * wait for a round-dependent number of new links */
		at = c->links;
		WAIT_UNTIL(c->links >= at + (uint64_t)(i * 7 % 50), WAIT_MS);
	}
	reap(pid);
}

/* ------------------------------------------------------------------ */
/* Who holds the suspension */

/*
 * A helper process that suspends the target with task_suspend and then
 * does what it is told: 'x' exit, 'd' deallocate the resume right that
 * stands for its hold.  It reports the right's name, then the kr.
 */
struct suspender {
	pid_t pid;
	int cmd, rep;
};

static int suspender_start(struct suspender *h, pid_t target)
{
	int c[2], r[2];

	if (pipe(c) || pipe(r))
		return -1;
	h->pid = fork();
	if (h->pid == 0) {
		struct names before, after;
		mach_port_name_t name;
		kern_return_t kr;
		mach_port_t task;
		char cmd;

		close(c[1]);
		close(r[0]);
		task = task_of(target);
		names_take(&before);
		kr = task_suspend(task);
		names_take(&after);
		name = names_new_send(&before, &after);
		if (kr != KERN_SUCCESS)
			name = MACH_PORT_NULL;
		if (write(r[1], &name, sizeof(name)) != sizeof(name))
			_exit(1);
		while (read(c[0], &cmd, 1) == 1) {
			if (cmd == 'x')
				_exit(0);
			kr = mach_port_deallocate(mach_task_self(), name);
			if (write(r[1], &kr, sizeof(kr)) != sizeof(kr))
				_exit(1);
		}
		_exit(0);
	}
	close(c[0]);
	close(r[1]);
	h->cmd = c[1];
	h->rep = r[0];
	return h->pid > 0 ? 0 : -1;
}

static mach_port_name_t suspender_name(struct suspender *h)
{
	mach_port_name_t name = MACH_PORT_NULL;

	if (read(h->rep, &name, sizeof(name)) != sizeof(name))
		return MACH_PORT_NULL;
	return name;
}

/* The seed-000 case: a holder that exits releases its suspension. */
TEST_TIMEOUT(suspender_exit_releases_hold, 120)
{
	struct suspender a;
	struct target t;

	ASSERT_EQ(0, target_start(&t));
	ASSERT_EQ(0, suspender_start(&a, t.pid));
	ASSERT_NE(MACH_PORT_NULL, suspender_name(&a));
	EXPECT_TRUE(ALL_STOPPED(t.pid, 1));
	EXPECT_TRUE(counter_frozen(t.c, GAP_MS));
	EXPECT_EQ(1, suspend_count(t.task));

	ASSERT_EQ(1, write(a.cmd, "x", 1));
	waitpid(a.pid, NULL, 0);
	EXPECT_TRUE(counter_moves(t.c, WAIT_MS));
	EXPECT_TRUE(NONE_STOPPED(t.pid, 1));
	EXPECT_EQ(0, suspend_count(t.task));
	reap(t.pid);
}

/*
 * Two suspenders: when one exits the task stays suspended (its right to
 * the resume port is gone but the other's remains; XNU keeps both legacy
 * holds counted); when the other's right is deallocated, every legacy
 * hold goes at once and the task runs.
 */
TEST_TIMEOUT(two_suspenders_hold_until_last_right_goes, 120)
{
	struct suspender a, b;
	mach_port_name_t bname;
	struct target t;
	kern_return_t kr;

	ASSERT_EQ(0, target_start(&t));
	ASSERT_EQ(0, suspender_start(&a, t.pid));
	ASSERT_NE(MACH_PORT_NULL, suspender_name(&a));
	ASSERT_EQ(0, suspender_start(&b, t.pid));
	bname = suspender_name(&b);
	ASSERT_NE(MACH_PORT_NULL, bname);
	EXPECT_TRUE(ALL_STOPPED(t.pid, 1));
	EXPECT_EQ(2, suspend_count(t.task));

	ASSERT_EQ(1, write(a.cmd, "x", 1));
	waitpid(a.pid, NULL, 0);
	EXPECT_TRUE(counter_frozen(t.c, 2 * GAP_MS));
	EXPECT_TRUE(threads_are(t.pid, 'T', 1, false));
	EXPECT_EQ(2, suspend_count(t.task));

	ASSERT_EQ(1, write(b.cmd, "d", 1));
	ASSERT_EQ(sizeof(kr), read(b.rep, &kr, sizeof(kr)));
	EXPECT_EQ(KERN_SUCCESS, kr);
	EXPECT_TRUE(counter_moves(t.c, WAIT_MS));
	EXPECT_TRUE(NONE_STOPPED(t.pid, 1));
	EXPECT_EQ(0, suspend_count(t.task));
	reap(b.pid);
	reap(t.pid);
}

/* A spinning target (target_start), killed when the test is done. */
FIXTURE(target) {
	struct target t;
};

FIXTURE_SETUP(target)
{
	ASSERT_EQ(0, target_start(&self->t));
}

FIXTURE_TEARDOWN(target)
{
	reap(self->t.pid);
}

/*
 * One caller's repeated task_suspend (XNU's task_suspend keeps the legacy
 * hold as a send right to the task's resume port, one uref per call,
 * osfmk/kern/task.c): one name, one uref per call, one hold per call.
 * The name is returned in *@name.
 */
static void suspend_twice(struct harness_test *_metadata, struct target *t,
			  mach_port_name_t *name)
{
	struct names before, after;

	EXPECT_EQ(0, suspend_count(t->task));	/* makes the MIG reply port */
	names_take(&before);
	ASSERT_EQ(KERN_SUCCESS, task_suspend(t->task));
	ASSERT_EQ(KERN_SUCCESS, task_suspend(t->task));
	names_take(&after);
	*name = names_new_send(&before, &after);
	EXPECT_NE(MACH_PORT_NULL, *name);
	EXPECT_EQ(before.n + 1, after.n);
}

TEST_F_TIMEOUT(target, repeated_suspend_one_name_one_uref_and_hold_per_call, 120)
{
	mach_port_name_t name;

	suspend_twice(_metadata, &self->t, &name);
	EXPECT_EQ(2, send_refs(name));
	EXPECT_EQ(2, suspend_count(self->t.task));
}

/* each task_resume gives back one hold and one uref; one hold left
 * keeps the task stopped */
TEST_F_TIMEOUT(target, resume_releases_one_hold_and_one_uref, 120)
{
	mach_port_name_t name;

	suspend_twice(_metadata, &self->t, &name);
	ASSERT_EQ(KERN_SUCCESS, task_resume(self->t.task));
	EXPECT_EQ(1, suspend_count(self->t.task));
	EXPECT_EQ(1, send_refs(name));
	EXPECT_TRUE(counter_frozen(self->t.c, GAP_MS));
	EXPECT_TRUE(threads_are(self->t.pid, 'T', 1, false));
}

/* the last task_resume removes the name and the task runs; one more is
 * KERN_FAILURE */
TEST_F_TIMEOUT(target, last_resume_removes_the_name_then_one_more_fails, 120)
{
	mach_port_name_t name;
	mach_port_type_t type;

	suspend_twice(_metadata, &self->t, &name);
	ASSERT_EQ(KERN_SUCCESS, task_resume(self->t.task));
	ASSERT_EQ(KERN_SUCCESS, task_resume(self->t.task));
	EXPECT_EQ(0, suspend_count(self->t.task));
	EXPECT_TRUE(counter_moves(self->t.c, WAIT_MS));
	EXPECT_EQ(KERN_INVALID_NAME,
		  mach_port_type(mach_task_self(), name, &type));
	EXPECT_EQ(KERN_FAILURE, task_resume(self->t.task));
}

/* task_resume of a task nobody holds: KERN_FAILURE (5), nothing left
 * behind in the caller's space. */
TEST_TIMEOUT(resume_without_hold_fails, 60)
{
	struct names before, after;
	struct target t;

	ASSERT_EQ(0, target_start(&t));
	EXPECT_EQ(0, suspend_count(t.task));	/* makes the MIG reply port */
	names_take(&before);
	EXPECT_EQ(KERN_FAILURE, task_resume(t.task));
	names_take(&after);
	EXPECT_EQ(before.n, after.n);
	EXPECT_EQ(0, suspend_count(t.task));
	EXPECT_TRUE(counter_moves(t.c, WAIT_MS));
	reap(t.pid);
}

/* ------------------------------------------------------------------ */
/* Job control (suspension.rst, "SIGSTOP and SIGCONT") */

/*
 * waitpid(@flags | WNOHANG) until it reports @pid or @ms pass; the status
 * in *@st.  Returns true if it reported.
 */
static bool wait_report(pid_t pid, int flags, int *st, int ms)
{
	return WAIT_UNTIL(waitpid(pid, st, flags | WNOHANG) == pid, ms);
}

/*
 * A job-control stop counts as one hold (XNU has none; suspension.rst,
 * "SIGSTOP and SIGCONT"): waitpid reports the stop, and task_resume
 * continues it.
 */
TEST_F_TIMEOUT(target, sigstop_is_a_hold_task_resume_continues, 120)
{
	struct target *t = &self->t;
	int st = 0;

	ASSERT_EQ(0, kill(t->pid, SIGSTOP));
	EXPECT_TRUE(ALL_STOPPED(t->pid, 1));
	EXPECT_TRUE(wait_report(t->pid, WUNTRACED, &st, WAIT_MS));
	EXPECT_TRUE(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	EXPECT_EQ(1, suspend_count(t->task));
	EXPECT_TRUE(counter_frozen(t->c, GAP_MS));

	EXPECT_EQ(KERN_SUCCESS, task_resume(t->task));
	EXPECT_TRUE(counter_moves(t->c, WAIT_MS));
	EXPECT_EQ(0, suspend_count(t->task));
}

/* after a task_resume of a job-control stop, SIGSTOP stops the process
 * again (no "ignored until SIGCONT"), and SIGCONT continues it */
TEST_F_TIMEOUT(target, sigstop_after_task_resume_stops_again, 120)
{
	struct target *t = &self->t;
	int st = 0;

	ASSERT_EQ(0, kill(t->pid, SIGSTOP));
	ASSERT_TRUE(wait_report(t->pid, WUNTRACED, &st, WAIT_MS));
	ASSERT_EQ(KERN_SUCCESS, task_resume(t->task));
	ASSERT_TRUE(counter_moves(t->c, WAIT_MS));

	ASSERT_EQ(0, kill(t->pid, SIGSTOP));
	EXPECT_TRUE(ALL_STOPPED(t->pid, 1));
	EXPECT_TRUE(counter_frozen(t->c, GAP_MS));
	ASSERT_EQ(0, kill(t->pid, SIGCONT));
	EXPECT_TRUE(counter_moves(t->c, WAIT_MS));
	EXPECT_TRUE(wait_report(t->pid, WCONTINUED, &st, WAIT_MS));
	EXPECT_TRUE(WIFCONTINUED(st));
}

/*
 * SIGCONT releases a legacy hold: the task runs, nothing is reported to
 * waitpid (there was no job-control stop), and the hold is gone.
 */
TEST_TIMEOUT(sigcont_releases_a_task_suspend_hold, 120)
{
	struct target t;
	int st = 0;

	ASSERT_EQ(0, target_start(&t));
	ASSERT_EQ(KERN_SUCCESS, task_suspend(t.task));
	EXPECT_TRUE(ALL_STOPPED(t.pid, 1));
	EXPECT_EQ(1, suspend_count(t.task));
	ASSERT_EQ(0, kill(t.pid, SIGCONT));
	EXPECT_TRUE(counter_moves(t.c, WAIT_MS));
	EXPECT_TRUE(NONE_STOPPED(t.pid, 1));
	EXPECT_EQ(0, suspend_count(t.task));
	EXPECT_FALSE(wait_report(t.pid, WUNTRACED | WCONTINUED, &st, GAP_MS));
	EXPECT_EQ(KERN_FAILURE, task_resume(t.task));
	reap(t.pid);
}

/*
 * SIGSTOP to a held task stays pending (no thread runs to take it) and
 * is not reported; task_resume lets it act: the process stops as by the
 * signal, waitpid reports it, and SIGCONT continues it.
 */
TEST_TIMEOUT(sigstop_while_held_acts_at_resume, 120)
{
	struct target t;
	int st = 0;

	ASSERT_EQ(0, target_start(&t));
	ASSERT_EQ(KERN_SUCCESS, task_suspend(t.task));
	EXPECT_TRUE(ALL_STOPPED(t.pid, 1));
	ASSERT_EQ(0, kill(t.pid, SIGSTOP));
	EXPECT_EQ(2, suspend_count(t.task));	/* the stop counts at once */
	EXPECT_FALSE(wait_report(t.pid, WUNTRACED, &st, GAP_MS));

	EXPECT_EQ(KERN_SUCCESS, task_resume(t.task));
	EXPECT_TRUE(wait_report(t.pid, WUNTRACED, &st, WAIT_MS));
	EXPECT_TRUE(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	EXPECT_TRUE(ALL_STOPPED(t.pid, 1));
	EXPECT_TRUE(counter_frozen(t.c, GAP_MS));
	EXPECT_EQ(1, suspend_count(t.task));
	ASSERT_EQ(0, kill(t.pid, SIGCONT));
	EXPECT_TRUE(counter_moves(t.c, WAIT_MS));
	reap(t.pid);
}

/*
 * task_suspend of a stopped process returns at once and counts on top of
 * the stop (2); SIGCONT ends both, and then there is nothing to resume.
 */
TEST_TIMEOUT(task_suspend_of_stopped_process_counts_two, 120)
{
	struct target t;
	long long t0;
	int st = 0;

	ASSERT_EQ(0, target_start(&t));
	ASSERT_EQ(0, kill(t.pid, SIGSTOP));
	ASSERT_TRUE(wait_report(t.pid, WUNTRACED, &st, WAIT_MS));
	t0 = now_ms();
	ASSERT_EQ(KERN_SUCCESS, task_suspend(t.task));
	EXPECT_GT(WAIT_MS, now_ms() - t0);
	EXPECT_EQ(2, suspend_count(t.task));
	ASSERT_EQ(0, kill(t.pid, SIGCONT));
	EXPECT_TRUE(counter_moves(t.c, WAIT_MS));
	EXPECT_EQ(0, suspend_count(t.task));
	EXPECT_TRUE(wait_report(t.pid, WCONTINUED, &st, WAIT_MS));
	EXPECT_TRUE(WIFCONTINUED(st));
	EXPECT_EQ(KERN_FAILURE, task_resume(t.task));
	reap(t.pid);
}

/* ------------------------------------------------------------------ */
/* task_suspend2 tokens */

/* The token is a send-once right; destroying it unused releases its hold. */
TEST_TIMEOUT(suspend2_token_destroyed_unused_releases_hold, 120)
{
	task_suspension_token_t token = MACH_PORT_NULL;
	mach_port_type_t type = 0;
	struct target t;

	ASSERT_EQ(0, target_start(&t));
	ASSERT_EQ(KERN_SUCCESS, task_suspend2(t.task, &token));
	ASSERT_NE(MACH_PORT_NULL, token);
	EXPECT_EQ(KERN_SUCCESS, mach_port_type(mach_task_self(), token, &type));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, type);
	EXPECT_TRUE(threads_are(t.pid, 'T', 1, false));
	EXPECT_TRUE(counter_frozen(t.c, GAP_MS));
	EXPECT_EQ(1, suspend_count(t.task));

	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), token));
	EXPECT_TRUE(counter_moves(t.c, WAIT_MS));
	EXPECT_EQ(0, suspend_count(t.task));
	reap(t.pid);
}

/* Dropping a token releases its own hold only: a task_suspend hold stays. */
TEST_TIMEOUT(suspend2_token_drop_releases_only_its_hold, 120)
{
	task_suspension_token_t token = MACH_PORT_NULL;
	struct target t;

	ASSERT_EQ(0, target_start(&t));
	ASSERT_EQ(KERN_SUCCESS, task_suspend(t.task));
	ASSERT_EQ(KERN_SUCCESS, task_suspend2(t.task, &token));
	EXPECT_EQ(2, suspend_count(t.task));
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), token));
	EXPECT_EQ(1, suspend_count(t.task));
	EXPECT_TRUE(counter_frozen(t.c, GAP_MS));
	EXPECT_TRUE(threads_are(t.pid, 'T', 1, false));
	ASSERT_EQ(KERN_SUCCESS, task_resume(t.task));
	EXPECT_TRUE(counter_moves(t.c, WAIT_MS));
	EXPECT_EQ(0, suspend_count(t.task));
	reap(t.pid);
}

/* task_resume2 consumes the token and releases its hold; the token's
 * name is gone, and using it again fails at send time. */
TEST_TIMEOUT(resume2_releases_and_consumes_token, 120)
{
	task_suspension_token_t t1 = MACH_PORT_NULL, t2 = MACH_PORT_NULL;
	mach_port_type_t type;
	struct target t;

	ASSERT_EQ(0, target_start(&t));
	ASSERT_EQ(KERN_SUCCESS, task_suspend2(t.task, &t1));
	ASSERT_EQ(KERN_SUCCESS, task_suspend2(t.task, &t2));
	EXPECT_NE(t1, t2);
	EXPECT_EQ(2, suspend_count(t.task));

	ASSERT_EQ(KERN_SUCCESS, task_resume2(t1));
	EXPECT_EQ(1, suspend_count(t.task));
	EXPECT_TRUE(counter_frozen(t.c, GAP_MS));
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_type(mach_task_self(), t1, &type));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, task_resume2(t1));

	ASSERT_EQ(KERN_SUCCESS, task_resume2(t2));
	EXPECT_TRUE(counter_moves(t.c, WAIT_MS));
	EXPECT_EQ(0, suspend_count(t.task));
	reap(t.pid);
}

/*
 * A token outliving its task is inert: task_resume2 through it does not
 * succeed (XNU orphans the resume port at task death), and the name can
 * still be deallocated.
 */
TEST_TIMEOUT(suspend2_token_of_dead_task_is_inert, 120)
{
	task_suspension_token_t token = MACH_PORT_NULL;
	mach_port_type_t type = 0;
	struct target t;
	kern_return_t kr;

	ASSERT_EQ(0, target_start(&t));
	ASSERT_EQ(KERN_SUCCESS, task_suspend2(t.task, &token));
	reap(t.pid);
	/* the resume port dies with the task: the token becomes a dead name
	 * (the deadline only bounds the wait, the assertion is below) */
	WAIT_UNTIL(mach_port_type(mach_task_self(), token, &type) ||
		   type == MACH_PORT_TYPE_DEAD_NAME, 1000);
	kr = mach_port_type(mach_task_self(), token, &type);
	printf("# token after the task died: kr %d, type 0x%x\n", kr, type);
	kr = task_resume2(token);
	printf("# task_resume2: %s (%d)\n", mach_error_string(kr), kr);
	EXPECT_NE(KERN_SUCCESS, kr);
	if (mach_port_type(mach_task_self(), token, &type) == KERN_SUCCESS)
		EXPECT_EQ(KERN_SUCCESS,
			  mach_port_deallocate(mach_task_self(), token));
}

/* ------------------------------------------------------------------ */
/* Death and self-suspension */

/* SIGKILL kills a suspended multi-threaded task at once. */
TEST_TIMEOUT(sigkill_reaps_suspended_task_promptly, 120)
{
	struct mt *m = shared_page();
	mach_port_t task;
	int status = 0;
	pid_t pid, w;

	pid = spawn(mt_main, m);
	ASSERT_GT(pid, 0);
	ASSERT_TRUE(counter_moves(&m->c[MT_THREADS - 1], WAIT_MS));
	task = task_of(pid);
	ASSERT_NE(MACH_PORT_NULL, task);
	ASSERT_EQ(KERN_SUCCESS, task_suspend(task));
	ASSERT_TRUE(ALL_STOPPED(pid, MT_THREADS));

	ASSERT_EQ(0, kill(pid, SIGKILL));
	w = 0;
	WAIT_UNTIL((w = waitpid(pid, &status, WNOHANG)) != 0, 5000);
	ASSERT_EQ(pid, w);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
}

struct selfsus {
	volatile int started, done;
	volatile kern_return_t kr;
};

static void self_suspender(void *arg)
{
	struct selfsus *s = arg;

	s->started = 1;
	s->kr = task_suspend(mach_task_self());
	s->done = 1;
	for (;;)
		pause();
}

/*
 * task_suspend(mach_task_self()) is legal (XNU's own tests use it): the
 * caller stops on its way out of the call, until someone resumes it.  A
 * resume by a process that never suspended it is allowed (XNU's
 * "out-of-band resume").
 */
TEST_TIMEOUT(self_suspend_stops_until_resumed_by_another, 120)
{
	struct selfsus *s = shared_page();
	mach_port_t task;
	pid_t pid;

	pid = spawn(self_suspender, s);
	ASSERT_GT(pid, 0);
	ASSERT_TRUE(wait_flag(&s->started, WAIT_MS));
	ASSERT_TRUE(ALL_STOPPED(pid, 1));
	EXPECT_TRUE(flag_stays_clear(&s->done, GAP_MS));
	EXPECT_EQ(0, s->done);
	task = task_of(pid);
	ASSERT_NE(MACH_PORT_NULL, task);
	EXPECT_EQ(1, suspend_count(task));

	ASSERT_EQ(KERN_SUCCESS, task_resume(task));
	ASSERT_TRUE(wait_flag(&s->done, WAIT_MS));
	EXPECT_EQ(KERN_SUCCESS, s->kr);
	EXPECT_EQ(0, suspend_count(task));
	reap(pid);
}

TEST_HARNESS_MAIN
