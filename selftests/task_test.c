// SPDX-License-Identifier: GPL-2.0
/*
 * Task ports (issue 5, xnu-semantics.md §4-5): task_for_pid and its
 * policy, pid_for_task, what an exited or exec'd process's task port
 * becomes, the in-kernel MIG server for task ports driven both through
 * hand-built mach_msg requests and through libmach's stubs, and the
 * special ports (kernel, bootstrap) across fork and exec.
 *
 * Exec tests re-exec this binary with --exec-helper (the selftests
 * Makefile builds only *_test.c, so there is no separate helper program).
 */
#include "harness.h"

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_traps.h>
#include <mach/mig_errors.h>
#include <mach/semaphore.h>
#include <mach/task.h>

#define WAIT_MS 10000

/* msgh_ids: task.defs, base 3400 (xnu-semantics.md §4.2) */
#define ID_TASK_CREATE		3400
#define ID_TASK_TERMINATE	3401
#define ID_TASK_INFO		3405
#define ID_TASK_SUSPEND		3407
#define ID_TASK_RESUME		3408
#define ID_TASK_GET_SPECIAL	3409
#define ID_TASK_SET_SPECIAL	3410
#define ID_TASK_SAMPLE		3422	/* obsolete: skip in the kernel */
#define ID_TASK_SUSPEND2	3436
#define ID_TASK_RESUME2		3437
#define ID_UNKNOWN		3499

/* Messages between this test and its children */
#define MSG_FORK_CHILD	4242
#define MSG_EXEC_HELPER	4343

static void reap(pid_t pid)
{
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
}

/* A child that waits for a byte (or EOF) on a pipe, then exits 0. */
struct waiter {
	pid_t pid;
	int go;
};

static int waiter_start(struct waiter *w)
{
	int p[2];
	char b;

	if (pipe(p))
		return -1;
	w->pid = fork();
	if (w->pid == 0) {
		close(p[1]);
		if (read(p[0], &b, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[0]);
	w->go = p[1];
	return w->pid > 0 ? 0 : -1;
}

/* Let it exit, and reap it. */
static int waiter_finish(struct waiter *w)
{
	int status = -1;

	close(w->go);
	waitpid(w->pid, &status, 0);
	return status;
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

static mach_port_type_t type_of(mach_port_name_t name)
{
	mach_port_type_t type = 0;
	kern_return_t kr = mach_port_type(mach_task_self(), name, &type);

	if (kr != KERN_SUCCESS) {
		printf("# mach_port_type(0x%x): %s (%d)\n", name,
		       mach_error_string(kr), kr);
		return 0;
	}
	return type;
}

static mach_port_urefs_t send_refs(mach_port_name_t name)
{
	mach_port_urefs_t refs = 0;

	if (mach_port_get_refs(mach_task_self(), name, MACH_PORT_RIGHT_SEND,
			       &refs) != KERN_SUCCESS)
		return 0;
	return refs;
}

/* The task port of an exited process turns into a dead name once the
 * module has seen the exit; give it a moment (it runs from a workqueue). */
static bool wait_dead_name(mach_port_name_t name, int ms, long long *took)
{
	long long start = now_ms(), end = start + ms;
	mach_port_type_t type = 0;

	do {
		if (mach_port_type(mach_task_self(), name, &type) ==
		    KERN_SUCCESS && type == MACH_PORT_TYPE_DEAD_NAME) {
			*took = now_ms() - start;
			return true;
		}
		sleep_ms(2);
	} while (now_ms() < end);
	printf("# 0x%x: type 0x%x after %d ms, not a dead name\n", name,
	       type, ms);
	return false;
}

/* A receive right with a send right under the same name. */
static mach_port_t port_with_send(void)
{
	mach_port_t p = MACH_PORT_NULL;

	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p))
		return MACH_PORT_NULL;
	if (mach_port_insert_right(mach_task_self(), p, p,
				   MACH_MSG_TYPE_MAKE_SEND))
		return MACH_PORT_NULL;
	return p;
}

/* ------------------------------------------------------------------ */
/* Hand-built MIG requests */

#pragma pack(push, 4)
struct info_req {
	mach_msg_header_t head;
	NDR_record_t ndr;
	task_flavor_t flavor;
	mach_msg_type_number_t count;
};

struct info_rep {
	mach_msg_header_t head;
	NDR_record_t ndr;
	kern_return_t ret;
	mach_msg_type_number_t count;
	integer_t info[];
};

struct which_req {
	mach_msg_header_t head;
	NDR_record_t ndr;
	int which;
};

struct port_rep {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
};

struct set_req {
	mach_msg_header_t head;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
	NDR_record_t ndr;
	int which;
};
#pragma pack(pop)

union mig_buf {
	mach_msg_header_t head;
	mig_reply_error_t err;
	struct info_req info_req;
	struct info_rep info_rep;
	struct which_req which_req;
	struct port_rep port_rep;
	struct set_req set_req;
	char bytes[8192];
};

static mach_port_t rpc_reply_port;

/*
 * Send the @size-byte request in @b to @dest (disposition @disp) with id
 * @id and a send-once reply right, then receive the reply into @b.
 */
static mach_msg_return_t rpc(union mig_buf *b, mach_msg_size_t size,
			     mach_port_t dest, mach_msg_type_name_t disp,
			     mach_msg_id_t id)
{
	mach_msg_return_t mr;

	if (!rpc_reply_port)
		rpc_reply_port = mach_reply_port();
	b->head.msgh_bits = MACH_MSGH_BITS(disp, MACH_MSG_TYPE_MAKE_SEND_ONCE) |
			    (b->head.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	b->head.msgh_size = size;
	b->head.msgh_remote_port = dest;
	b->head.msgh_local_port = rpc_reply_port;
	b->head.msgh_voucher_port = MACH_PORT_NULL;
	b->head.msgh_id = id;
	mr = mach_msg(&b->head, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
		      size, sizeof(*b), rpc_reply_port, WAIT_MS,
		      MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS && mr != MACH_SEND_INVALID_DEST)
		printf("# mach_msg(id %d): %s (0x%x)\n", id,
		       mach_error_string(mr), mr);
	return mr;
}

/* A header-only request (task_suspend, task_resume, task_terminate, ...) */
static mach_msg_return_t rpc_simple(union mig_buf *b, mach_port_t dest,
				    mach_msg_id_t id)
{
	memset(b, 0, sizeof(b->head));
	return rpc(b, sizeof(b->head), dest, MACH_MSG_TYPE_COPY_SEND, id);
}

static mach_msg_return_t rpc_info(union mig_buf *b, mach_port_t task,
				  task_flavor_t flavor,
				  mach_msg_type_number_t count)
{
	memset(&b->info_req, 0, sizeof(b->info_req));
	b->info_req.ndr = NDR_record;
	b->info_req.flavor = flavor;
	b->info_req.count = count;
	return rpc(b, sizeof(b->info_req), task, MACH_MSG_TYPE_COPY_SEND,
		   ID_TASK_INFO);
}

static mach_msg_return_t rpc_get_special(union mig_buf *b, mach_port_t task,
					 int which)
{
	memset(&b->which_req, 0, sizeof(b->which_req));
	b->which_req.ndr = NDR_record;
	b->which_req.which = which;
	return rpc(b, sizeof(b->which_req), task, MACH_MSG_TYPE_COPY_SEND,
		   ID_TASK_GET_SPECIAL);
}

static mach_msg_return_t rpc_set_special(union mig_buf *b, mach_port_t task,
					 int which, mach_port_t port,
					 mach_msg_type_name_t disp)
{
	memset(&b->set_req, 0, sizeof(b->set_req));
	b->set_req.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	b->set_req.body.msgh_descriptor_count = 1;
	b->set_req.port.name = port;
	b->set_req.port.disposition = disp;
	b->set_req.port.type = MACH_MSG_PORT_DESCRIPTOR;
	b->set_req.ndr = NDR_record;
	b->set_req.which = which;
	return rpc(b, sizeof(b->set_req), task, MACH_MSG_TYPE_COPY_SEND,
		   ID_TASK_SET_SPECIAL);
}

/* The reply header XNU's kobject server builds: id + 100, the reply
 * right received as a send-once right, no remote port. */
#define CHECK_REPLY_HEAD(b, id) do {					\
	EXPECT_EQ((id) + 100, (b)->head.msgh_id);			\
	EXPECT_EQ(rpc_reply_port, (b)->head.msgh_local_port);		\
	EXPECT_EQ(MACH_PORT_NULL, (b)->head.msgh_remote_port);		\
	EXPECT_EQ(MACH_MSG_TYPE_PORT_SEND_ONCE,				\
		  MACH_MSGH_BITS_LOCAL((b)->head.msgh_bits));		\
	EXPECT_EQ(0, MACH_MSGH_BITS_REMOTE((b)->head.msgh_bits));	\
} while (0)

/* A mig_reply_error_t carrying @kr, in reply to @id. */
#define CHECK_ERROR_REPLY(b, id, kr) do {				\
	CHECK_REPLY_HEAD(b, id);					\
	EXPECT_FALSE((b)->head.msgh_bits & MACH_MSGH_BITS_COMPLEX);	\
	EXPECT_EQ(sizeof(mig_reply_error_t), (b)->head.msgh_size);	\
	EXPECT_EQ(0, memcmp(&(b)->err.NDR, &NDR_record,			\
			    sizeof(NDR_record)));			\
	EXPECT_EQ((kr), (b)->err.RetCode);				\
} while (0)

