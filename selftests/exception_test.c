// SPDX-License-Identifier: GPL-2.0
/*
 * Exception ports: registration (XNU's set_exception_ports_validation and
 * the grouping of task_get_exception_ports, osfmk/kern/ipc_tt.c), and CPU
 * faults raised as Mach exceptions with the codes XNU's user_trap()
 * (osfmk/i386/trap.c) gives them, answered as exception_deliver()
 * (osfmk/kern/exception.c) expects.
 *
 * Most fault tests use inheritance (ipc_task_init): the test process sets
 * its own task's exception port and forks a child that faults; the test
 * process is the handler.
 */
#include "harness.h"
#include "as_user.h"

#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/exc.h>
#include <mach/host_priv.h>
#include <mach/mach_host.h>
#include <mach/mach_vm.h>
#include <mach/mach_exc.h>
#include <mach/task.h>
#include <mach/thread_act.h>
#include <mach/thread_status.h>

#if defined(__x86_64__)

#define DEFAULT64	(EXCEPTION_DEFAULT | MACH_EXCEPTION_CODES)
#define STATE_ID64	(EXCEPTION_STATE_IDENTITY | MACH_EXCEPTION_CODES)

struct exc_msg {
	union {
		mach_msg_header_t head;
		__Request__exception_raise_t raise32;
		__Request__mach_exception_raise_t raise;
		__Request__mach_exception_raise_state_t state;
		__Request__mach_exception_raise_state_identity_t sid;
	};
	mach_msg_max_trailer_t trailer;
};

static mach_port_t exc_port_new(void)
{
	mach_port_t p = MACH_PORT_NULL;

	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p))
		return MACH_PORT_NULL;
	if (mach_port_insert_right(mach_task_self(), p, p,
				   MACH_MSG_TYPE_MAKE_SEND))
		return MACH_PORT_NULL;
	return p;
}

static mach_msg_return_t exc_receive(mach_port_t port, struct exc_msg *m,
				     mach_msg_timeout_t ms)
{
	memset(m, 0, sizeof(*m));
	return mach_msg(&m->head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			sizeof(*m), port, ms, MACH_PORT_NULL);
}

/* A mig_reply_error_t-shaped answer (__Reply__exception_raise_t). */
static mach_msg_return_t exc_answer(mach_msg_header_t *req, kern_return_t kr)
{
	__Reply__mach_exception_raise_t r;

	memset(&r, 0, sizeof(r));
	r.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(req->msgh_bits), 0);
	r.Head.msgh_size = sizeof(r);
	r.Head.msgh_remote_port = req->msgh_remote_port;
	r.Head.msgh_id = req->msgh_id + 100;
	r.NDR = NDR_record;
	r.RetCode = kr;
	return mach_msg(&r.Head, MACH_SEND_MSG, sizeof(r), 0, MACH_PORT_NULL,
			MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
}

/* Run @fn in a child that dumps no core; its exit code is @fn's verdict. */
static pid_t child(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit r = { 0, 0 };

		setrlimit(RLIMIT_CORE, &r);
		fn();
		_exit(0);
	}
	return pid;
}

static int wait_status(pid_t pid)
{
	int status = -1;

	waitpid(pid, &status, 0);
	return status;
}

/* A read of address 0x10: `mov (%rax),%rax` is 3 bytes (48 8b 00). */
static void fault_read(void)
{
	long v;

	asm volatile("mov $0x10, %%rax\n\t"
		     "mov (%%rax), %%rax\n\t"
		     "mov %%rax, %0" : "=r"(v) : : "rax", "memory");
	_exit(v == 42 ? 0 : 3);
}

/* `div %rcx` with %rcx = 0 is 3 bytes (48 f7 f1). */
static void fault_div(void)
{
	long v;

	asm volatile("xor %%ecx, %%ecx\n\t"
		     "mov $1, %%eax\n\t"
		     "xor %%edx, %%edx\n\t"
		     "div %%rcx\n\t"
		     "mov %%rax, %0" : "=r"(v) : : "rax", "rcx", "rdx");
	_exit(v == 42 ? 0 : 3);
}

/* `ud2` is 2 bytes (0f 0b). */
static void fault_ud2(void)
{
	long v;

	asm volatile("xor %%eax, %%eax\n\t"
		     "ud2\n\t"
		     "mov %%rax, %0" : "=r"(v) : : "rax");
	_exit(v == 42 ? 0 : 3);
}

/* int3: the thread resumes after it (rip already points past it). */
static void fault_int3(void)
{
	asm volatile("int3");
	_exit(0);
}

static void fault_kill_segv(void)
{
	kill(getpid(), SIGSEGV);
	_exit(0);
}

/* Skip @len bytes at the faulting thread's rip and set rax = 42. */
static kern_return_t skip_insn(mach_port_t thread, int len)
{
	x86_thread_state64_t s;
	mach_msg_type_number_t n = x86_THREAD_STATE64_COUNT;
	kern_return_t kr;

	kr = thread_get_state(thread, x86_THREAD_STATE64, (thread_state_t)&s, &n);
	if (kr)
		return kr;
	s.__rip += len;
	s.__rax = 42;
	return thread_set_state(thread, x86_THREAD_STATE64, (thread_state_t)&s, n);
}

static void drop(mach_port_t name)
{
	if (MACH_PORT_VALID(name))
		mach_port_deallocate(mach_task_self(), name);
}

/* ---- registration ---- */

