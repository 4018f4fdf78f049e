// SPDX-License-Identifier: GPL-2.0
/*
 * Issue 18's exception item: a real CPU exception raised by the module
 * (osfmk/i386/trap.c user_trap -> exception_triage -> exception_deliver
 * on XNU) and served by the mach_exc_server that tools/mig generates, at
 * build time, from the mach_exc.defs linux-mach ships: the generated
 * demux decodes the kernel's request, calls the program's
 * catch_mach_exception_raise*, and its reply resumes the child.
 */
#include "harness.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/thread_status.h>

#include "mig/mach_exc.h"
#include "mig/mach_excServer.h"

#if defined(__x86_64__)

static struct {
	int calls;
	exception_type_t exception;
	int64_t code[2];
	mach_msg_type_number_t codeCnt;
} caught;

kern_return_t catch_mach_exception_raise(mach_port_t exception_port,
					 mach_port_t thread, mach_port_t task,
					 exception_type_t exception,
					 mach_exception_data_t code,
					 mach_msg_type_number_t codeCnt)
{
	caught.calls++;
	caught.exception = exception;
	caught.codeCnt = codeCnt;
	memcpy(caught.code, code, 2 * sizeof(code[0]));
	mach_port_deallocate(mach_task_self(), thread);
	mach_port_deallocate(mach_task_self(), task);
	return KERN_SUCCESS;
}

kern_return_t catch_mach_exception_raise_state(mach_port_t exception_port,
					       exception_type_t exception,
					       mach_exception_data_t code,
					       mach_msg_type_number_t codeCnt,
					       int *flavor,
					       thread_state_t old_state,
					       mach_msg_type_number_t old_stateCnt,
					       thread_state_t new_state,
					       mach_msg_type_number_t *new_stateCnt)
{
	return KERN_FAILURE;
}

/* skip the 3-byte read of address 0x10 and make it return 42 */
kern_return_t catch_mach_exception_raise_state_identity(
	mach_port_t exception_port, mach_port_t thread, mach_port_t task,
	exception_type_t exception, mach_exception_data_t code,
	mach_msg_type_number_t codeCnt, int *flavor, thread_state_t old_state,
	mach_msg_type_number_t old_stateCnt, thread_state_t new_state,
	mach_msg_type_number_t *new_stateCnt)
{
	x86_thread_state64_t s;

	caught.calls++;
	caught.exception = exception;
	caught.codeCnt = codeCnt;
	memcpy(caught.code, code, 2 * sizeof(code[0]));
	mach_port_deallocate(mach_task_self(), thread);
	mach_port_deallocate(mach_task_self(), task);
	if (*flavor != x86_THREAD_STATE64 ||
	    old_stateCnt != x86_THREAD_STATE64_COUNT)
		return KERN_FAILURE;
	memcpy(&s, old_state, sizeof(s));
	s.__rip += 3;
	s.__rax = 42;
	memcpy(new_state, &s, sizeof(s));
	*new_stateCnt = x86_THREAD_STATE64_COUNT;
	return KERN_SUCCESS;
}

static mach_port_t exc_port_new(void)
{
	mach_port_t p = MACH_PORT_NULL;

	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p) ||
	    mach_port_insert_right(mach_task_self(), p, p,
				   MACH_MSG_TYPE_MAKE_SEND))
		return MACH_PORT_NULL;
	return p;
}

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

static void do_int3(void)
{
	asm volatile("int3");
	_exit(0);
}

static void do_fault_read(void)
{
	long v;

	asm volatile("mov $0x10, %%rax\n\t"
		     "mov (%%rax), %%rax\n\t"
		     "mov %%rax, %0" : "=r"(v) : : "rax", "memory");
	_exit(v == 42 ? 0 : 3);
}

/* One request through the generated server, and its reply sent back. */
static int serve_one(mach_port_t port)
{
	union {
		union __RequestUnion__catch_mach_exc_subsystem rq;
		char buf[sizeof(union __RequestUnion__catch_mach_exc_subsystem) +
			 sizeof(mach_msg_max_trailer_t)];
	} in;
	union __ReplyUnion__catch_mach_exc_subsystem out;
	mach_msg_header_t *req = (mach_msg_header_t *)&in;
	mach_msg_header_t *rep = (mach_msg_header_t *)&out;

	memset(&in, 0, sizeof(in));
	if (mach_msg(req, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(in),
		     port, 10000, MACH_PORT_NULL))
		return -1;
	if (!mach_exc_server(req, rep))
		return -2;
	return mach_msg(rep, MACH_SEND_MSG, rep->msgh_size, 0, MACH_PORT_NULL,
			MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) ? -3 : 0;
}

/* int3 in a child: EXC_BREAKPOINT / EXC_I386_BPT through the generated
 * demux; its KERN_SUCCESS reply resumes the child after the int3. */
TEST(generated_server_resumes_breakpoint)
{
	mach_port_t p = exc_port_new();
	pid_t pid;
	int st = -1;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BREAKPOINT,
					   p, EXCEPTION_DEFAULT |
					   MACH_EXCEPTION_CODES, 0));
	pid = child(do_int3);
	ASSERT_EQ(0, serve_one(p));
	EXPECT_EQ(1, caught.calls);
	EXPECT_EQ(EXC_BREAKPOINT, caught.exception);
	EXPECT_EQ(2, caught.codeCnt);
	EXPECT_EQ(EXC_I386_BPT, caught.code[0]);
	EXPECT_EQ(0, caught.code[1]);
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/* EXCEPTION_STATE_IDENTITY: the generated reply carries the new state. */
TEST(generated_server_state_identity_new_state)
{
	mach_port_t p = exc_port_new();
	pid_t pid;
	int st = -1;

	ASSERT_EQ(KERN_SUCCESS,
		  task_set_exception_ports(mach_task_self(), EXC_MASK_BAD_ACCESS,
					   p, EXCEPTION_STATE_IDENTITY |
					   MACH_EXCEPTION_CODES,
					   x86_THREAD_STATE64));
	pid = child(do_fault_read);
	ASSERT_EQ(0, serve_one(p));
	EXPECT_EQ(1, caught.calls);
	EXPECT_EQ(EXC_BAD_ACCESS, caught.exception);
	EXPECT_EQ(KERN_INVALID_ADDRESS, caught.code[0]);
	EXPECT_EQ(0x10, caught.code[1]);
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

#endif /* __x86_64__ */

TEST_HARNESS_MAIN