/* A reply carrying one port descriptor, received with @disp. */
#define CHECK_PORT_REPLY(b, id, disp) do {				\
	CHECK_REPLY_HEAD(b, id);					\
	ASSERT_TRUE((b)->head.msgh_bits & MACH_MSGH_BITS_COMPLEX);	\
	EXPECT_EQ(sizeof(struct port_rep), (b)->head.msgh_size);	\
	EXPECT_EQ(1, (b)->port_rep.body.msgh_descriptor_count);		\
	EXPECT_EQ(MACH_MSG_PORT_DESCRIPTOR, (b)->port_rep.port.type);	\
	EXPECT_EQ((disp), (b)->port_rep.port.disposition);		\
} while (0)

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

static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

static bool wait_state(pid_t pid, char c, int ms)
{
	long long end = now_ms() + ms;

	do {
		if (proc_state(pid) == c)
			return true;
		sleep_ms(5);
	} while (now_ms() < end);
	printf("# pid %d: state %c, wanted %c\n", pid, proc_state(pid), c);
	return false;
}

/* ------------------------------------------------------------------ */
/* task_for_pid and pid_for_task */

/* root gets a send right to its child's task port; asking again adds a
 * uref to the same name; pid_for_task maps it back. */
TEST(task_for_pid_gives_child_task_port)
{
	struct waiter w;
	mach_port_t t, t2 = MACH_PORT_NULL;
	int pid = 0;

	ASSERT_EQ(0, waiter_start(&w));
	t = task_of(w.pid);
	ASSERT_NE(MACH_PORT_NULL, t);
	EXPECT_EQ(MACH_PORT_TYPE_SEND, type_of(t));
	EXPECT_EQ(1, send_refs(t));
	EXPECT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), w.pid, &t2));
	EXPECT_EQ(t, t2);
	EXPECT_EQ(2, send_refs(t));
	EXPECT_EQ(KERN_SUCCESS, pid_for_task(t, &pid));
	EXPECT_EQ(w.pid, pid);
	EXPECT_EQ(KERN_SUCCESS, pid_for_task(mach_task_self(), &pid));
	EXPECT_EQ(getpid(), pid);
	EXPECT_EQ(0, waiter_finish(&w));
}

/* Drop to uid/gid 1000 in a child; returns the child's exit code. */
static int as_user(void (*fn)(void *), void *arg)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (setgroups(0, NULL) || setgid(1000) || setuid(1000))
			_exit(100);
		fn(arg);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 200;
}

/* Exit codes of the unprivileged children below, so that the parent's
 * log says which check failed. */
enum { U_OK, U_TFP_KR = 10, U_TFP_NAME, U_TFP_OK_FAILED, U_PID_KR, U_PID };

static void tfp_other_user(void *arg)
{
	pid_t target = *(pid_t *)arg;
	mach_port_t t = 0xdeadbeef;
	kern_return_t kr;

	kr = task_for_pid(mach_task_self(), target, &t);
	if (kr != KERN_FAILURE) {
		printf("# uid 1000: task_for_pid(%d) = %d\n", target, kr);
		_exit(U_TFP_KR);
	}
	if (t != MACH_PORT_NULL)
		_exit(U_TFP_NAME);
	t = 0xdeadbeef;
	if (task_for_pid(mach_task_self(), 1, &t) != KERN_FAILURE ||
	    t != MACH_PORT_NULL)
		_exit(U_TFP_KR);
}