/* set_exception_ports_validation: the mask, behavior and flavor checks. */
TEST(set_bad_arguments_invalid_argument)
{
	mach_port_t p = exc_port_new(), me = mach_task_self();

	ASSERT_NE(MACH_PORT_NULL, p);
	/* bit 0 and bits past EXC_MASK_VALID */
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_exception_ports(me, 1, p, EXCEPTION_DEFAULT, 0));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_exception_ports(me, 1 << 14, p, EXCEPTION_DEFAULT, 0));
	/* behaviors outside DEFAULT..STATE_IDENTITY_PROTECTED */
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_exception_ports(me, EXC_MASK_BAD_ACCESS, p, 0, 0));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_exception_ports(me, EXC_MASK_BAD_ACCESS, p, 6, 0));
	/* flavors VALID_THREAD_STATE_FLAVOR does not know (0 is allowed) */
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_exception_ports(me, EXC_MASK_BAD_ACCESS, p,
					   EXCEPTION_STATE, 14));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_exception_ports(me, EXC_MASK_BAD_ACCESS, p,
					   EXCEPTION_STATE, 26));
	/* IDENTITY_PROTECTED and BACKTRACE_PREFERRED need MACH_EXCEPTION_CODES */
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_exception_ports(me, EXC_MASK_BAD_ACCESS, p,
					   EXCEPTION_IDENTITY_PROTECTED, 0));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_exception_ports(me, EXC_MASK_BAD_ACCESS, p,
					   EXCEPTION_DEFAULT |
					   MACH_EXCEPTION_BACKTRACE_PREFERRED, 0));
	/* the same on a thread port */
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_set_exception_ports(mach_thread_self(), 1 << 14, p,
					     EXCEPTION_DEFAULT, 0));
	/* the behavior is only checked for a valid port */
	EXPECT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(me, EXC_MASK_BAD_ACCESS,
					   MACH_PORT_NULL, 0, 0));
	/* every valid combination is accepted */
	EXPECT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(me, EXC_MASK_ALL | EXC_MASK_CRASH |
					   EXC_MASK_CORPSE_NOTIFY, p,
					   STATE_ID64, x86_THREAD_STATE64));
	EXPECT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(me, EXC_MASK_ALL, p,
					   EXCEPTION_STATE, x86_THREAD_STATE));
}

/* task_get_exception_ports on a task that never set any: one null entry
 * covering the whole mask asked (osfmk/kern/ipc_tt.c). */
TEST(get_on_unset_task_is_one_null_entry)
{
	exception_mask_t masks[EXC_TYPES_COUNT];
	mach_port_t ports[EXC_TYPES_COUNT];
	exception_behavior_t beh[EXC_TYPES_COUNT];
	thread_state_flavor_t fl[EXC_TYPES_COUNT];
	mach_msg_type_number_t n = EXC_TYPES_COUNT;

	ASSERT_EQ(KERN_SUCCESS,
		  task_get_exception_ports(mach_task_self(), EXC_MASK_ALL,
					   masks, &n, ports, beh, fl));
	ASSERT_EQ(1, n);
	EXPECT_EQ(EXC_MASK_ALL, masks[0]);
	EXPECT_EQ(MACH_PORT_NULL, ports[0]);
	EXPECT_EQ(0, beh[0]);
	EXPECT_EQ(0, fl[0]);
}

/* A task whose EXC_BAD_ACCESS port is p (STATE_IDENTITY with codes,
 * x86_THREAD_STATE64), and a second port q; arrays for the answers. */
FIXTURE(task_exc_ports) {
	exception_mask_t masks[EXC_TYPES_COUNT];
	mach_port_t ports[EXC_TYPES_COUNT];
	exception_behavior_t beh[EXC_TYPES_COUNT];
	thread_state_flavor_t fl[EXC_TYPES_COUNT];
	mach_msg_type_number_t n;
	mach_port_t p, q;
};

FIXTURE_SETUP(task_exc_ports)
{
	self->p = exc_port_new();
	self->q = exc_port_new();
	self->n = EXC_TYPES_COUNT;
	ASSERT_NE(MACH_PORT_NULL, self->p);
	ASSERT_NE(MACH_PORT_NULL, self->q);
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(),
					   EXC_MASK_BAD_ACCESS, self->p,
					   STATE_ID64, x86_THREAD_STATE64));
}

FIXTURE_TEARDOWN(task_exc_ports)
{
}

/* q for EXC_BAD_ACCESS and EXC_BREAKPOINT, EXCEPTION_DEFAULT, by
 * task_swap_exception_ports: the old entries land in the arrays. */
static kern_return_t swap_in_q(struct _fixture_task_exc_ports *self)
{
	self->n = EXC_TYPES_COUNT;
	return task_swap_exception_ports(mach_task_self(),
					 EXC_MASK_BAD_ACCESS |
					 EXC_MASK_BREAKPOINT, self->q,
					 EXCEPTION_DEFAULT, 0, self->masks,
					 &self->n, self->ports, self->beh,
					 self->fl);
}

/* task_get_exception_ports: the set entry with its behavior and flavor,
 * and the rest of the mask as one null entry (ipc_tt.c). */
TEST_F(task_exc_ports, get_reports_the_set_entry_apart)
{
	ASSERT_EQ(KERN_SUCCESS,
		  task_get_exception_ports(mach_task_self(), EXC_MASK_ALL,
					   self->masks, &self->n, self->ports,
					   self->beh, self->fl));
	ASSERT_EQ(2, self->n);
	EXPECT_EQ(EXC_MASK_BAD_ACCESS, self->masks[0]);
	EXPECT_EQ(self->p, self->ports[0]);
	EXPECT_EQ((exception_behavior_t)STATE_ID64, self->beh[0]);
	EXPECT_EQ(x86_THREAD_STATE64, self->fl[0]);
	EXPECT_EQ(EXC_MASK_ALL & ~EXC_MASK_BAD_ACCESS, self->masks[1]);
	EXPECT_EQ(MACH_PORT_NULL, self->ports[1]);
	drop(self->ports[0]);
}

/* task_swap_exception_ports returns the entries it replaced, grouped as
 * task_get_exception_ports groups them (ipc_tt.c). */
TEST_F(task_exc_ports, swap_returns_the_entries_it_replaced)
{
	ASSERT_EQ(KERN_SUCCESS, swap_in_q(self));
	ASSERT_EQ(2, self->n);
	EXPECT_EQ(EXC_MASK_BAD_ACCESS, self->masks[0]);
	EXPECT_EQ(self->p, self->ports[0]);
	EXPECT_EQ(EXC_MASK_BREAKPOINT, self->masks[1]);
	EXPECT_EQ(MACH_PORT_NULL, self->ports[1]);
	drop(self->ports[0]);
}

