// SPDX-License-Identifier: GPL-2.0
/*
 * The Mach traps that are not message calls, as libmach provides them
 * (libmach/src/traps.c, Documentation/conformance-headers.rst): XNU's
 * task_self_trap, thread_switch (osfmk/kern/syscall_subr.c), swtch and
 * mach_msg_trap, with the results XNU gives.
 */
#include "harness.h"

#include <time.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/thread_switch.h>

static mach_port_urefs_t send_refs(mach_port_name_t name)
{
	mach_port_urefs_t refs = 0;

	mach_port_get_refs(mach_task_self(), name, MACH_PORT_RIGHT_SEND, &refs);
	return refs;
}

static unsigned long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* task_self_trap: the task's name, with one more send reference */
TEST(task_self_trap_adds_a_send_reference)
{
	mach_port_urefs_t before = send_refs(mach_task_self());
	mach_port_name_t name = task_self_trap();

	EXPECT_EQ(mach_task_self(), name);
	EXPECT_EQ(before + 1, send_refs(mach_task_self()));
	mach_port_deallocate(mach_task_self(), name);
}

/* thread_self_trap and host_self_trap name the same ports as the calls */
TEST(self_traps_name_the_thread_and_host_ports)
{
	mach_port_name_t t = mach_thread_self();
	mach_port_name_t h = mach_host_self();

	EXPECT_EQ(t, thread_self_trap());
	EXPECT_EQ(h, host_self_trap());
}

/* thread_switch: an option outside SWITCH_OPTION_* is refused */
TEST(thread_switch_unknown_option_is_invalid)
{
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_switch(MACH_PORT_NULL, 6, 0));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_switch(MACH_PORT_NULL, -1, 0));
}

/* thread_switch: the yield options return at once, successfully */
TEST(thread_switch_yield_options_succeed)
{
	EXPECT_EQ(KERN_SUCCESS,
		  thread_switch(MACH_PORT_NULL, SWITCH_OPTION_NONE, 0));
	EXPECT_EQ(KERN_SUCCESS,
		  thread_switch(MACH_PORT_NULL, SWITCH_OPTION_DEPRESS, 1));
	EXPECT_EQ(KERN_SUCCESS,
		  thread_switch(MACH_PORT_NULL, SWITCH_OPTION_OSLOCK_DEPRESS,
				1));
	/* a name that is no thread is only a hint, as XNU ignores it */
	EXPECT_EQ(KERN_SUCCESS,
		  thread_switch(0x12345, SWITCH_OPTION_NONE, 0));
}

/* thread_switch SWITCH_OPTION_WAIT: sleeps option_time milliseconds */
TEST(thread_switch_wait_sleeps_option_time_ms)
{
	unsigned long long t0 = now_ns();

	EXPECT_EQ(KERN_SUCCESS,
		  thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 30));
	EXPECT_GE(now_ns() - t0, 30000000ull);
}

/* SWITCH_OPTION_DISPATCH_CONTENTION scales option_time to microseconds */
TEST(thread_switch_dispatch_contention_waits_microseconds)
{
	unsigned long long t0 = now_ns();

	EXPECT_EQ(KERN_SUCCESS,
		  thread_switch(MACH_PORT_NULL,
				SWITCH_OPTION_DISPATCH_CONTENTION, 2000));
	EXPECT_GE(now_ns() - t0, 2000000ull);
}

/* swtch / swtch_pri: yield; Linux cannot say whether others waited */
TEST(swtch_yields_and_answers_false)
{
	EXPECT_EQ(FALSE, swtch());
	EXPECT_EQ(FALSE, swtch_pri(0));
}

/* mach_msg_trap: the same send and receive as mach_msg */
TEST(mach_msg_trap_sends_and_receives)
{
	struct {
		mach_msg_header_t head;
		mach_msg_trailer_t trailer;
	} msg = { 0 };
	mach_port_t port;

	ASSERT_EQ(KERN_SUCCESS,
		  mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
				     &port));
	msg.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	msg.head.msgh_size = sizeof(msg.head);
	msg.head.msgh_remote_port = port;
	msg.head.msgh_id = 4242;
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg_trap(&msg.head, MACH_SEND_MSG, sizeof(msg.head), 0,
				MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
				MACH_PORT_NULL));
	memset(&msg, 0, sizeof(msg));
	ASSERT_EQ(MACH_MSG_SUCCESS,
		  mach_msg_trap(&msg.head, MACH_RCV_MSG, 0, sizeof(msg), port,
				MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL));
	EXPECT_EQ(4242, msg.head.msgh_id);
	mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
}

TEST_HARNESS_MAIN