/* An unprivileged caller cannot get the task port of a root process:
 * KERN_FAILURE and MACH_PORT_NULL, as XNU. */
TEST(task_for_pid_across_users_fails)
{
	struct waiter w;

	ASSERT_EQ(0, waiter_start(&w));
	EXPECT_EQ(U_OK, as_user(tfp_other_user, &w.pid));
	EXPECT_EQ(0, waiter_finish(&w));
}

static void tfp_same_user(void *arg)
{
	mach_port_t t = MACH_PORT_NULL;
	struct waiter w;
	int pid = 0;

	/* setuid made us undumpable; a fresh process would be dumpable */
	prctl(PR_SET_DUMPABLE, 1);
	if (waiter_start(&w))
		_exit(1);
	if (task_for_pid(mach_task_self(), w.pid, &t) != KERN_SUCCESS ||
	    t == MACH_PORT_NULL)
		_exit(U_TFP_OK_FAILED);
	if (pid_for_task(t, &pid) != KERN_SUCCESS)
		_exit(U_PID_KR);
	if (pid != w.pid)
		_exit(U_PID);
	waiter_finish(&w);
}

/* The same unprivileged user may: same real/effective/saved ids, and a
 * dumpable target (the ptrace-like policy). */
TEST(task_for_pid_same_user_allowed)
{
	EXPECT_EQ(U_OK, as_user(tfp_same_user, NULL));
}

/* pid 0, negative pids, a pid nobody has, a kernel thread, and a bad
 * target_tport all fail with KERN_FAILURE and MACH_PORT_NULL, even for
 * root. */
TEST(task_for_pid_bad_targets_fail)
{
	static const int pids[] = { 0, -1, -100, 4194304 + 1 };
	mach_port_t t, rcv;
	char comm[32] = "";
	unsigned int i;
	int fd;

	for (i = 0; i < sizeof(pids) / sizeof(pids[0]); i++) {
		t = 0xdeadbeef;
		EXPECT_EQ(KERN_FAILURE,
			  task_for_pid(mach_task_self(), pids[i], &t));
		EXPECT_EQ(MACH_PORT_NULL, t);
	}
	/* pid 2 is kthreadd */
	fd = open("/proc/2/comm", O_RDONLY);
	ASSERT_GE(fd, 0);
	ASSERT_GT(read(fd, comm, sizeof(comm) - 1), 0);
	close(fd);
	ASSERT_EQ(0, strncmp(comm, "kthreadd", 8));
	t = 0xdeadbeef;
	EXPECT_EQ(KERN_FAILURE, task_for_pid(mach_task_self(), 2, &t));
	EXPECT_EQ(MACH_PORT_NULL, t);

	rcv = port_with_send();
	ASSERT_NE(MACH_PORT_NULL, rcv);
	t = 0xdeadbeef;
	EXPECT_EQ(KERN_FAILURE, task_for_pid(rcv, getpid(), &t));
	EXPECT_EQ(MACH_PORT_NULL, t);
	t = 0xdeadbeef;
	EXPECT_EQ(KERN_FAILURE, task_for_pid(MACH_PORT_NULL, getpid(), &t));
	EXPECT_EQ(MACH_PORT_NULL, t);
}

/* pid_for_task on something that is not a task port: KERN_FAILURE, -1 */
TEST(pid_for_task_of_non_task_fails)
{
	mach_port_t p = port_with_send();
	int pid = 12345;

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_FAILURE, pid_for_task(p, &pid));
	EXPECT_EQ(-1, pid);
	pid = 12345;
	EXPECT_EQ(KERN_FAILURE, pid_for_task(MACH_PORT_NULL, &pid));
	EXPECT_EQ(-1, pid);
}

/* ------------------------------------------------------------------ */
/* Death */

/*
 * The task port of a process that exited becomes a dead name (already
 * while it is a zombie): sends to it fail with MACH_SEND_INVALID_DEST,
 * pid_for_task fails with -1.
 */
TEST(exited_task_port_is_dead_name)
{
	union mig_buf b;
	struct waiter w;
	long long took = -1;
	mach_port_t t;
	int pid = 0;

	ASSERT_EQ(0, waiter_start(&w));
	t = task_of(w.pid);
	ASSERT_NE(MACH_PORT_NULL, t);
	close(w.go);
	ASSERT_TRUE(wait_state(w.pid, 'Z', WAIT_MS));
	EXPECT_TRUE(wait_dead_name(t, 2000, &took));
	printf("# dead name %lld ms after the zombie was seen\n", took);
	waitpid(w.pid, NULL, 0);
	EXPECT_TRUE(wait_dead_name(t, 2000, &took));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, type_of(t));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, task_suspend(t));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, task_resume(t));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, rpc_simple(&b, t, ID_TASK_SUSPEND));
	pid = 12345;
	EXPECT_EQ(KERN_FAILURE, pid_for_task(t, &pid));
	EXPECT_EQ(-1, pid);
	/* still a dead name, one uref, until deallocated */
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, type_of(t));
	EXPECT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), t));
}

/*
 * A new process that gets an exited one's pid (forced through
 * /proc/sys/kernel/ns_last_pid): t is the old process's task port, a dead
 * name since it exited; w2 is the new process, still running.
 */
FIXTURE(reused_pid) {
	struct waiter w, w2;
	mach_port_t t;
};

FIXTURE_SETUP(reused_pid)
{
	long long took;
	char buf[32];
	int fd, len;

	ASSERT_EQ(0, waiter_start(&self->w));
	self->t = task_of(self->w.pid);
	ASSERT_NE(MACH_PORT_NULL, self->t);
	EXPECT_EQ(0, waiter_finish(&self->w));
	ASSERT_TRUE(wait_dead_name(self->t, 2000, &took));

	fd = open("/proc/sys/kernel/ns_last_pid", O_WRONLY);
	ASSERT_GE(fd, 0);
	len = snprintf(buf, sizeof(buf), "%d", self->w.pid - 1);
	ASSERT_EQ(len, write(fd, buf, len));
	close(fd);
	ASSERT_EQ(0, waiter_start(&self->w2));
	if (self->w2.pid != self->w.pid) {
		printf("# could not reuse pid %d (got %d)\n", self->w.pid,
		       self->w2.pid);
		reap(self->w2.pid);
		ASSERT_EQ(self->w.pid, self->w2.pid);
	}
}