/* task_get_exception_ports groups equal entries: after the swap both
 * exceptions go to q, reported as one entry (ipc_tt.c). */
TEST_F(task_exc_ports, get_groups_equal_entries)
{
	ASSERT_EQ(KERN_SUCCESS, swap_in_q(self));
	drop(self->ports[0]);
	self->n = EXC_TYPES_COUNT;
	ASSERT_EQ(KERN_SUCCESS,
		  task_get_exception_ports(mach_task_self(),
					   EXC_MASK_BAD_ACCESS |
					   EXC_MASK_BREAKPOINT, self->masks,
					   &self->n, self->ports, self->beh,
					   self->fl));
	ASSERT_EQ(1, self->n);
	EXPECT_EQ(EXC_MASK_BAD_ACCESS | EXC_MASK_BREAKPOINT, self->masks[0]);
	EXPECT_EQ(self->q, self->ports[0]);
	EXPECT_EQ(EXCEPTION_DEFAULT, self->beh[0]);
}

/* A thread that never had exception ports has none to report
 * (thread_get_exception_ports_internal: exc_actions == NULL, count 0). */
TEST(thread_get_unset_is_empty)
{
	exception_mask_t masks[EXC_TYPES_COUNT];
	mach_port_t ports[EXC_TYPES_COUNT];
	exception_behavior_t beh[EXC_TYPES_COUNT];
	thread_state_flavor_t fl[EXC_TYPES_COUNT];
	mach_msg_type_number_t n = EXC_TYPES_COUNT;
	mach_port_t th = mach_thread_self();

	ASSERT_EQ(KERN_SUCCESS,
		  thread_get_exception_ports(th, EXC_MASK_ALL, masks, &n, ports,
					     beh, fl));
	EXPECT_EQ(0, n);
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_get_exception_ports(th, 1, masks, &n, ports, beh, fl));
}

/* ---- delivery ---- */

/* An unmapped read in a child (inheriting the port across fork):
 * EXC_BAD_ACCESS, KERN_INVALID_ADDRESS, the address; a failure reply
 * lets the child die of SIGSEGV as it would without a handler. */
TEST(segv_caught_then_failure_reply_kills)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	pid = child(fault_read);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	EXPECT_EQ(2405, m.head.msgh_id);	/* mach_exception_raise */
	EXPECT_EQ(EXC_BAD_ACCESS, m.raise.exception);
	EXPECT_EQ(2, m.raise.codeCnt);
	EXPECT_EQ(KERN_INVALID_ADDRESS, m.raise.code[0]);
	EXPECT_EQ(0x10, m.raise.code[1]);
	EXPECT_EQ(2, m.raise.msgh_body.msgh_descriptor_count);
	EXPECT_NE(MACH_PORT_NULL, m.raise.thread.name);
	EXPECT_NE(MACH_PORT_NULL, m.raise.task.name);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_FAILURE));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGSEGV, WTERMSIG(st));
}

/* EXCEPTION_DEFAULT: the handler moves the thread past the faulting
 * instruction with thread_set_state, replies success, the child goes on. */
TEST(segv_resumed_by_thread_set_state)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	pid = child(fault_read);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	ASSERT_EQ(2405, m.head.msgh_id);
	EXPECT_EQ(KERN_SUCCESS, skip_insn(m.raise.thread.name, 3));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_SUCCESS));
	st = wait_status(pid);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/* mach_exc_server's side of EXCEPTION_STATE_IDENTITY (2407): the new
 * state skips the 3-byte read and sets rax. */
static int sid_calls;
static int64_t sid_code[2];

kern_return_t catch_mach_exception_raise_state_identity(
	mach_port_t port, mach_port_t thread, mach_port_t task,
	exception_type_t exc, mach_exception_data_t code,
	mach_msg_type_number_t ncode, int *flavor, thread_state_t old,
	mach_msg_type_number_t nold, thread_state_t new,
	mach_msg_type_number_t *nnew)
{
	x86_thread_state64_t s;

	sid_calls++;
	sid_code[0] = code[0];
	sid_code[1] = code[1];
	if (exc != EXC_BAD_ACCESS || *flavor != x86_THREAD_STATE64 ||
	    nold != x86_THREAD_STATE64_COUNT || ncode != 2)
		return KERN_FAILURE;
	memcpy(&s, old, sizeof(s));
	s.__rip += 3;
	s.__rax = 42;
	memcpy(new, &s, sizeof(s));
	*nnew = x86_THREAD_STATE64_COUNT;
	drop(thread);
	drop(task);
	return KERN_SUCCESS;
}

TEST(state_identity_handler_advances_rip)
{
	union __ReplyUnion__mach_exc_subsystem out;
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, STATE_ID64, x86_THREAD_STATE64));
	pid = child(fault_read);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	ASSERT_EQ(2407, m.head.msgh_id);
	EXPECT_EQ(x86_THREAD_STATE64, m.sid.flavor);
	EXPECT_EQ(x86_THREAD_STATE64_COUNT, m.sid.old_stateCnt);
	ASSERT_TRUE(mach_exc_server(&m.head, (mach_msg_header_t *)&out));
	EXPECT_EQ(1, sid_calls);
	EXPECT_EQ(KERN_INVALID_ADDRESS, sid_code[0]);
	EXPECT_EQ(0x10, sid_code[1]);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg((mach_msg_header_t *)&out, MACH_SEND_MSG,
			   ((mach_msg_header_t *)&out)->msgh_size, 0,
			   MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
			   MACH_PORT_NULL));
	st = wait_status(pid);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/* int3: EXC_BREAKPOINT, EXC_I386_BPT; success resumes after the int3. */
TEST(int3_breakpoint_resumed)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BREAKPOINT,
					   p, DEFAULT64, 0));
	pid = child(fault_int3);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	ASSERT_EQ(2405, m.head.msgh_id);
	EXPECT_EQ(EXC_BREAKPOINT, m.raise.exception);
	EXPECT_EQ(EXC_I386_BPT, m.raise.code[0]);
	EXPECT_EQ(0, m.raise.code[1]);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_SUCCESS));
	st = wait_status(pid);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/* ud2 with EXCEPTION_STATE and the unified x86_THREAD_STATE flavor
 * (mach_exception_raise_state, 2406): EXC_BAD_INSTRUCTION,
 * EXC_I386_INVOP; the new state skips the 2-byte ud2. */
