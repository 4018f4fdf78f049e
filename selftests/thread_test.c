// SPDX-License-Identifier: GPL-2.0
/*
 * Thread ports (xnu-semantics.md §1.7, §1.8, §4): mach_thread_self,
 * task_threads, thread_suspend/resume, thread_info, thread_get_state/
 * thread_set_state and thread_terminate, on children found with
 * task_for_pid.  Each child thread publishes its tid and bumps its own
 * counter in MAP_SHARED memory; "stopped" is T in /proc/PID/task/TID/stat
 * and a counter that stays put across a gap.
 */
#include "harness.h"

#include <fcntl.h>
#include <pthread.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/notify.h>
#include <mach/task.h>
#include <mach/thread_act.h>

#define WAIT_MS 10000
#define GAP_MS 300
#define MAXT 4

static pid_t gettid_(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/* What a child shares with the test: per thread a tid and a counter. */
struct shm {
	volatile pid_t tid[MAXT];
	volatile uint64_t c[MAXT];
	volatile int nthreads;		/* threads the child is to run */
	volatile int ready;		/* all tids published */
	volatile int release;		/* thread 1 may exit */
	volatile uint64_t marker;	/* written by th_marker_entry */
};

static struct shm *shm_new(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		printf("# mmap: %s\n", strerror(errno));
		exit(1);
	}
	return p;
}

/* not inlined: the counter's address stays in rdi (checked by get_state) */
static __attribute__((noinline)) void spin(volatile uint64_t *c)
{
	for (;;)
		(*c)++;
}

static struct shm *child_shm;

static void *worker(void *arg)
{
	long i = (long)arg;

	child_shm->tid[i] = gettid_();
	if (i == 1 && child_shm->nthreads < 0) {
		/* the thread that exits when told */
		while (!child_shm->release)
			sleep_ms(5);
		return NULL;
	}
	spin(&child_shm->c[i]);
	return NULL;
}

/*
 * A child with |n| threads (thread 0 the main one), all spinning; with
 * n < 0, thread 1 waits for ->release and exits instead.  Returns once
 * every tid is published.
 */
static pid_t child_start(struct shm *s, int n)
{
	long long end;
	pid_t pid;
	int i, abs_n = n < 0 ? -n : n;

	s->nthreads = n;
	pid = fork();
	if (pid == 0) {
		pthread_t th;

		child_shm = s;
		s->tid[0] = gettid_();
		for (i = 1; i < abs_n; i++)
			pthread_create(&th, NULL, worker, (void *)(long)i);
		for (i = 1; i < abs_n; i++)
			while (!s->tid[i])
				sleep_ms(1);
		s->ready = 1;
		spin(&s->c[0]);
	}
	if (pid < 0) {
		printf("# fork: %s\n", strerror(errno));
		return pid;
	}
	end = now_ms() + WAIT_MS;
	while (!s->ready && now_ms() < end)
		sleep_ms(5);
	return s->ready ? pid : -1;
}