FIXTURE_TEARDOWN(reused_pid)
{
	EXPECT_EQ(0, waiter_finish(&self->w2));
}

/* The old port stays a dead name: the port died with its task
 * (ipc_task_terminate), and pid_for_task of a dead name is KERN_FAILURE
 * with pid -1. */
TEST_F(reused_pid, old_port_stays_a_dead_name)
{
	int pid = 0;

	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, type_of(self->t));
	EXPECT_EQ(KERN_FAILURE, pid_for_task(self->t, &pid));
	EXPECT_EQ(-1, pid);
}

/* A request through the old port does not reach the new process: the
 * send fails with MACH_SEND_INVALID_DEST (ipc_kmsg_copyin_header on a
 * dead name) and the new process is not stopped. */
TEST_F(reused_pid, old_port_does_not_reach_the_new_process)
{
	EXPECT_EQ(MACH_SEND_INVALID_DEST, task_suspend(self->t));
	EXPECT_NE('T', proc_state(self->w2.pid));
}

/* task_for_pid of the reused pid gives the new task's port under a new
 * name; pid_for_task names the new process. */
TEST_F(reused_pid, task_for_pid_gives_a_new_name)
{
	mach_port_t t2 = task_of(self->w2.pid);
	int pid = 0;

	EXPECT_NE(MACH_PORT_NULL, t2);
	EXPECT_NE(self->t, t2);
	EXPECT_EQ(KERN_SUCCESS, pid_for_task(t2, &pid));
	EXPECT_EQ(self->w2.pid, pid);
}

/* ------------------------------------------------------------------ */
/* The MIG server, by hand and through libmach */

/* task_suspend (3407) and task_resume (3408) as bare messages. */
TEST(mig_suspend_resume_by_hand)
{
	union mig_buf b;
	struct waiter w;
	mach_port_t t;

	ASSERT_EQ(0, waiter_start(&w));
	t = task_of(w.pid);
	ASSERT_NE(MACH_PORT_NULL, t);

	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_simple(&b, t, ID_TASK_SUSPEND));
	CHECK_ERROR_REPLY(&b, ID_TASK_SUSPEND, KERN_SUCCESS);
	EXPECT_TRUE(wait_state(w.pid, 'T', WAIT_MS));
	EXPECT_EQ(1, suspend_count(t));

	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_simple(&b, t, ID_TASK_RESUME));
	CHECK_ERROR_REPLY(&b, ID_TASK_RESUME, KERN_SUCCESS);
	EXPECT_TRUE(wait_state(w.pid, 'S', WAIT_MS));
	EXPECT_EQ(0, suspend_count(t));

	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_simple(&b, t, ID_TASK_RESUME));
	CHECK_ERROR_REPLY(&b, ID_TASK_RESUME, KERN_FAILURE);
	EXPECT_EQ(0, waiter_finish(&w));
}

/* The counts of the task_info flavors are XNU's (osfmk/mach/task_info.h). */
TEST(task_info_counts_are_xnus)
{
	ASSERT_EQ(10, TASK_BASIC_INFO_64_COUNT);
	ASSERT_EQ(12, MACH_TASK_BASIC_INFO_COUNT);
	ASSERT_EQ(8, TASK_AUDIT_TOKEN_COUNT);
	ASSERT_EQ(4, TASK_THREAD_TIMES_INFO_COUNT);
}

/* A waiter process held by one task_suspend, and its task port. */
FIXTURE(held_task) {
	struct waiter w;
	mach_port_t t;
};

FIXTURE_SETUP(held_task)
{
	ASSERT_EQ(0, waiter_start(&self->w));
	self->t = task_of(self->w.pid);
	ASSERT_NE(MACH_PORT_NULL, self->t);
	ASSERT_EQ(KERN_SUCCESS, task_suspend(self->t));
}

FIXTURE_TEARDOWN(held_task)
{
	EXPECT_EQ(KERN_SUCCESS, task_resume(self->t));
	EXPECT_EQ(0, waiter_finish(&self->w));
}

/* task_info of @flavor by hand with a bigger count than needed (the
 * reply says the real one, @count) and through libmach into @lib. */
static void info_case(struct harness_test *_metadata, mach_port_t t,
		      task_flavor_t flavor, unsigned int count,
		      union mig_buf *b, integer_t *lib)
{
	mach_msg_type_number_t cnt = 64;

	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_info(b, t, flavor, 1024));
	CHECK_REPLY_HEAD(b, ID_TASK_INFO);
	EXPECT_FALSE(b->head.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	EXPECT_EQ(KERN_SUCCESS, b->info_rep.ret);
	EXPECT_EQ(count, b->info_rep.count);
	EXPECT_EQ(sizeof(struct info_rep) + 4 * count, b->head.msgh_size);
	memset(lib, 0, 64 * sizeof(*lib));
	EXPECT_EQ(KERN_SUCCESS, task_info(t, flavor, lib, &cnt));
	EXPECT_EQ(count, cnt);
}

/* task_info (3405), each flavor served, by hand; the values agree with
 * libmach's and with what Linux says about the process.  The basic
 * flavors: suspend_count 1 (the fixture's hold), policy timeshare. */
TEST_F(held_task, task_info_basic_32_by_hand)
{
	integer_t lib[64];
	union mig_buf b;

	info_case(_metadata, self->t, TASK_BASIC_INFO_32, 8, &b, lib);
	EXPECT_EQ(1, b.info_rep.info[0]);	/* suspend_count */
	EXPECT_EQ(1, lib[0]);
	EXPECT_EQ(POLICY_TIMESHARE, b.info_rep.info[8 - 1]);
}

TEST_F(held_task, task_info_basic_64_by_hand)
{
	integer_t lib[64];
	union mig_buf b;

	info_case(_metadata, self->t, TASK_BASIC_INFO_64,
		  TASK_BASIC_INFO_64_COUNT, &b, lib);
	EXPECT_EQ(1, b.info_rep.info[0]);	/* suspend_count */
	EXPECT_EQ(1, lib[0]);
	EXPECT_EQ(POLICY_TIMESHARE,
		  b.info_rep.info[TASK_BASIC_INFO_64_COUNT - 1]);
}