TEST(ud2_bad_instruction_state_behavior)
{
	struct {
		__Reply__mach_exception_raise_state_t r;
		char pad[64];
	} rep;
	mach_port_t p = exc_port_new();
	x86_thread_state_t ts;
	struct exc_msg m;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(),
					   EXC_MASK_BAD_INSTRUCTION, p,
					   EXCEPTION_STATE | MACH_EXCEPTION_CODES,
					   x86_THREAD_STATE));
	pid = child(fault_ud2);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	ASSERT_EQ(2406, m.head.msgh_id);
	EXPECT_EQ(EXC_BAD_INSTRUCTION, m.state.exception);
	EXPECT_EQ(EXC_I386_INVOP, m.state.code[0]);
	ASSERT_EQ(x86_THREAD_STATE, m.state.flavor);
	ASSERT_EQ(x86_THREAD_STATE_COUNT, m.state.old_stateCnt);
	memcpy(&ts, m.state.old_state, sizeof(ts));
	EXPECT_EQ(x86_THREAD_STATE64, ts.tsh.flavor);
	EXPECT_EQ(x86_THREAD_STATE64_COUNT, ts.tsh.count);
	ts.uts.ts64.__rip += 2;
	ts.uts.ts64.__rax = 42;
	memset(&rep, 0, sizeof(rep));
	rep.r.Head.msgh_bits =
		MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(m.head.msgh_bits), 0);
	rep.r.Head.msgh_remote_port = m.head.msgh_remote_port;
	rep.r.Head.msgh_id = m.head.msgh_id + 100;
	rep.r.NDR = NDR_record;
	rep.r.RetCode = KERN_SUCCESS;
	rep.r.flavor = x86_THREAD_STATE;
	rep.r.new_stateCnt = x86_THREAD_STATE_COUNT;
	memcpy(rep.r.new_state, &ts, sizeof(ts));
	rep.r.Head.msgh_size = offsetof(__Reply__mach_exception_raise_state_t,
					new_state) + sizeof(ts);
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg(&rep.r.Head, MACH_SEND_MSG, rep.r.Head.msgh_size, 0,
			   MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
			   MACH_PORT_NULL));
	st = wait_status(pid);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/* Divide by zero without MACH_EXCEPTION_CODES (exception_raise, 2401,
 * 32-bit codes): EXC_ARITHMETIC, EXC_I386_DIV. */
TEST(divide_by_zero_arithmetic)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_ARITHMETIC,
					   p, EXCEPTION_DEFAULT, 0));
	pid = child(fault_div);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	ASSERT_EQ(2401, m.head.msgh_id);
	EXPECT_EQ(sizeof(__Request__exception_raise_t), m.head.msgh_size);
	EXPECT_EQ(EXC_ARITHMETIC, m.raise32.exception);
	EXPECT_EQ(EXC_I386_DIV, m.raise32.code[0]);
	EXPECT_EQ(0, m.raise32.code[1]);
	EXPECT_EQ(KERN_SUCCESS, skip_insn(m.raise32.thread.name, 3));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_SUCCESS));
	st = wait_status(pid);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/* Only the types in the mask: a segfault with a breakpoint-only port is
 * a plain SIGSEGV, with nothing sent. */
TEST(fault_outside_mask_is_plain_signal)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BREAKPOINT,
					   p, DEFAULT64, 0));
	st = wait_status(child(fault_read));
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGSEGV, WTERMSIG(st));
	EXPECT_EQ(MACH_RCV_TIMED_OUT, exc_receive(p, &m, 0));
}

/* kill() is not an exception (XNU raises them from traps only). */
TEST(kill_is_not_an_exception)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	st = wait_status(child(fault_kill_segv));
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGSEGV, WTERMSIG(st));
	EXPECT_EQ(MACH_RCV_TIMED_OUT, exc_receive(p, &m, 0));
}

/* No exception port at all: the fault is Linux's. */
TEST(no_port_plain_sigsegv)
{
	int st = wait_status(child(fault_read));

	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGSEGV, WTERMSIG(st));
}

/* The handler drops the reply right: a send-once notification answers
 * for it and the child gets its SIGSEGV. */
TEST(reply_right_dropped_signal_delivered)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	pid = child(fault_read);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_deallocate(mach_task_self(), m.head.msgh_remote_port));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGSEGV, WTERMSIG(st));
}

/* A thread waiting for a reply that never comes dies of SIGKILL at once. */
TEST(sigkill_while_waiting_for_reply)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	pid = child(fault_read);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	ASSERT_EQ(0, kill(pid, SIGKILL));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGKILL, WTERMSIG(st));
}

/* Runtime style, in one process: a thread's own exception port comes
 * before the task's (exception_triage), and the handler thread resumes
 * the faulting one. */
static mach_port_t thread_level_port;

static void *int3_thread(void *arg)
{
	if (thread_set_exception_ports(mach_thread_self(), EXC_MASK_BREAKPOINT,
				       thread_level_port, DEFAULT64, 0))
		return NULL;
	asm volatile("int3");
	return (void *)1;
}

TEST(thread_port_before_task_port_same_process)
{
	mach_port_t task_port = exc_port_new();
	struct exc_msg m, other;
	pthread_t th;
	void *ret = NULL;

	thread_level_port = exc_port_new();
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BREAKPOINT,
					   task_port, DEFAULT64, 0));
	ASSERT_EQ(0, pthread_create(&th, NULL, int3_thread, NULL));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(thread_level_port, &m, 10000));
	EXPECT_EQ(2405, m.head.msgh_id);
	EXPECT_EQ(EXC_BREAKPOINT, m.raise.exception);
	EXPECT_EQ(EXC_I386_BPT, m.raise.code[0]);
	EXPECT_EQ(MACH_RCV_TIMED_OUT, exc_receive(task_port, &other, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_SUCCESS));
	ASSERT_EQ(0, pthread_join(th, &ret));
	EXPECT_EQ((void *)1, ret);
}