static void reap(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

/* The state letter of thread @tid of @pid, 0 if it is gone. */
static char tid_state(pid_t pid, pid_t tid)
{
	char path[128], buf[512], *p;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, tid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return 0;
	buf[len] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* Thread @tid shows @c (or, with @not, anything but @c) in time. */
static bool wait_state(pid_t pid, pid_t tid, char c, bool not)
{
	long long end = now_ms() + WAIT_MS;
	char st;

	do {
		st = tid_state(pid, tid);
		if ((st == c) != not)
			return true;
		sleep_ms(10);
	} while (now_ms() < end);
	printf("# tid %d: state '%c', wanted %s'%c'\n", tid, st ? st : '-',
	       not ? "not " : "", c);
	return false;
}

/* The counter stays put for GAP_MS (watched all along, harness.h). */
static bool counter_frozen(volatile uint64_t *c)
{
	uint64_t a = *c;

	if (HOLDS_FOR(*c == a, GAP_MS))
		return true;
	printf("# counter moved from %llu to %llu within %d ms\n",
	       (unsigned long long)a, (unsigned long long)*c, GAP_MS);
	return false;
}

static bool counter_moves(volatile uint64_t *c)
{
	uint64_t a = *c;

	if (WAIT_UNTIL(*c != a, WAIT_MS))
		return true;
	printf("# counter stuck at %llu\n", (unsigned long long)a);
	return false;
}

static mach_port_t task_of(pid_t pid)
{
	mach_port_t t = MACH_PORT_NULL;
	kern_return_t kr = task_for_pid(mach_task_self(), pid, &t);

	if (kr != KERN_SUCCESS)
		printf("# task_for_pid(%d): %s (%d)\n", pid,
		       mach_error_string(kr), kr);
	return t;
}

/* thread_id from THREAD_IDENTIFIER_INFO, 0 on error */
static uint64_t thread_tid(thread_act_t th)
{
	thread_identifier_info_data_t id;
	mach_msg_type_number_t cnt = THREAD_IDENTIFIER_INFO_COUNT;
	kern_return_t kr;

	kr = thread_info(th, THREAD_IDENTIFIER_INFO, (thread_info_t)&id, &cnt);
	if (kr != KERN_SUCCESS) {
		printf("# thread_info(IDENTIFIER): %s (%d)\n",
		       mach_error_string(kr), kr);
		return 0;
	}
	return id.thread_id;
}

/* THREAD_BASIC_INFO; returns the kern_return_t */
static kern_return_t basic_info(thread_act_t th, thread_basic_info_data_t *bi)
{
	mach_msg_type_number_t cnt = THREAD_BASIC_INFO_COUNT;
	kern_return_t kr;

	memset(bi, 0, sizeof(*bi));
	kr = thread_info(th, THREAD_BASIC_INFO, (thread_info_t)bi, &cnt);
	if (kr != KERN_SUCCESS)
		printf("# thread_info(BASIC): %s (%d)\n",
		       mach_error_string(kr), kr);
	else if (cnt != THREAD_BASIC_INFO_COUNT)
		printf("# thread_info(BASIC): count %u\n", cnt);
	return kr;
}

static int suspend_count(thread_act_t th)
{
	thread_basic_info_data_t bi;

	return basic_info(th, &bi) == KERN_SUCCESS ? bi.suspend_count : -1;
}

/*
 * task_threads() of @task, then the port of the thread with @tid (the
 * others' rights are dropped).  MACH_PORT_NULL if not found.
 */
static thread_act_t thread_for_tid(mach_port_t task, pid_t tid)
{
	thread_act_array_t list;
	mach_msg_type_number_t n = 0, i;
	thread_act_t found = MACH_PORT_NULL;
	kern_return_t kr;

	kr = task_threads(task, &list, &n);
	if (kr != KERN_SUCCESS) {
		printf("# task_threads: %s (%d)\n", mach_error_string(kr), kr);
		return MACH_PORT_NULL;
	}
	for (i = 0; i < n; i++) {
		if (found == MACH_PORT_NULL && thread_tid(list[i]) == (uint64_t)tid)
			found = list[i];
		else
			mach_port_deallocate(mach_task_self(), list[i]);
	}
	vm_deallocate(mach_task_self(), (vm_address_t)list, n * sizeof(*list));
	if (found == MACH_PORT_NULL)
		printf("# no thread port for tid %d among %u\n", tid, n);
	return found;
}

/* ------------------------------------------------------------------ */

/* Like XNU's trap: one name per thread, each call one more uref. */
TEST(thread_self_same_name_adds_uref)
{
	mach_port_urefs_t r1 = 0, r2 = 0;
	mach_port_type_t type = 0;
	mach_port_t a, b;

	a = mach_thread_self();
	ASSERT_NE(MACH_PORT_NULL, a);
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), a,
						   MACH_PORT_RIGHT_SEND, &r1));
	b = mach_thread_self();
	EXPECT_EQ(a, b);
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), a,
						   MACH_PORT_RIGHT_SEND, &r2));
	EXPECT_EQ(r1 + 1, r2);
	ASSERT_EQ(KERN_SUCCESS, mach_port_type(mach_task_self(), a, &type));
	EXPECT_EQ(MACH_PORT_TYPE_SEND, type);
	EXPECT_NE(a, mach_task_self());
}

static void *other_self(void *arg)
{
	*(mach_port_t *)arg = mach_thread_self();
	return NULL;
}

/* Another thread of this task has another port; ours describes us. */
TEST(thread_self_info_describes_caller)
{
	thread_basic_info_data_t bi;
	mach_port_t me = mach_thread_self(), other = MACH_PORT_NULL;
	pthread_t th;

	ASSERT_EQ(0, pthread_create(&th, NULL, other_self, &other));
	pthread_join(th, NULL);
	EXPECT_NE(MACH_PORT_NULL, other);
	EXPECT_NE(me, other);
	EXPECT_EQ((uint64_t)gettid_(), thread_tid(me));
	ASSERT_EQ(KERN_SUCCESS, basic_info(me, &bi));
	EXPECT_EQ(TH_STATE_RUNNING, bi.run_state);
	EXPECT_EQ(0, bi.suspend_count);
	EXPECT_EQ(POLICY_TIMESHARE, bi.policy);
}

/* task_threads on our own single-threaded task names mach_thread_self's
 * port, under the same name. */