TEST_F(held_task, mach_task_basic_info_by_hand)
{
	integer_t lib[64];
	union mig_buf b;

	info_case(_metadata, self->t, MACH_TASK_BASIC_INFO,
		  MACH_TASK_BASIC_INFO_COUNT, &b, lib);
	EXPECT_EQ(1, b.info_rep.info[11]);
	EXPECT_EQ(1, lib[11]);
	EXPECT_EQ(POLICY_TIMESHARE, b.info_rep.info[10]);
}

/* euid, egid, ruid, rgid, pid: as audit_token_t */
TEST_F(held_task, task_audit_token_by_hand)
{
	integer_t lib[64];
	union mig_buf b;

	info_case(_metadata, self->t, TASK_AUDIT_TOKEN,
		  TASK_AUDIT_TOKEN_COUNT, &b, lib);
	EXPECT_EQ(0, b.info_rep.info[1]);
	EXPECT_EQ(0, b.info_rep.info[2]);
	EXPECT_EQ(0, b.info_rep.info[3]);
	EXPECT_EQ(0, b.info_rep.info[4]);
	EXPECT_EQ(self->w.pid, b.info_rep.info[5]);
	EXPECT_EQ(self->w.pid, lib[5]);
}

TEST_F(held_task, task_thread_times_info_by_hand)
{
	integer_t lib[64];
	union mig_buf b;

	info_case(_metadata, self->t, TASK_THREAD_TIMES_INFO,
		  TASK_THREAD_TIMES_INFO_COUNT, &b, lib);
}

/* A flavor the server does not know: KERN_INVALID_ARGUMENT. */
TEST(mig_task_info_bad_flavor)
{
	integer_t lib[64];
	mach_msg_type_number_t cnt = 64;
	union mig_buf b;

	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_info(&b, mach_task_self(), 9999, 64));
	CHECK_ERROR_REPLY(&b, ID_TASK_INFO, KERN_INVALID_ARGUMENT);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_info(&b, mach_task_self(), 0, 64));
	CHECK_ERROR_REPLY(&b, ID_TASK_INFO, KERN_INVALID_ARGUMENT);
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_info(mach_task_self(), 9999, lib, &cnt));
}

/* A count one short of the flavor's: KERN_INVALID_ARGUMENT. */
TEST(mig_task_info_short_count)
{
	static const struct { task_flavor_t flavor; unsigned int count; } f[] = {
		{ TASK_BASIC_INFO_32, 8 },
		{ TASK_BASIC_INFO_64, 10 },
		{ MACH_TASK_BASIC_INFO, 12 },
		{ TASK_AUDIT_TOKEN, 8 },
		{ TASK_THREAD_TIMES_INFO, 4 },
	};
	integer_t lib[64];
	mach_msg_type_number_t cnt;
	union mig_buf b;
	unsigned int i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		ASSERT_EQ(MACH_MSG_SUCCESS, rpc_info(&b, mach_task_self(),
						     f[i].flavor,
						     f[i].count - 1));
		CHECK_ERROR_REPLY(&b, ID_TASK_INFO, KERN_INVALID_ARGUMENT);
		cnt = f[i].count - 1;
		EXPECT_EQ(KERN_INVALID_ARGUMENT,
			  task_info(mach_task_self(), f[i].flavor, lib, &cnt));
	}
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_info(&b, mach_task_self(),
					     TASK_BASIC_INFO_64, 0));
	CHECK_ERROR_REPLY(&b, ID_TASK_INFO, KERN_INVALID_ARGUMENT);
}

/* A request shorter than the routine's (task_info without its count):
 * MIG_BAD_ARGUMENTS, as a MIG server's size check says. */
TEST(mig_truncated_request_is_bad_arguments)
{
	union mig_buf b;

	memset(&b.info_req, 0, sizeof(b.info_req));
	b.info_req.ndr = NDR_record;
	b.info_req.flavor = TASK_BASIC_INFO_64;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  rpc(&b, sizeof(b.info_req) - 4, mach_task_self(),
		      MACH_MSG_TYPE_COPY_SEND, ID_TASK_INFO));
	CHECK_ERROR_REPLY(&b, ID_TASK_INFO, MIG_BAD_ARGUMENTS);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_simple(&b, mach_task_self(),
					       ID_TASK_GET_SPECIAL));
	CHECK_ERROR_REPLY(&b, ID_TASK_GET_SPECIAL, MIG_BAD_ARGUMENTS);
}

/* An id the server does not serve: MIG_BAD_ID (-303), reply id + 100. */
TEST(mig_unknown_id_is_bad_id)
{
	static const mach_msg_id_t ids[] = {
		ID_UNKNOWN, ID_TASK_CREATE, ID_TASK_SAMPLE, 3300, 0, 12345,
	};
	union mig_buf b;
	unsigned int i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  rpc_simple(&b, mach_task_self(), ids[i]));
		CHECK_ERROR_REPLY(&b, ids[i], MIG_BAD_ID);
	}
}

/*
 * A routine served for another kind of kernel object: XNU's
 * ipc_kobject_server finds it by id whatever the port, and its conversion
 * of this port gives a null object: KERN_INVALID_ARGUMENT, not MIG_BAD_ID.
 */
TEST(mig_routine_of_another_kind_is_invalid_argument)
{
	static const mach_msg_id_t task_ids[] = {
		3612 /* thread_info */, 3603 /* thread_get_state */,
		200 /* host_info */, 1000 /* clock_get_time */,
	};
	union mig_buf b;
	unsigned int i;

	for (i = 0; i < sizeof(task_ids) / sizeof(task_ids[0]); i++) {
		ASSERT_EQ(MACH_MSG_SUCCESS,
			  rpc_simple(&b, mach_task_self(), task_ids[i]));
		CHECK_ERROR_REPLY(&b, task_ids[i], KERN_INVALID_ARGUMENT);
	}
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_simple(&b, mach_thread_self(),
					       ID_TASK_INFO));
	CHECK_ERROR_REPLY(&b, ID_TASK_INFO, KERN_INVALID_ARGUMENT);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_simple(&b, mach_host_self(),
					       ID_TASK_INFO));
	CHECK_ERROR_REPLY(&b, ID_TASK_INFO, KERN_INVALID_ARGUMENT);
}

/*
 * A semaphore port serves no routine: a known routine is
 * KERN_INVALID_ARGUMENT there, an id no kernel object has MIG_BAD_ID
 * (ipc_kobject_server: no routine for the id).
 */