/* exception_triage: a failure at the thread level goes on to the task
 * level, whose success resumes the thread. */
TEST(thread_failure_then_task_level)
{
	mach_port_t task_port = exc_port_new();
	struct exc_msg m, t;
	pthread_t th;
	void *ret = NULL;

	thread_level_port = exc_port_new();
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BREAKPOINT,
					   task_port, DEFAULT64, 0));
	ASSERT_EQ(0, pthread_create(&th, NULL, int3_thread, NULL));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(thread_level_port, &m, 10000));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_FAILURE));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(task_port, &t, 10000));
	EXPECT_EQ(EXC_BREAKPOINT, t.raise.exception);
	EXPECT_EQ(EXC_I386_BPT, t.raise.code[0]);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&t.head, KERN_SUCCESS));
	ASSERT_EQ(0, pthread_join(th, &ret));
	EXPECT_EQ((void *)1, ret);
}

/* The port survives fork and exec of a non-set-id image (ipc_task_init,
 * and exec only resets for set-id images): the new image's fault is
 * caught and resumed. */
static void exec_fault_read(void)
{
	execl("/proc/self/exe", "exception_test", "--fault-read", (char *)NULL);
	_exit(4);
}

TEST(inherited_across_fork_and_exec)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	pid = child(exec_fault_read);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	ASSERT_EQ(2405, m.head.msgh_id);
	EXPECT_EQ(KERN_INVALID_ADDRESS, m.raise.code[0]);
	EXPECT_EQ(0x10, m.raise.code[1]);
	EXPECT_EQ(KERN_SUCCESS, skip_insn(m.raise.thread.name, 3));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_SUCCESS));
	st = wait_status(pid);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/*
 * A set-id exec drops the exception ports a non-privileged task set
 * (XNU's exec runs ipc_task_reset for set-id images): as uid 65534, set
 * a port, then a child execs a set-uid-root copy of this program, which
 * faults: no message, plain SIGSEGV.
 */
#define SETUID_COPY "/tmp/exception_test_setuid"

static void exec_setuid_fault_read(void)
{
	execl(SETUID_COPY, "exception_test", "--fault-read", (char *)NULL);
	_exit(4);
}

static int setid_exec_as_user(void *arg)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	int st;

	if (task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS, p,
				     DEFAULT64, 0))
		return 10;
	st = wait_status(child(exec_setuid_fault_read));
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGSEGV)
		return 11;
	if (exc_receive(p, &m, 0) != MACH_RCV_TIMED_OUT)
		return 12;
	return 0;
}

static int copy_setuid(void)
{
	int in = open("/proc/self/exe", O_RDONLY), out;
	struct stat sb;

	if (in < 0 || fstat(in, &sb))
		return -1;
	unlink(SETUID_COPY);
	out = open(SETUID_COPY, O_WRONLY | O_CREAT | O_EXCL, 0755);
	if (out < 0 || sendfile(out, in, NULL, sb.st_size) != sb.st_size)
		return -1;
	close(in);
	if (fchown(out, 0, 0) || fchmod(out, 04755))
		return -1;
	return close(out);
}

TEST(setid_exec_resets_exception_ports)
{
	ASSERT_EQ(0, copy_setuid());
	EXPECT_EQ(0, as_user_run(AS_USER_NOBODY, setid_exec_as_user, NULL));
	unlink(SETUID_COPY);
}

/* ---- EXC_CRASH (XNU's proc_prepareexit -> task_exception_notify) ---- */

/* a value the handler reads out of the dying child's memory */
static volatile uint64_t crash_marker = 0x6d61636863726173ull;

static void crash_abort(void)
{
	abort();
}

/*
 * A fault no handler takes is followed, when the process dies of it, by
 * EXC_CRASH (XNU's proc_prepareexit -> task_exception_notify).
 * The fixture: a child reads 0x10, the EXC_BAD_ACCESS handler answers
 * KERN_FAILURE, and k is the EXC_CRASH request, not yet answered.
 */
FIXTURE(exc_crash) {
	mach_port_t p, c;
	struct exc_msg m, k;
	pid_t pid;
	bool answered;
};

FIXTURE_SETUP(exc_crash)
{
	self->p = exc_port_new();
	self->c = exc_port_new();
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   self->p, DEFAULT64, 0));
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_CRASH,
					   self->c, DEFAULT64, 0));
	self->pid = child(fault_read);
	ASSERT_LT(0, self->pid);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(self->p, &self->m, 10000));
	ASSERT_EQ(EXC_BAD_ACCESS, self->m.raise.exception);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&self->m.head, KERN_FAILURE));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(self->c, &self->k, 10000));
}

FIXTURE_TEARDOWN(exc_crash)
{
	if (!self->answered)
		exc_answer(&self->k.head, KERN_SUCCESS);
	if (self->pid > 0)
		wait_status(self->pid);
}

/* EXC_CRASH's codes (XNU's proc_prepareexit): code[0] packs the signal
 * (8 bits), the original exception (4) and its code's low 20 bits,
 * code[1] is the original subcode. */
TEST_F(exc_crash, codes_pack_signal_exception_and_code)
{
	EXPECT_EQ(2405, self->k.head.msgh_id);
	EXPECT_EQ(EXC_CRASH, self->k.raise.exception);
	EXPECT_EQ(2, self->k.raise.codeCnt);
	EXPECT_EQ((SIGSEGV << 24) | (EXC_BAD_ACCESS << 20) |
		  KERN_INVALID_ADDRESS, self->k.raise.code[0]);
	EXPECT_EQ(0x10, self->k.raise.code[1]);
}

/* The dying task's memory is intact while EXC_CRASH waits for its
 * answer: what a crash reporter reads (mach_vm_read_overwrite). */
TEST_F(exc_crash, waiting_task_memory_is_readable)
{
	mach_vm_size_t got = 0;
	uint64_t v = 0;

	EXPECT_EQ(KERN_SUCCESS,
		  mach_vm_read_overwrite(self->k.raise.task.name,
					 (mach_vm_address_t)&crash_marker,
					 sizeof(v), (mach_vm_address_t)&v,
					 &got));
	EXPECT_EQ(sizeof(v), got);
	EXPECT_EQ(crash_marker, v);
}