TEST(task_threads_self)
{
	thread_act_array_t list;
	mach_msg_type_number_t n = 0;
	mach_port_t me = mach_thread_self();

	ASSERT_EQ(KERN_SUCCESS, task_threads(mach_task_self(), &list, &n));
	ASSERT_EQ(1, n);
	EXPECT_EQ(me, list[0]);
	vm_deallocate(mach_task_self(), (vm_address_t)list, n * sizeof(*list));
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Three threads: three send rights, unsuspended, ids = the tids. */
TEST_TIMEOUT(task_threads_of_child, 120)
{
	struct shm *s = shm_new();
	thread_act_array_t list;
	mach_msg_type_number_t n = 0, i;
	uint64_t ids[MAXT], tids[MAXT];
	mach_port_t task;
	pid_t pid;

	pid = child_start(s, 3);
	ASSERT_GT(pid, 0);
	task = task_of(pid);
	ASSERT_NE(MACH_PORT_NULL, task);
	ASSERT_EQ(KERN_SUCCESS, task_threads(task, &list, &n));
	ASSERT_EQ(3, n);
	for (i = 0; i < n; i++) {
		mach_port_type_t type = 0;

		EXPECT_EQ(KERN_SUCCESS,
			  mach_port_type(mach_task_self(), list[i], &type));
		EXPECT_EQ(MACH_PORT_TYPE_SEND, type);
		EXPECT_EQ(0, suspend_count(list[i]));
		ids[i] = thread_tid(list[i]);
		tids[i] = (uint64_t)s->tid[i];
	}
	qsort(ids, n, sizeof(ids[0]), cmp_u64);
	qsort(tids, n, sizeof(tids[0]), cmp_u64);
	for (i = 0; i < n; i++)
		EXPECT_EQ(tids[i], ids[i]);
	EXPECT_EQ((uint64_t)pid, ids[0]);	/* the main thread's tid is the pid */
	EXPECT_TRUE(list[0] != list[1] && list[1] != list[2] &&
		    list[0] != list[2]);
	vm_deallocate(mach_task_self(), (vm_address_t)list, n * sizeof(*list));
	reap(pid);
}

/* A spinning child of @n threads, its task port, thread 1's port. */
struct two {
	struct shm *s;
	pid_t pid;
	mach_port_t task;
	thread_act_t th;	/* thread 1 */
};

static int two_start(struct two *t, int n)
{
	int i;

	t->s = shm_new();
	t->pid = child_start(t->s, n);
	if (t->pid <= 0)
		return -1;
	for (i = 0; i < (n < 0 ? 0 : n); i++)
		if (!counter_moves(&t->s->c[i]))
			return -1;
	t->task = task_of(t->pid);
	if (t->task == MACH_PORT_NULL)
		return -1;
	t->th = thread_for_tid(t->task, t->s->tid[1]);
	return t->th == MACH_PORT_NULL ? -1 : 0;
}

/* thread_suspend stops that thread only; thread_resume lets it go. */
TEST_TIMEOUT(thread_suspend_stops_one_thread, 120)
{
	struct two t;
	uint64_t at;

	ASSERT_EQ(0, two_start(&t, 2));
	ASSERT_EQ(KERN_SUCCESS, thread_suspend(t.th));
	at = t.s->c[1];
	/* synchronous: off the CPU when the call returns */
	EXPECT_EQ('T', tid_state(t.pid, t.s->tid[1]));
	EXPECT_TRUE(counter_frozen(&t.s->c[1]));
	EXPECT_EQ(at, t.s->c[1]);
	EXPECT_TRUE(counter_moves(&t.s->c[0]));
	EXPECT_NE('T', tid_state(t.pid, t.s->tid[0]));
	EXPECT_EQ(1, suspend_count(t.th));

	ASSERT_EQ(KERN_SUCCESS, thread_resume(t.th));
	EXPECT_TRUE(counter_moves(&t.s->c[1]));
	EXPECT_TRUE(wait_state(t.pid, t.s->tid[1], 'T', true));
	EXPECT_EQ(0, suspend_count(t.th));
	reap(t.pid);
}

/* thread_resume of a thread nobody holds: KERN_FAILURE (XNU's
 * thread_resume with user_stop_count 0), nothing changes */
TEST_TIMEOUT(thread_resume_without_hold_fails, 120)
{
	struct two t;

	ASSERT_EQ(0, two_start(&t, 2));
	ASSERT_EQ(KERN_SUCCESS, thread_suspend(t.th));
	ASSERT_EQ(KERN_SUCCESS, thread_resume(t.th));
	EXPECT_EQ(0, suspend_count(t.th));
	EXPECT_EQ(KERN_FAILURE, thread_resume(t.th));
	EXPECT_EQ(0, suspend_count(t.th));
	EXPECT_TRUE(counter_moves(&t.s->c[1]));
	reap(t.pid);
}

/* Holds count: two suspends need two resumes. */
TEST_TIMEOUT(thread_suspend_counts, 120)
{
	struct two t;

	ASSERT_EQ(0, two_start(&t, 2));
	ASSERT_EQ(KERN_SUCCESS, thread_suspend(t.th));
	ASSERT_EQ(KERN_SUCCESS, thread_suspend(t.th));
	EXPECT_EQ(2, suspend_count(t.th));
	ASSERT_EQ(KERN_SUCCESS, thread_resume(t.th));
	EXPECT_EQ(1, suspend_count(t.th));
	EXPECT_TRUE(counter_frozen(&t.s->c[1]));
	EXPECT_EQ('T', tid_state(t.pid, t.s->tid[1]));
	ASSERT_EQ(KERN_SUCCESS, thread_resume(t.th));
	EXPECT_TRUE(counter_moves(&t.s->c[1]));
	reap(t.pid);
}

/* task_resume releases the task's hold only: a thread_suspend()ed
 * thread stays stopped, and task holds do not show in its count. */
TEST_TIMEOUT(task_resume_keeps_thread_hold, 120)
{
	struct two t;
	thread_act_t th0;

	ASSERT_EQ(0, two_start(&t, 2));
	th0 = thread_for_tid(t.task, t.s->tid[0]);
	ASSERT_NE(MACH_PORT_NULL, th0);
	ASSERT_EQ(KERN_SUCCESS, thread_suspend(t.th));
	ASSERT_EQ(KERN_SUCCESS, task_suspend(t.task));
	EXPECT_TRUE(counter_frozen(&t.s->c[0]));
	EXPECT_EQ(0, suspend_count(th0));
	EXPECT_EQ(1, suspend_count(t.th));
	ASSERT_EQ(KERN_SUCCESS, task_resume(t.task));
	EXPECT_TRUE(counter_moves(&t.s->c[0]));
	EXPECT_TRUE(counter_frozen(&t.s->c[1]));
	EXPECT_EQ('T', tid_state(t.pid, t.s->tid[1]));
	EXPECT_EQ(1, suspend_count(t.th));
	ASSERT_EQ(KERN_SUCCESS, thread_resume(t.th));
	EXPECT_TRUE(counter_moves(&t.s->c[1]));
	EXPECT_TRUE(wait_state(t.pid, t.s->tid[1], 'T', true));
	reap(t.pid);
}

/* And the other way: thread_resume does not undo task_suspend. */
TEST_TIMEOUT(thread_resume_keeps_task_hold, 120)
{
	struct two t;

	ASSERT_EQ(0, two_start(&t, 2));
	ASSERT_EQ(KERN_SUCCESS, task_suspend(t.task));
	ASSERT_EQ(KERN_SUCCESS, thread_suspend(t.th));
	ASSERT_EQ(KERN_SUCCESS, thread_resume(t.th));
	EXPECT_TRUE(counter_frozen(&t.s->c[1]));
	EXPECT_TRUE(counter_frozen(&t.s->c[0]));
	EXPECT_EQ('T', tid_state(t.pid, t.s->tid[1]));
	ASSERT_EQ(KERN_SUCCESS, task_resume(t.task));
	EXPECT_TRUE(counter_moves(&t.s->c[1]));
	EXPECT_TRUE(counter_moves(&t.s->c[0]));
	reap(t.pid);
}

/* ------------------------------------------------------------------ */
/* Thread state */

#define MAGIC 0x5eed0f7ab1e5ULL

/* Where thread_set_state sends a thread: store r12 at (r13), then spin. */
asm(".pushsection .text\n"
    ".globl th_marker_entry\n"
    ".hidden th_marker_entry\n"
    ".type th_marker_entry, @function\n"
    "th_marker_entry:\n"
    "\tmovq %r12, (%r13)\n"
    "1:\tpause\n"
    "\tjmp 1b\n"
    ".size th_marker_entry, . - th_marker_entry\n"
    ".popsection\n");
extern char th_marker_entry[];
extern char __executable_start[], etext[];

static bool in_text(uint64_t pc)
{
	return pc >= (uint64_t)__executable_start && pc < (uint64_t)etext;
}

static kern_return_t get_state(thread_act_t th, x86_thread_state64_t *st,
			       mach_msg_type_number_t *cnt)
{
	*cnt = x86_THREAD_STATE64_COUNT;
	memset(st, 0, sizeof(*st));
	return thread_get_state(th, x86_THREAD_STATE64, (thread_state_t)st,
				cnt);
}

/* Thread 1 of a two-thread child, held by thread_suspend and seen
 * stopped; the child is killed when the test is done. */
FIXTURE(stopped_thread) {
	struct two t;
};

FIXTURE_SETUP(stopped_thread)
{
	struct two *t = &self->t;

	ASSERT_EQ(0, two_start(t, 2));
	ASSERT_EQ(KERN_SUCCESS, thread_suspend(t->th));
	ASSERT_TRUE(wait_state(t->pid, t->s->tid[1], 'T', false));
}

FIXTURE_TEARDOWN(stopped_thread)
{
	reap(self->t.pid);
}

/* A suspended thread's registers (XNU's thread_get_state,
 * machine_thread_get_state for x86_THREAD_STATE64): pc in our text (the
 * child is a fork of this binary), a stack pointer, user CS; the thread
 * runs again at resume. */
TEST_F_TIMEOUT(stopped_thread, get_state_of_suspended_thread, 120)
{
	struct two *t = &self->t;
	x86_thread_state64_t st;
	mach_msg_type_number_t cnt;

	ASSERT_EQ(KERN_SUCCESS, get_state(t->th, &st, &cnt));
	EXPECT_EQ(x86_THREAD_STATE64_COUNT, cnt);
	printf("# rip %#llx rsp %#llx rflags %#llx cs %#llx fs %#llx gs %#llx (text %p-%p)\n",
	       (unsigned long long)st.__rip, (unsigned long long)st.__rsp,
	       (unsigned long long)st.__rflags, (unsigned long long)st.__cs,
	       (unsigned long long)st.__fs, (unsigned long long)st.__gs,
	       (void *)__executable_start, (void *)etext);
	EXPECT_NE(0, st.__rip);
	EXPECT_TRUE(in_text(st.__rip));
	EXPECT_NE(0, st.__rsp);
	/* spin()'s argument, the counter's address */
	EXPECT_EQ((uint64_t)&t->s->c[1], st.__rdi);
	EXPECT_EQ(KERN_SUCCESS, thread_resume(t->th));
	EXPECT_TRUE(counter_moves(&t->s->c[1]));
}

/* a bigger buffer gets the 42 words, the same as an exact one */
TEST_F_TIMEOUT(stopped_thread, get_state_bigger_count_gets_42_words, 120)
{
	struct two *t = &self->t;
	x86_thread_state64_t st;
	mach_msg_type_number_t cnt;
	natural_t big[100];

	ASSERT_EQ(KERN_SUCCESS, get_state(t->th, &st, &cnt));
	cnt = 100;
	EXPECT_EQ(KERN_SUCCESS, thread_get_state(t->th, x86_THREAD_STATE64,
						 big, &cnt));
	EXPECT_EQ(x86_THREAD_STATE64_COUNT, cnt);
	EXPECT_EQ(0, memcmp(big, &st, sizeof(st)));
}

/* a short count, or a flavor not served, is KERN_INVALID_ARGUMENT */
TEST_F_TIMEOUT(stopped_thread, get_state_short_count_or_bad_flavor, 120)
{
	struct two *t = &self->t;
	mach_msg_type_number_t cnt;
	natural_t big[100];

	cnt = x86_THREAD_STATE64_COUNT - 1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_get_state(t->th, x86_THREAD_STATE64, big, &cnt));
	cnt = 100;
	EXPECT_EQ(KERN_INVALID_ARGUMENT, thread_get_state(t->th, 99, big, &cnt));
}