TEST(mig_ids_sent_to_a_semaphore)
{
	union mig_buf b;
	semaphore_t sem;

	ASSERT_EQ(KERN_SUCCESS, semaphore_create(mach_task_self(), &sem,
						 SYNC_POLICY_FIFO, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_simple(&b, sem, ID_TASK_INFO));
	CHECK_ERROR_REPLY(&b, ID_TASK_INFO, KERN_INVALID_ARGUMENT);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_simple(&b, sem, 12345));
	CHECK_ERROR_REPLY(&b, 12345, MIG_BAD_ID);
	EXPECT_EQ(KERN_SUCCESS, semaphore_destroy(mach_task_self(), sem));
}

/* task_suspend2 (3436) returns its token as a send-once right in a port
 * descriptor; task_resume2 (3437) is sent to the token, consuming it. */
TEST(mig_suspend2_resume2_by_hand)
{
	mach_port_type_t type;
	mach_port_t t, token;
	union mig_buf b;
	struct waiter w;

	ASSERT_EQ(0, waiter_start(&w));
	t = task_of(w.pid);
	ASSERT_NE(MACH_PORT_NULL, t);

	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_simple(&b, t, ID_TASK_SUSPEND2));
	CHECK_PORT_REPLY(&b, ID_TASK_SUSPEND2, MACH_MSG_TYPE_PORT_SEND_ONCE);
	token = b.port_rep.port.name;
	ASSERT_NE(MACH_PORT_NULL, token);
	EXPECT_EQ(MACH_PORT_TYPE_SEND_ONCE, type_of(token));
	EXPECT_EQ(1, suspend_count(t));
	EXPECT_TRUE(wait_state(w.pid, 'T', WAIT_MS));

	memset(&b, 0, sizeof(b.head));
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc(&b, sizeof(b.head), token,
					MACH_MSG_TYPE_MOVE_SEND_ONCE,
					ID_TASK_RESUME2));
	CHECK_ERROR_REPLY(&b, ID_TASK_RESUME2, KERN_SUCCESS);
	EXPECT_EQ(0, suspend_count(t));
	EXPECT_TRUE(wait_state(w.pid, 'S', WAIT_MS));
	EXPECT_EQ(KERN_INVALID_NAME,
		  mach_port_type(mach_task_self(), token, &type));
	EXPECT_EQ(0, waiter_finish(&w));
}

/* A waiter process and its task port. */
FIXTURE(waiter) {
	struct waiter w;
	mach_port_t t;
};

FIXTURE_SETUP(waiter)
{
	ASSERT_EQ(0, waiter_start(&self->w));
	self->t = task_of(self->w.pid);
	ASSERT_NE(MACH_PORT_NULL, self->t);
}

FIXTURE_TEARDOWN(waiter)
{
	EXPECT_EQ(0, waiter_finish(&self->w));
}

/* task_get_special_port (3409): TASK_KERNEL_PORT is a send right to the
 * task port itself, so it lands on the name already held for it; unknown
 * selectors are KERN_INVALID_ARGUMENT, an unset port MACH_PORT_NULL. */
TEST_F(waiter, get_kernel_port_lands_on_the_task_name)
{
	mach_port_t t = self->t, p = MACH_PORT_NULL;
	union mig_buf b;

	EXPECT_EQ(1, send_refs(t));
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_get_special(&b, t, TASK_KERNEL_PORT));
	CHECK_PORT_REPLY(&b, ID_TASK_GET_SPECIAL, MACH_MSG_TYPE_PORT_SEND);
	EXPECT_EQ(t, b.port_rep.port.name);
	EXPECT_EQ(2, send_refs(t));
	EXPECT_EQ(KERN_SUCCESS, task_get_special_port(t, TASK_KERNEL_PORT, &p));
	EXPECT_EQ(t, p);
	EXPECT_EQ(3, send_refs(t));
}

/* the caller's own kernel port is mach_task_self() */
TEST(get_own_kernel_port_is_task_self)
{
	mach_port_t p = MACH_PORT_NULL;

	EXPECT_EQ(KERN_SUCCESS, task_get_special_port(mach_task_self(),
						      TASK_KERNEL_PORT, &p));
	EXPECT_EQ(mach_task_self(), p);
}

/* bad selectors; 7 and 8 (seatbelt, gssd) are gone from XNU: its switch
 * has no case for them */
TEST_F(waiter, get_special_bad_selector_is_invalid_argument)
{
	mach_port_t t = self->t, p = MACH_PORT_NULL;
	union mig_buf b;

	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_get_special(&b, t, 99));
	CHECK_ERROR_REPLY(&b, ID_TASK_GET_SPECIAL, KERN_INVALID_ARGUMENT);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_get_special(&b, t, 0));
	CHECK_ERROR_REPLY(&b, ID_TASK_GET_SPECIAL, KERN_INVALID_ARGUMENT);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_get_special(&b, t, -1));
	CHECK_ERROR_REPLY(&b, ID_TASK_GET_SPECIAL, KERN_INVALID_ARGUMENT);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_get_special_port(t, 99, &p));
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_get_special(&b, t, 7));
	CHECK_ERROR_REPLY(&b, ID_TASK_GET_SPECIAL, KERN_INVALID_ARGUMENT);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_get_special_port(t, 8, &p));
}

/* a settable port nobody set: success, MACH_PORT_NULL */
TEST_F(waiter, get_unset_special_port_is_null)
{
	mach_port_t p = 0xdeadbeef;

	EXPECT_EQ(KERN_SUCCESS,
		  task_get_special_port(self->t, TASK_DEBUG_CONTROL_PORT, &p));
	EXPECT_EQ(MACH_PORT_NULL, p);
}

/* task_set_special_port (3410): the bootstrap port can be set (and read
 * back); the kernel and host ports cannot (KERN_NO_ACCESS, as XNU with
 * SIP); the name, inspect and read ports and unknown selectors are
 * KERN_INVALID_ARGUMENT (osfmk/kern/ipc_tt.c, task_set_special_port and
 * task_set_special_port_internal). */
TEST_F(waiter, set_bootstrap_port_reads_back)
{
	mach_port_t t = self->t, r, p = MACH_PORT_NULL;
	union mig_buf b;

	r = port_with_send();
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_set_special(&b, t, TASK_BOOTSTRAP_PORT,
						    r, MACH_MSG_TYPE_MAKE_SEND));
	CHECK_ERROR_REPLY(&b, ID_TASK_SET_SPECIAL, KERN_SUCCESS);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_get_special(&b, t, TASK_BOOTSTRAP_PORT));
	CHECK_PORT_REPLY(&b, ID_TASK_GET_SPECIAL, MACH_MSG_TYPE_PORT_SEND);
	EXPECT_EQ(r, b.port_rep.port.name);
	EXPECT_EQ(KERN_SUCCESS, task_get_bootstrap_port(t, &p));
	EXPECT_EQ(r, p);
}