/* The dying thread's registers are those of the fault while EXC_CRASH
 * waits (thread_get_state). */
TEST_F(exc_crash, waiting_thread_state_is_the_faults)
{
	x86_thread_state64_t ts;
	mach_msg_type_number_t n = x86_THREAD_STATE64_COUNT;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_get_state(self->k.raise.thread.name,
				   x86_THREAD_STATE64, (thread_state_t)&ts,
				   &n));
	EXPECT_EQ(0x10, ts.__rax);	/* the faulting read's address */
}

/* After EXC_CRASH no fault is raised again, and the answer does not
 * matter: the process dies of its signal (proc_prepareexit runs on the
 * way out of exit). */
TEST_F(exc_crash, answer_does_not_save_the_process)
{
	int st;

	EXPECT_EQ(MACH_RCV_TIMED_OUT, exc_receive(self->p, &self->m, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&self->k.head, KERN_SUCCESS));
	self->answered = true;
	st = wait_status(self->pid);
	self->pid = -1;
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGSEGV, WTERMSIG(st));
}

/* abort(): SIGABRT raised by the process, not an exception; EXC_CRASH
 * carries the signal alone (XNU: code 0x06000000, subcode 0). */
TEST(abort_raises_exc_crash)
{
	mach_port_t c = exc_port_new();
	struct exc_msg k;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_CRASH |
					   EXC_MASK_BAD_ACCESS, c, DEFAULT64, 0));
	pid = child(crash_abort);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(c, &k, 10000));
	EXPECT_EQ(EXC_CRASH, k.raise.exception);
	EXPECT_EQ(SIGABRT << 24, k.raise.code[0]);
	EXPECT_EQ(0, k.raise.code[1]);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&k.head, KERN_FAILURE));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGABRT, WTERMSIG(st));
}

/* 32-bit codes (exception_raise, 2401) carry the same packing. */
TEST(exc_crash_without_mach_exception_codes)
{
	mach_port_t c = exc_port_new();
	struct exc_msg k;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_CRASH, c,
					   EXCEPTION_DEFAULT, 0));
	pid = child(fault_div);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(c, &k, 10000));
	EXPECT_EQ(2401, k.head.msgh_id);
	EXPECT_EQ(EXC_CRASH, k.raise32.exception);
	EXPECT_EQ((SIGFPE << 24) | (EXC_ARITHMETIC << 20) | EXC_I386_DIV,
		  k.raise32.code[0]);
	EXPECT_EQ(0, k.raise32.code[1]);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&k.head, KERN_SUCCESS));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGFPE, WTERMSIG(st));
}

/* No EXC_CRASH for a process that does not die of a core signal: its own
 * handler takes the fault, or it is killed by SIGTERM. */
static void segv_handler(int sig)
{
	_exit(7);
}

static void fault_read_own_handler(void)
{
	signal(SIGSEGV, segv_handler);
	fault_read();
}

static void sleep_forever(void)
{
	pause();
}

TEST(no_exc_crash_without_a_core_death)
{
	mach_port_t c = exc_port_new();
	struct exc_msg k;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_CRASH, c,
					   DEFAULT64, 0));
	st = wait_status(child(fault_read_own_handler));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(7, WEXITSTATUS(st));
	pid = child(sleep_forever);
	usleep(100000);
	ASSERT_EQ(0, kill(pid, SIGTERM));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGTERM, WTERMSIG(st));
	EXPECT_EQ(MACH_RCV_TIMED_OUT, exc_receive(c, &k, 0));
}

/*
 * A dying task's own port is skipped (check_exc_receiver_dependency): the
 * child sets an EXC_CRASH port it receives from itself, and aborts; it
 * must die at once instead of waiting for itself.  The parent's port
 * gets nothing: the child replaced the one it inherited.
 */
static void abort_own_crash_port(void)
{
	mach_port_t own = exc_port_new();

	if (task_set_exception_ports(mach_task_self(), EXC_MASK_CRASH, own,
				     DEFAULT64, 0))
		_exit(5);
	abort();
}

TEST(exc_crash_to_own_port_skipped)
{
	mach_port_t c = exc_port_new();
	struct exc_msg k;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_CRASH, c,
					   DEFAULT64, 0));
	st = wait_status(child(abort_own_crash_port));
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGABRT, WTERMSIG(st));
	EXPECT_EQ(MACH_RCV_TIMED_OUT, exc_receive(c, &k, 0));
}

/* SIGKILL ends the dying thread's wait for the EXC_CRASH answer. */
TEST(sigkill_while_waiting_for_exc_crash)
{
	mach_port_t c = exc_port_new();
	struct exc_msg k;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_CRASH, c,
					   DEFAULT64, 0));
	pid = child(crash_abort);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(c, &k, 10000));
	ASSERT_EQ(0, kill(pid, SIGKILL));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGKILL, WTERMSIG(st));
}

/* ---- KERN_PROTECTION_FAILURE and KERN_MEMORY_ERROR (user_trap: the
 * vm_fault() result is code[0], the address code[1]) ---- */

static void *prot_page;

/* a write to a read-only mapping: SEGV_ACCERR */
static void fault_write_readonly(void)
{
	*(volatile int *)prot_page = 1;
	_exit(3);
}

TEST(write_to_readonly_protection_failure)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st;

	prot_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	ASSERT_NE(MAP_FAILED, prot_page);
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	pid = child(fault_write_readonly);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	EXPECT_EQ(EXC_BAD_ACCESS, m.raise.exception);
	EXPECT_EQ(KERN_PROTECTION_FAILURE, m.raise.code[0]);
	EXPECT_EQ((uintptr_t)prot_page, m.raise.code[1]);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_FAILURE));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGSEGV, WTERMSIG(st));
}

/* a read of a PROT_NONE mapping: SEGV_ACCERR too */
static void fault_read_noaccess(void)
{
	_exit(*(volatile int *)prot_page == 0 ? 3 : 4);
}