/*
 * XNU's thread_suspend returns once the thread is off the CPU
 * (thread_wait), as task_suspend does: its registers can be read at
 * once and it shows T.  Many rounds, since a race loses only sometimes.
 */
TEST_TIMEOUT(thread_suspend_is_synchronous, 120)
{
	x86_thread_state64_t st;
	mach_msg_type_number_t cnt;
	thread_basic_info_data_t bi;
	int i, late_state = 0, late_regs = 0;
	struct two t;

	ASSERT_EQ(0, two_start(&t, 2));
	for (i = 0; i < 20; i++) {
		ASSERT_EQ(KERN_SUCCESS, thread_suspend(t.th));
		if (tid_state(t.pid, t.s->tid[1]) != 'T')
			late_state++;
		if (get_state(t.th, &st, &cnt) != KERN_SUCCESS)
			late_regs++;
		ASSERT_TRUE(wait_state(t.pid, t.s->tid[1], 'T', false));
		ASSERT_EQ(KERN_SUCCESS, basic_info(t.th, &bi));
		EXPECT_EQ(1, bi.suspend_count);
		/* parked interruptibly, as XNU's thread_apc_ast */
		EXPECT_EQ(TH_STATE_WAITING, bi.run_state);
		ASSERT_EQ(KERN_SUCCESS, thread_resume(t.th));
		ASSERT_TRUE(counter_moves(&t.s->c[1]));
	}
	printf("# of 20 thread_suspend calls, %d returned before T, %d before the registers could be read\n",
	       late_state, late_regs);
	EXPECT_EQ(0, late_state);
	EXPECT_EQ(0, late_regs);
	reap(t.pid);
}