/* the kernel and host ports: KERN_NO_ACCESS, and the kernel port is
 * still the task port */
TEST_F(waiter, set_kernel_or_host_port_is_no_access)
{
	mach_port_t t = self->t, r, p = MACH_PORT_NULL;
	union mig_buf b;

	r = port_with_send();
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_set_special(&b, t, TASK_KERNEL_PORT,
						    r, MACH_MSG_TYPE_COPY_SEND));
	CHECK_ERROR_REPLY(&b, ID_TASK_SET_SPECIAL, KERN_NO_ACCESS);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_set_special(&b, t, TASK_HOST_PORT,
						    r, MACH_MSG_TYPE_COPY_SEND));
	CHECK_ERROR_REPLY(&b, ID_TASK_SET_SPECIAL, KERN_NO_ACCESS);
	EXPECT_EQ(KERN_NO_ACCESS,
		  task_set_special_port(t, TASK_KERNEL_PORT, r));
	EXPECT_EQ(KERN_SUCCESS, task_get_special_port(t, TASK_KERNEL_PORT, &p));
	EXPECT_EQ(t, p);
}

/* the name, inspect and read ports are not settable either (XNU's
 * task_set_special_port_internal() falls to its default case), nor an
 * unknown selector */
TEST_F(waiter, set_name_read_inspect_or_unknown_is_invalid_argument)
{
	mach_port_t t = self->t, r;
	union mig_buf b;

	r = port_with_send();
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_set_special(&b, t, 99, r,
						    MACH_MSG_TYPE_COPY_SEND));
	CHECK_ERROR_REPLY(&b, ID_TASK_SET_SPECIAL, KERN_INVALID_ARGUMENT);
	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_set_special(&b, t, TASK_NAME_PORT, r,
						    MACH_MSG_TYPE_COPY_SEND));
	CHECK_ERROR_REPLY(&b, ID_TASK_SET_SPECIAL, KERN_INVALID_ARGUMENT);
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_special_port(t, TASK_READ_PORT, r));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_special_port(t, TASK_INSPECT_PORT, r));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_set_special_port(t, 99, r));
}

/* task_terminate (3401), by hand and through libmach: the target dies. */
TEST(mig_task_terminate)
{
	union mig_buf b;
	struct waiter w1, w2;
	mach_port_t t1, t2;
	int status = 0;

	ASSERT_EQ(0, waiter_start(&w1));
	ASSERT_EQ(0, waiter_start(&w2));
	t1 = task_of(w1.pid);
	t2 = task_of(w2.pid);
	ASSERT_NE(MACH_PORT_NULL, t1);
	ASSERT_NE(MACH_PORT_NULL, t2);

	ASSERT_EQ(MACH_MSG_SUCCESS, rpc_simple(&b, t1, ID_TASK_TERMINATE));
	CHECK_ERROR_REPLY(&b, ID_TASK_TERMINATE, KERN_SUCCESS);
	ASSERT_EQ(w1.pid, waitpid(w1.pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));

	EXPECT_EQ(KERN_SUCCESS, task_terminate(t2));
	ASSERT_EQ(w2.pid, waitpid(w2.pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
}

/* The port of a waiter that has exited (a dead name by now), and a
 * receive right with a send right to hand it. */
FIXTURE(dead_task) {
	mach_port_t t, r;
};

FIXTURE_SETUP(dead_task)
{
	long long took;
	struct waiter w;

	ASSERT_EQ(0, waiter_start(&w));
	self->t = task_of(w.pid);
	ASSERT_NE(MACH_PORT_NULL, self->t);
	self->r = port_with_send();
	EXPECT_EQ(0, waiter_finish(&w));
	ASSERT_TRUE(wait_dead_name(self->t, 2000, &took));
}

FIXTURE_TEARDOWN(dead_task)
{
}

/* Every routine sent to a dead task's port fails at send time with
 * MACH_SEND_INVALID_DEST, by hand and through libmach. */
TEST_F(dead_task, mig_routines_by_hand_are_invalid_dest)
{
	static const mach_msg_id_t ids[] = {
		ID_TASK_TERMINATE, ID_TASK_INFO, ID_TASK_SUSPEND,
		ID_TASK_RESUME, ID_TASK_GET_SPECIAL, ID_TASK_SET_SPECIAL,
		ID_TASK_SUSPEND2, ID_UNKNOWN,
	};
	mach_port_t t = self->t;
	union mig_buf b;
	unsigned int i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		EXPECT_EQ(MACH_SEND_INVALID_DEST, rpc_simple(&b, t, ids[i]));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, rpc_info(&b, t, TASK_BASIC_INFO_64, 10));
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  rpc_get_special(&b, t, TASK_KERNEL_PORT));
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  rpc_set_special(&b, t, TASK_BOOTSTRAP_PORT, self->r,
				  MACH_MSG_TYPE_COPY_SEND));
}

/* through libmach; the send right to r that rode along is still ours,
 * one uref */
TEST_F(dead_task, libmach_calls_are_invalid_dest)
{
	task_suspension_token_t token;
	mach_msg_type_number_t cnt;
	mach_port_t t = self->t, p;
	integer_t info[64];

	EXPECT_EQ(MACH_SEND_INVALID_DEST, task_terminate(t));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, task_suspend(t));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, task_resume(t));
	cnt = 64;
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  task_info(t, TASK_BASIC_INFO_64, info, &cnt));
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  task_get_special_port(t, TASK_KERNEL_PORT, &p));
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  task_set_special_port(t, TASK_BOOTSTRAP_PORT, self->r));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, task_suspend2(t, &token));
	EXPECT_EQ(MACH_PORT_NULL, token);
	EXPECT_EQ(1, send_refs(self->r));
}

/* ------------------------------------------------------------------ */
/* Special ports across fork and exec */

struct note {
	mach_msg_header_t head;
	int32_t pid;
	uint32_t self;
};

struct note_rcv {
	struct note n;
	mach_msg_max_trailer_t trailer;
};

/* Send a note (@id, our pid and task name) through our bootstrap port.
 * Returns 0 or a code saying what failed. */