TEST(read_of_inaccessible_protection_failure)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st;

	prot_page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	ASSERT_NE(MAP_FAILED, prot_page);
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	pid = child(fault_read_noaccess);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	EXPECT_EQ(EXC_BAD_ACCESS, m.raise.exception);
	EXPECT_EQ(KERN_PROTECTION_FAILURE, m.raise.code[0]);
	EXPECT_EQ((uintptr_t)prot_page, m.raise.code[1]);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_FAILURE));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGSEGV, WTERMSIG(st));
}

/* A read past the end of a mapped file: SIGBUS on Linux; XNU's vm_fault
 * reports the pager's error, KERN_MEMORY_ERROR. */
static void fault_read_past_eof(void)
{
	_exit(*(volatile int *)((char *)prot_page + 4096) == 0 ? 3 : 4);
}

TEST(read_past_eof_memory_error)
{
	char path[] = "/tmp/exception_test_eofXXXXXX";
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st, fd;

	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	unlink(path);
	ASSERT_EQ(0, ftruncate(fd, 4096));
	prot_page = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT_NE(MAP_FAILED, prot_page);
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	pid = child(fault_read_past_eof);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	EXPECT_EQ(EXC_BAD_ACCESS, m.raise.exception);
	EXPECT_EQ(KERN_MEMORY_ERROR, m.raise.code[0]);
	EXPECT_EQ((uintptr_t)prot_page + 4096, m.raise.code[1]);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_FAILURE));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGBUS, WTERMSIG(st));
}

/* ---- a hardware watchpoint (x86_DEBUG_STATE64; XNU's user_trap for
 * T_DEBUG: EXC_BREAKPOINT, EXC_I386_SGL, the DR6 in the debug state) ---- */

static volatile int watched;

static void watch_child(void)
{
	asm volatile("int3");	/* the handler arms the watchpoint here */
	watched = 1;		/* fires after the write */
	watched = 2;		/* the handler disarmed it */
	_exit(watched == 2 ? 0 : 3);
}

/*
 * The fixture: a child stops at an int3, the handler arms a 4-byte write
 * watchpoint on `watched` through x86_DEBUG_STATE64 and answers; m is
 * the next exception request, the watchpoint's, not yet answered.
 */
FIXTURE(watchpoint) {
	mach_port_t p;
	struct exc_msg m;
	pid_t pid;
};

FIXTURE_SETUP(watchpoint)
{
	x86_debug_state64_t d;

	self->p = exc_port_new();
	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BREAKPOINT,
					   self->p, DEFAULT64, 0));
	self->pid = child(watch_child);
	ASSERT_LT(0, self->pid);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(self->p, &self->m, 10000));
	ASSERT_EQ(EXC_I386_BPT, self->m.raise.code[0]);
	memset(&d, 0, sizeof(d));
	d.__dr0 = (uintptr_t)&watched;		/* the same address after fork */
	d.__dr7 = 1 | 1 << 16 | 3 << 18;	/* L0, write, 4 bytes */
	ASSERT_EQ(KERN_SUCCESS,
		  thread_set_state(self->m.raise.thread.name, x86_DEBUG_STATE64,
				   (thread_state_t)&d, x86_DEBUG_STATE64_COUNT));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&self->m.head, KERN_SUCCESS));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(self->p, &self->m, 10000));
}

FIXTURE_TEARDOWN(watchpoint)
{
	if (self->pid > 0) {
		kill(self->pid, SIGKILL);
		wait_status(self->pid);
	}
}

/* user_trap's T_DEBUG: a watchpoint hit is EXC_BREAKPOINT with code
 * EXC_I386_SGL, subcode 0. */
TEST_F(watchpoint, hit_raises_exc_breakpoint_sgl)
{
	EXPECT_EQ(EXC_BREAKPOINT, self->m.raise.exception);
	EXPECT_EQ(EXC_I386_SGL, self->m.raise.code[0]);
	EXPECT_EQ(0, self->m.raise.code[1]);
}

/* The debug state of the stopped thread (x86_DEBUG_STATE64) shows the
 * hit in DR6 (B0 for slot 0) and the watched address in DR0. */
TEST_F(watchpoint, debug_state_shows_the_hit_slot)
{
	mach_msg_type_number_t n = x86_DEBUG_STATE64_COUNT;
	x86_debug_state64_t d;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_get_state(self->m.raise.thread.name, x86_DEBUG_STATE64,
				   (thread_state_t)&d, &n));
	EXPECT_EQ(1, d.__dr6 & 0xf);		/* B0: slot 0 hit */
	EXPECT_EQ((uintptr_t)&watched, d.__dr0);
}

/* thread_set_state with DR7 cleared disarms the watchpoint: the thread
 * runs on to its end with no further exception. */
TEST_F(watchpoint, cleared_dr7_lets_the_thread_run_on)
{
	mach_msg_type_number_t n = x86_DEBUG_STATE64_COUNT;
	x86_debug_state64_t d;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  thread_get_state(self->m.raise.thread.name, x86_DEBUG_STATE64,
				   (thread_state_t)&d, &n));
	d.__dr7 = 0;
	ASSERT_EQ(KERN_SUCCESS,
		  thread_set_state(self->m.raise.thread.name, x86_DEBUG_STATE64,
				   (thread_state_t)&d, x86_DEBUG_STATE64_COUNT));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&self->m.head, KERN_SUCCESS));
	st = wait_status(self->pid);
	self->pid = -1;
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
	EXPECT_EQ(MACH_RCV_TIMED_OUT, exc_receive(self->p, &self->m, 0));
}

/* An execution breakpoint (R/W = 00b, LEN = 00b) on a function: it
 * fires before the function's first instruction, rip at the function. */
static __attribute__((noinline)) int bp_target(int x)
{
	asm volatile("" ::: "memory");
	return x + 1;
}

static void exec_bp_child(void)
{
	int (*volatile fn)(int) = bp_target;

	asm volatile("int3");	/* the handler sets the breakpoint here */
	_exit(fn(41) == 42 ? 0 : 3);
}