/* Not required to be suspended on XNU either (the kernel stops the
 * thread around the read); report what happens on a running one. */
TEST_TIMEOUT(get_state_of_running_thread, 120)
{
	struct two t;
	x86_thread_state64_t st;
	mach_msg_type_number_t cnt;
	kern_return_t kr;

	ASSERT_EQ(0, two_start(&t, 2));
	kr = get_state(t.th, &st, &cnt);
	printf("# thread_get_state(running): %s (%#x), rip %#llx\n",
	       mach_error_string(kr), kr, (unsigned long long)st.__rip);
	/* the module wants the thread stopped first: KERN_FAILURE */
	EXPECT_TRUE(kr == KERN_SUCCESS || kr == KERN_FAILURE);
	if (kr == KERN_SUCCESS)
		EXPECT_TRUE(in_text(st.__rip));
	EXPECT_TRUE(counter_moves(&t.s->c[1]));
	EXPECT_EQ(0, suspend_count(t.th));
	reap(t.pid);
}

/* Registers set while suspended take effect at resume: the thread runs
 * th_marker_entry, which stores r12 at r13. */
TEST_TIMEOUT(set_state_redirects_thread, 120)
{
	struct two t;
	x86_thread_state64_t st, st2;
	mach_msg_type_number_t cnt;

	ASSERT_EQ(0, two_start(&t, 2));
	ASSERT_EQ(KERN_SUCCESS, thread_suspend(t.th));
	ASSERT_TRUE(wait_state(t.pid, t.s->tid[1], 'T', false));
	ASSERT_EQ(KERN_SUCCESS, get_state(t.th, &st, &cnt));
	st.__r12 = MAGIC;
	st.__r13 = (uint64_t)&t.s->marker;
	st.__rip = (uint64_t)th_marker_entry;
	ASSERT_EQ(KERN_SUCCESS, thread_set_state(t.th, x86_THREAD_STATE64,
						 (thread_state_t)&st,
						 x86_THREAD_STATE64_COUNT));
	ASSERT_EQ(KERN_SUCCESS, get_state(t.th, &st2, &cnt));
	EXPECT_EQ(MAGIC, st2.__r12);
	EXPECT_EQ((uint64_t)th_marker_entry, st2.__rip);
	EXPECT_EQ(st.__rsp, st2.__rsp);
	EXPECT_EQ(0, t.s->marker);
	/* nothing runs before the resume */
	EXPECT_TRUE(HOLDS_FOR(t.s->marker == 0, GAP_MS));
	EXPECT_EQ(0, t.s->marker);

	ASSERT_EQ(KERN_SUCCESS, thread_resume(t.th));
	WAIT_UNTIL(t.s->marker == MAGIC, WAIT_MS);
	EXPECT_EQ(MAGIC, t.s->marker);
	EXPECT_TRUE(counter_frozen(&t.s->c[1]));	/* left the loop */
	EXPECT_TRUE(counter_moves(&t.s->c[0]));
	EXPECT_EQ(0, kill(t.pid, 0));
	reap(t.pid);
}