static int send_note(mach_msg_id_t id)
{
	mach_port_t bp = MACH_PORT_NULL;
	struct note n;

	if (task_get_bootstrap_port(mach_task_self(), &bp) != KERN_SUCCESS)
		return 2;
	if (bp == MACH_PORT_NULL)
		return 3;
	memset(&n, 0, sizeof(n));
	n.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	n.head.msgh_size = sizeof(n);
	n.head.msgh_remote_port = bp;
	n.head.msgh_id = id;
	n.pid = getpid();
	n.self = mach_task_self();
	if (mach_msg(&n.head, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(n), 0,
		     MACH_PORT_NULL, WAIT_MS, MACH_PORT_NULL))
		return 4;
	return 0;
}

static mach_msg_return_t recv_note(mach_port_t port, struct note_rcv *m)
{
	memset(m, 0, sizeof(*m));
	return mach_msg(&m->n.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			sizeof(*m), port, WAIT_MS, MACH_PORT_NULL);
}

/* Make @r (a receive right with a send right) the caller's bootstrap port */
static kern_return_t set_own_bootstrap(mach_port_t r)
{
	return task_set_bootstrap_port(mach_task_self(), r);
}

/*
 * A forked child inherits the bootstrap port: what it gets from
 * task_get_special_port(TASK_BOOTSTRAP_PORT) is a send right to the
 * parent's port, shown by a message arriving there.
 */
TEST(bootstrap_port_inherited_across_fork)
{
	struct note_rcv m;
	mach_port_t r;
	int status = -1;
	pid_t pid;

	r = port_with_send();
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(KERN_SUCCESS, set_own_bootstrap(r));
	pid = fork();
	if (pid == 0)
		_exit(send_note(MSG_FORK_CHILD));
	ASSERT_GT(pid, 0);
	ASSERT_EQ(MACH_MSG_SUCCESS, recv_note(r, &m));
	EXPECT_EQ(MSG_FORK_CHILD, m.n.head.msgh_id);
	EXPECT_EQ(pid, m.n.pid);
	waitpid(pid, &status, 0);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* The --exec-helper side: report through the bootstrap port, then wait
 * to be killed so that the test can look at this process. */
static int exec_helper(void)
{
	int rc = send_note(MSG_EXEC_HELPER);

	if (rc)
		return rc;
	for (;;)
		pause();
}

/* fork a child that execs this binary as the helper once it reads a
 * byte from @go (returned), or at once if @go is NULL. */
static pid_t fork_exec_helper(int *go)
{
	int p[2] = { -1, -1 };
	pid_t pid;
	char c;

	if (go && pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		if (go) {
			close(p[1]);
			if (read(p[0], &c, 1) != 1)
				_exit(1);
		}
		execl("/proc/self/exe", "task_test", "--exec-helper",
		      (char *)NULL);
		_exit(127);
	}
	if (go) {
		close(p[0]);
		*go = p[1];
	}
	return pid;
}

/* Special ports survive exec: the exec'd image's bootstrap port is still
 * the one set before. */
TEST(bootstrap_port_kept_across_exec)
{
	struct note_rcv m;
	mach_port_t r;
	pid_t pid;

	r = port_with_send();
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(KERN_SUCCESS, set_own_bootstrap(r));
	pid = fork_exec_helper(NULL);
	ASSERT_GT(pid, 0);
	ASSERT_EQ(MACH_MSG_SUCCESS, recv_note(r, &m));
	EXPECT_EQ(MSG_EXEC_HELPER, m.n.head.msgh_id);
	EXPECT_EQ(pid, m.n.pid);
	reap(pid);
}

/*
 * Exec gives a new task port: the port held for the process before the
 * exec is a dead name once the new image runs, and task_for_pid gives a
 * different, live one.
 */
TEST(exec_gives_new_task_port)
{
	struct note_rcv m;
	mach_port_t r, t1, t2;
	long long took;
	int go, pid = 0;
	pid_t child;

	r = port_with_send();
	ASSERT_NE(MACH_PORT_NULL, r);
	ASSERT_EQ(KERN_SUCCESS, set_own_bootstrap(r));
	child = fork_exec_helper(&go);
	ASSERT_GT(child, 0);
	t1 = task_of(child);
	ASSERT_NE(MACH_PORT_NULL, t1);
	ASSERT_EQ(1, write(go, "g", 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, recv_note(r, &m));
	EXPECT_EQ(child, m.n.pid);

	EXPECT_TRUE(wait_dead_name(t1, 2000, &took));
	t2 = task_of(child);
	EXPECT_NE(MACH_PORT_NULL, t2);
	EXPECT_NE(t1, t2);
	EXPECT_EQ(MACH_PORT_TYPE_SEND, type_of(t2));
	EXPECT_EQ(KERN_SUCCESS, pid_for_task(t2, &pid));
	EXPECT_EQ(child, pid);
	reap(child);
}

/*
 * The same when the new image never uses Mach (busybox sleep): the old
 * port must not go on controlling the new image.
 */
TEST(exec_of_non_mach_image_kills_old_task_port)
{
	char path[64], exe[256];
	mach_port_t t1;
	long long took, end;
	ssize_t n = 0;
	int p[2];
	pid_t child;
	char c;

	ASSERT_EQ(0, pipe(p));
	child = fork();
	if (child == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(1);
		execl("/bin/sleep", "sleep", "1000", (char *)NULL);
		_exit(127);
	}
	ASSERT_GT(child, 0);
	close(p[0]);
	t1 = task_of(child);
	ASSERT_NE(MACH_PORT_NULL, t1);
	ASSERT_EQ(1, write(p[1], "g", 1));
	/* wait for the exec to have happened */
	snprintf(path, sizeof(path), "/proc/%d/exe", child);
	end = now_ms() + WAIT_MS;
	do {
		n = readlink(path, exe, sizeof(exe) - 1);
		if (n > 0) {
			exe[n] = 0;
			if (!strstr(exe, "task_test"))
				break;
		}
		sleep_ms(5);
	} while (now_ms() < end);
	ASSERT_GT(n, 0);
	ASSERT_TRUE(wait_state(child, 'S', WAIT_MS));

	EXPECT_TRUE(wait_dead_name(t1, 2000, &took));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, task_suspend(t1));
	sleep_ms(300);
	EXPECT_NE('T', proc_state(child));	/* the new image was not held */
	reap(child);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--exec-helper"))
		return exec_helper();
	return harness_main(argc, argv);
}