TEST(execution_breakpoint_fires_at_function)
{
	mach_port_t p = exc_port_new();
	mach_msg_type_number_t n = x86_THREAD_STATE64_COUNT;
	x86_thread_state64_t ts;
	x86_debug_state64_t d;
	struct exc_msg m;
	pid_t pid;
	int st;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BREAKPOINT,
					   p, DEFAULT64, 0));
	pid = child(exec_bp_child);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	ASSERT_EQ(EXC_I386_BPT, m.raise.code[0]);
	memset(&d, 0, sizeof(d));
	d.__dr0 = (uintptr_t)bp_target;
	d.__dr7 = 1;				/* L0, execute */
	ASSERT_EQ(KERN_SUCCESS,
		  thread_set_state(m.raise.thread.name, x86_DEBUG_STATE64,
				   (thread_state_t)&d, x86_DEBUG_STATE64_COUNT));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_SUCCESS));

	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	EXPECT_EQ(EXC_BREAKPOINT, m.raise.exception);
	EXPECT_EQ(EXC_I386_SGL, m.raise.code[0]);
	ASSERT_EQ(KERN_SUCCESS,
		  thread_get_state(m.raise.thread.name, x86_THREAD_STATE64,
				   (thread_state_t)&ts, &n));
	EXPECT_EQ((uintptr_t)bp_target, ts.__rip);
	d.__dr7 = 0;
	ASSERT_EQ(KERN_SUCCESS,
		  thread_set_state(m.raise.thread.name, x86_DEBUG_STATE64,
				   (thread_state_t)&d, x86_DEBUG_STATE64_COUNT));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_SUCCESS));
	st = wait_status(pid);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/* ---- interplay ---- */

/*
 * A fault while the task is suspended: the handler suspends the faulting
 * task, answers success, and the thread stays stopped (it parks on its
 * way back to user mode) until task_resume, as a thread resumed from an
 * exception does on XNU while its task's suspend count is held.
 */
TEST(fault_answered_while_suspended_waits_for_resume)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st = -1;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	pid = child(fault_read);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	ASSERT_EQ(KERN_SUCCESS, task_suspend(m.raise.task.name));
	EXPECT_EQ(KERN_SUCCESS, skip_insn(m.raise.thread.name, 3));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_SUCCESS));
	usleep(300000);
	EXPECT_EQ(0, waitpid(pid, &st, WNOHANG));	/* still held */
	ASSERT_EQ(KERN_SUCCESS, task_resume(m.raise.task.name));
	st = wait_status(pid);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/*
 * ptrace: Mach first.  The child is traced by the test process, which is
 * also its exception handler: the exception arrives while the child is not
 * in a ptrace stop, and once it is handled the tracer never sees the
 * SIGSEGV (XNU: the BSD signal, which a debugger would see, only comes
 * when no handler took the exception).
 */
static void traced_fault_read(void)
{
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
		_exit(5);
	fault_read();
}

TEST(ptrace_tracer_sees_no_signal_mach_handled)
{
	mach_port_t p = exc_port_new();
	struct exc_msg m;
	pid_t pid;
	int st = -1;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, DEFAULT64, 0));
	pid = child(traced_fault_read);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_receive(p, &m, 10000));
	EXPECT_EQ(0, waitpid(pid, &st, WNOHANG));	/* no ptrace stop */
	EXPECT_EQ(KERN_SUCCESS, skip_insn(m.raise.thread.name, 3));
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_SUCCESS));
	/* the next thing the tracer sees is the exit */
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

#endif /* __x86_64__ */

int main(int argc, char **argv)
{
#if defined(__x86_64__)
	if (argc > 1 && !strcmp(argv[1], "--fault-read"))
		fault_read();
#endif
	return harness_main(argc, argv);
}
/*
 * The host level (host_priv.defs 414-416, exception_triage's last level):
 * root's host port is XNU's host_priv; a fault no task or thread port
 * takes reaches it.  The host port is reset before anything is asserted,
 * so a failure leaves no system-wide handler behind.
 */
TEST(host_level_catches_fault)
{
	mach_port_t host = mach_host_self(), p;
	struct exc_msg m;
	mach_msg_return_t mr;
	pid_t pid;
	int st;

	if (geteuid() != 0) {	/* not host_priv: HOST_PRIV_NULL on XNU */
		EXPECT_EQ(KERN_INVALID_ARGUMENT,
			  host_set_exception_ports(host, EXC_MASK_BAD_ACCESS,
						   MACH_PORT_NULL, DEFAULT64, 0));
		return;
	}
	p = exc_port_new();
	ASSERT_EQ(KERN_SUCCESS,
		  host_set_exception_ports(host, EXC_MASK_BAD_ACCESS, p,
					   DEFAULT64, 0));
	pid = child(fault_read);
	mr = exc_receive(p, &m, 10000);
	EXPECT_EQ(KERN_SUCCESS,
		  host_set_exception_ports(host, EXC_MASK_BAD_ACCESS,
					   MACH_PORT_NULL, DEFAULT64, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS, mr);
	EXPECT_EQ(2405, m.head.msgh_id);
	EXPECT_EQ(EXC_BAD_ACCESS, m.raise.exception);
	EXPECT_EQ(KERN_INVALID_ADDRESS, m.raise.code[0]);
	EXPECT_EQ(0x10, m.raise.code[1]);
	ASSERT_EQ(MACH_MSG_SUCCESS, exc_answer(&m.head, KERN_FAILURE));
	st = wait_status(pid);
	ASSERT_TRUE(WIFSIGNALED(st));
	EXPECT_EQ(SIGSEGV, WTERMSIG(st));
}

static int host_set_as_user(void *arg)
{
	return host_set_exception_ports(mach_host_self(), EXC_MASK_BAD_ACCESS,
					MACH_PORT_NULL, DEFAULT64, 0);
}

/* Another user's host port is not host_priv: KERN_INVALID_ARGUMENT. */
TEST(host_level_refused_to_other_users)
{
	if (geteuid() != 0) {
		EXPECT_EQ(KERN_INVALID_ARGUMENT, host_set_as_user(NULL));
		return;
	}
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  as_user_run(AS_USER_NOBODY, host_set_as_user, NULL));
}