TEST_TIMEOUT(set_state_bad_arguments, 120)
{
	struct two t;
	x86_thread_state64_t st, st2;
	mach_msg_type_number_t cnt;

	ASSERT_EQ(0, two_start(&t, 2));
	ASSERT_EQ(KERN_SUCCESS, thread_suspend(t.th));
	ASSERT_TRUE(wait_state(t.pid, t.s->tid[1], 'T', false));
	ASSERT_EQ(KERN_SUCCESS, get_state(t.th, &st, &cnt));
	st2 = st;
	st2.__rip = 0;
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_set_state(t.th, x86_THREAD_STATE64,
				   (thread_state_t)&st2,
				   x86_THREAD_STATE64_COUNT - 1));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_set_state(t.th, 99, (thread_state_t)&st2,
				   x86_THREAD_STATE64_COUNT));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_set_state(t.th, x86_THREAD_STATE64,
				   (thread_state_t)&st2, 0));
	/* nothing was changed by the failed calls */
	ASSERT_EQ(KERN_SUCCESS, get_state(t.th, &st2, &cnt));
	EXPECT_EQ(st.__rip, st2.__rip);
	/* the same state written back is harmless */
	EXPECT_EQ(KERN_SUCCESS, thread_set_state(t.th, x86_THREAD_STATE64,
						 (thread_state_t)&st,
						 x86_THREAD_STATE64_COUNT));
	ASSERT_EQ(KERN_SUCCESS, thread_resume(t.th));
	EXPECT_TRUE(counter_moves(&t.s->c[1]));
	reap(t.pid);
}

TEST(thread_info_bad_arguments)
{
	thread_basic_info_data_t bi;
	mach_msg_type_number_t cnt;
	mach_port_t me = mach_thread_self();
	integer_t buf[THREAD_INFO_MAX];

	cnt = THREAD_BASIC_INFO_COUNT - 1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_info(me, THREAD_BASIC_INFO, (thread_info_t)&bi, &cnt));
	cnt = THREAD_INFO_MAX;
	EXPECT_EQ(KERN_INVALID_ARGUMENT, thread_info(me, 999, buf, &cnt));
	/* a bigger buffer gets the flavor's count */
	cnt = THREAD_INFO_MAX;
	EXPECT_EQ(KERN_SUCCESS, thread_info(me, THREAD_BASIC_INFO, buf, &cnt));
	EXPECT_EQ(THREAD_BASIC_INFO_COUNT, cnt);
	/* a task port is not a thread port */
	cnt = THREAD_INFO_MAX;
	EXPECT_NE(KERN_SUCCESS, thread_info(mach_task_self(),
					    THREAD_BASIC_INFO, buf, &cnt));
	EXPECT_NE(KERN_SUCCESS, thread_suspend(mach_task_self()));
	/* and a thread port is not a task port */
	{
		thread_act_array_t list;
		mach_msg_type_number_t n;

		EXPECT_NE(KERN_SUCCESS, task_threads(me, &list, &n));
	}
}

/* An error a call on a dead thread's port may give: XNU answers
 * KERN_TERMINATED while the port lives; a port already torn down (dead
 * name) gives MACH_SEND_INVALID_DEST. */
static bool dead_thread_error(const char *what, kern_return_t kr)
{
	printf("# %s on an exited thread: %s (%#x)\n", what,
	       mach_error_string(kr), kr);
	return kr == KERN_TERMINATED || kr == MACH_SEND_INVALID_DEST;
}

static void check_dead_thread(struct harness_test *_metadata,
			      thread_act_t th)
{
	x86_thread_state64_t st;
	thread_basic_info_data_t bi;
	mach_msg_type_number_t cnt;
	mach_port_type_t type = 0;

	EXPECT_TRUE(dead_thread_error("thread_suspend", thread_suspend(th)));
	EXPECT_TRUE(dead_thread_error("thread_resume", thread_resume(th)));
	EXPECT_TRUE(dead_thread_error("thread_get_state",
				      get_state(th, &st, &cnt)));
	cnt = THREAD_BASIC_INFO_COUNT;
	EXPECT_TRUE(dead_thread_error("thread_info",
				      thread_info(th, THREAD_BASIC_INFO,
						  (thread_info_t)&bi, &cnt)));
	/* answered before the routine is looked at: not KERN_NOT_SUPPORTED */
	EXPECT_TRUE(dead_thread_error("thread_terminate",
				      thread_terminate(th)));
	mach_port_type(mach_task_self(), th, &type);
	printf("# its name's type now %#x\n", type);
}

TEST_TIMEOUT(exited_thread_port, 120)
{
	thread_act_array_t list;
	mach_msg_type_number_t n = 0;
	struct two t;

	ASSERT_EQ(0, two_start(&t, -2));
	EXPECT_EQ(0, suspend_count(t.th));
	t.s->release = 1;
	{
		long long end = now_ms() + WAIT_MS;

		while (tid_state(t.pid, t.s->tid[1]) && now_ms() < end)
			sleep_ms(5);
		ASSERT_EQ(0, tid_state(t.pid, t.s->tid[1]));
	}
	check_dead_thread(_metadata, t.th);
	ASSERT_EQ(KERN_SUCCESS, task_threads(t.task, &list, &n));
	EXPECT_EQ(1, n);
	if (n)
		EXPECT_EQ((uint64_t)t.pid, thread_tid(list[0]));
	reap(t.pid);
}

struct exiting {
	mach_port_t self;
	int go[2];
};

static void *name_self_then_exit(void *arg)
{
	struct exiting *e = arg;
	char c;

	__atomic_store_n(&e->self, mach_thread_self(), __ATOMIC_RELEASE);
	if (read(e->go[0], &c, 1) != 1)
		return (void *)1;
	return NULL;
}

/*
 * The port of a thread dies when the thread exits, not when a message next
 * reaches it: a dead-name notification requested on it arrives with no
 * message sent, and the name is then a dead name.
 */
TEST_TIMEOUT(thread_port_dies_when_thread_exits, 120)
{
	struct {
		mach_dead_name_notification_t n;
		mach_msg_max_trailer_t trailer;
	} msg;
	struct exiting e = { MACH_PORT_NULL };
	mach_port_t notify, prev = MACH_PORT_NULL;
	long long end = now_ms() + WAIT_MS;
	mach_port_type_t type = 0;
	void *ret = NULL;
	pthread_t t;

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
						   MACH_PORT_RIGHT_RECEIVE,
						   &notify));
	ASSERT_EQ(0, pipe(e.go));
	ASSERT_EQ(0, pthread_create(&t, NULL, name_self_then_exit, &e));
	while (!__atomic_load_n(&e.self, __ATOMIC_ACQUIRE) && now_ms() < end)
		sleep_ms(1);
	ASSERT_NE(MACH_PORT_NULL, e.self);
	ASSERT_EQ(KERN_SUCCESS, mach_port_request_notification(
			  mach_task_self(), e.self, MACH_NOTIFY_DEAD_NAME, 0,
			  notify, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev));
	ASSERT_EQ(1, write(e.go[1], "x", 1));
	ASSERT_EQ(0, pthread_join(t, &ret));
	EXPECT_EQ(NULL, ret);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&msg.n.not_header, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
			   0, sizeof(msg), notify, WAIT_MS, MACH_PORT_NULL));
	EXPECT_EQ(MACH_NOTIFY_DEAD_NAME, msg.n.not_header.msgh_id);
	EXPECT_EQ(e.self, msg.n.not_port);
	EXPECT_EQ(KERN_SUCCESS, mach_port_type(mach_task_self(), e.self, &type));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, type);
	close(e.go[0]);
	close(e.go[1]);
}

/* Thread ports of a process that has exited altogether. */
TEST_TIMEOUT(exited_process_thread_port, 120)
{
	struct two t;

	ASSERT_EQ(0, two_start(&t, 2));
	reap(t.pid);
	check_dead_thread(_metadata, t.th);
}

/*
 * thread_terminate: XNU's thread_terminate (osfmk/kern/thread_act.c,
 * thread_terminate_internal) ends the one thread and answers
 * KERN_SUCCESS.  The module cannot end one thread of a Linux thread group
 * (do_exit is not exported to modules) and always answers
 * KERN_NOT_SUPPORTED (46) for a live thread (module/thread.c, served id
 * 3600; Documentation/suspension.rst).  These tests assert what does
 * happen: that answer, and nothing else changed.
 */
static void terminate_start(struct harness_test *_metadata, struct two *t,
			    bool suspended)
{
	ASSERT_EQ(0, two_start(t, 3));
	if (suspended)
		ASSERT_EQ(KERN_SUCCESS, thread_suspend(t->th));
	ASSERT_EQ(KERN_NOT_SUPPORTED, thread_terminate(t->th));
}

/* thread_terminate of a running thread: KERN_NOT_SUPPORTED, and the
 * thread runs on. */
TEST_TIMEOUT(thread_terminate_is_not_supported, 120)
{
	struct two t;

	terminate_start(_metadata, &t, false);
	EXPECT_NE(0, tid_state(t.pid, t.s->tid[1]));
	EXPECT_TRUE(counter_moves(&t.s->c[1]));
	reap(t.pid);
}

/* The other threads of the task and the process itself run on. */
TEST_TIMEOUT(thread_terminate_leaves_the_task_running, 120)
{
	thread_act_array_t list;
	mach_msg_type_number_t n = 0;
	struct two t;

	terminate_start(_metadata, &t, false);
	EXPECT_TRUE(counter_moves(&t.s->c[0]));
	EXPECT_TRUE(counter_moves(&t.s->c[2]));
	EXPECT_EQ(0, kill(t.pid, 0));
	ASSERT_EQ(KERN_SUCCESS, task_threads(t.task, &list, &n));
	EXPECT_EQ(3, n);
	reap(t.pid);
}

/* libmach's thread_terminate leaves the caller's send right (it sends
 * an extra reference, Documentation/mig.rst), so the port still works:
 * the same right suspends and resumes the thread afterwards. */
TEST_TIMEOUT(thread_terminate_leaves_the_send_right, 120)
{
	mach_port_urefs_t before = 0, after = 0;
	struct two t;

	ASSERT_EQ(0, two_start(&t, 3));
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), t.th,
						   MACH_PORT_RIGHT_SEND,
						   &before));
	ASSERT_EQ(KERN_NOT_SUPPORTED, thread_terminate(t.th));
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_refs(mach_task_self(), t.th,
						   MACH_PORT_RIGHT_SEND,
						   &after));
	EXPECT_EQ(before, after);
	EXPECT_EQ(KERN_SUCCESS, thread_suspend(t.th));
	EXPECT_TRUE(counter_frozen(&t.s->c[1]));
	EXPECT_EQ(KERN_SUCCESS, thread_resume(t.th));
	EXPECT_TRUE(counter_moves(&t.s->c[1]));
	reap(t.pid);
}

/* A suspended thread stays suspended, with its hold, until resumed. */
TEST_TIMEOUT(thread_terminate_keeps_a_suspended_thread_held, 120)
{
	struct two t;

	terminate_start(_metadata, &t, true);
	EXPECT_NE(0, tid_state(t.pid, t.s->tid[1]));
	EXPECT_EQ(1, suspend_count(t.th));
	EXPECT_TRUE(counter_frozen(&t.s->c[1]));
	EXPECT_EQ(KERN_SUCCESS, thread_resume(t.th));
	EXPECT_TRUE(counter_moves(&t.s->c[1]));
	EXPECT_TRUE(counter_moves(&t.s->c[2]));
	reap(t.pid);
}

/* A bad pc set on a stopped thread faults in the thread (SIGSEGV for
 * the process), not in the kernel. */
static void bad_pc_case(struct harness_test *_metadata, uint64_t pc)
{
	x86_thread_state64_t st;
	mach_msg_type_number_t cnt;
	struct two t;
	int status = 0;

	ASSERT_EQ(0, two_start(&t, 2));
	ASSERT_EQ(KERN_SUCCESS, thread_suspend(t.th));
	ASSERT_TRUE(wait_state(t.pid, t.s->tid[1], 'T', false));
	ASSERT_EQ(KERN_SUCCESS, get_state(t.th, &st, &cnt));
	st.__rip = pc;
	ASSERT_EQ(KERN_SUCCESS, thread_set_state(t.th, x86_THREAD_STATE64,
						 (thread_state_t)&st,
						 x86_THREAD_STATE64_COUNT));
	ASSERT_EQ(KERN_SUCCESS, thread_resume(t.th));
	ASSERT_EQ(t.pid, waitpid(t.pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGSEGV, WTERMSIG(status));
}

TEST_TIMEOUT(set_state_null_pc_faults_in_user, 120)
{
	bad_pc_case(_metadata, 0);
}

/* Set /proc/sys/debug/exception-trace to @v; returns the old value or
 * -1.  Its "traps: ... general protection fault" line for a user fault
 * would read as a kernel splat to tools/vm-run. */
static int exception_trace(int v)
{
	int fd = open("/proc/sys/debug/exception-trace", O_RDWR);
	char buf[16] = "";
	int old = -1;

	if (fd < 0)
		return -1;
	if (read(fd, buf, sizeof(buf) - 1) > 0)
		old = atoi(buf);
	snprintf(buf, sizeof(buf), "%d\n", v);
	if (pwrite(fd, buf, strlen(buf), 0) < 0)
		old = -1;
	close(fd);
	return old;
}

TEST_TIMEOUT(set_state_noncanonical_pc_faults_in_user, 120)
{
	int old = exception_trace(0);

	if (old < 0)
		SKIP(return, "cannot quiet debug.exception-trace (the fault's log line would look like a splat)");
	bad_pc_case(_metadata, 0x8000000000000000ULL);
	exception_trace(old);
}

TEST_HARNESS_MAIN
