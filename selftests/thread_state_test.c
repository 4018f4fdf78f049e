// SPDX-License-Identifier: GPL-2.0
/*
 * thread_get_state / thread_set_state with the unified x86 flavors
 * (x86_THREAD_STATE and friends): a header naming the 64-bit flavor and
 * its count, then that state, as XNU's machine_thread_get_state and
 * machine_thread_set_state (osfmk/i386/pcb.c) frame them.  The calling
 * thread's own state can be read (the module treats it as stopped).
 */
#include "harness.h"

#include <stddef.h>

#include <mach/mach.h>
#include <mach/thread_act.h>
#include <mach/thread_status.h>

#if defined(__x86_64__)

/* The layout facts the flavor's users rely on. */
TEST(unified_thread_state_layout)
{
	EXPECT_EQ(8, sizeof(x86_state_hdr_t));
	EXPECT_EQ(42, x86_THREAD_STATE64_COUNT);
	EXPECT_EQ(44, x86_THREAD_STATE_COUNT);
	EXPECT_EQ(131, x86_FLOAT_STATE64_COUNT);
	EXPECT_EQ(133, x86_FLOAT_STATE_COUNT);
	EXPECT_EQ(4, x86_EXCEPTION_STATE64_COUNT);
	EXPECT_EQ(6, x86_EXCEPTION_STATE_COUNT);
	EXPECT_EQ(16, x86_DEBUG_STATE64_COUNT);
	EXPECT_EQ(18, x86_DEBUG_STATE_COUNT);
	EXPECT_EQ(8, offsetof(x86_thread_state_t, uts.ts64));
	EXPECT_EQ(x86_THREAD_STATE, MACHINE_THREAD_STATE);
}

/* machine_thread_get_state(x86_THREAD_STATE) on a 64-bit thread: header
 * {x86_THREAD_STATE64, 42}, the 64-bit registers after it, count 44. */
TEST(unified_thread_state_of_self)
{
	thread_act_t self = mach_thread_self();
	x86_thread_state_t st;
	x86_thread_state64_t s64;
	mach_msg_type_number_t cnt = x86_THREAD_STATE_COUNT;
	mach_msg_type_number_t cnt64 = x86_THREAD_STATE64_COUNT;

	ASSERT_NE(MACH_PORT_NULL, self);
	memset(&st, 0xa5, sizeof(st));
	ASSERT_EQ(KERN_SUCCESS, thread_get_state(self, x86_THREAD_STATE,
						 (thread_state_t)&st, &cnt));
	EXPECT_EQ(x86_THREAD_STATE_COUNT, cnt);
	EXPECT_EQ(x86_THREAD_STATE64, st.tsh.flavor);
	EXPECT_EQ(x86_THREAD_STATE64_COUNT, st.tsh.count);
	ASSERT_EQ(KERN_SUCCESS, thread_get_state(self, x86_THREAD_STATE64,
						 (thread_state_t)&s64, &cnt64));
	/* the same thread, the same segments */
	EXPECT_EQ(s64.__cs, st.uts.ts64.__cs);
	EXPECT_EQ(s64.__fs, st.uts.ts64.__fs);
	EXPECT_EQ(s64.__gs, st.uts.ts64.__gs);
	EXPECT_NE(0, st.uts.ts64.__rsp);
	EXPECT_NE(0, st.uts.ts64.__rip);
	mach_port_deallocate(mach_task_self(), self);
}

/* A buffer shorter than x86_THREAD_STATE_COUNT: KERN_INVALID_ARGUMENT
 * (machine_thread_get_state checks *count first). */
TEST(unified_thread_state_short_buffer_invalid_argument)
{
	thread_act_t self = mach_thread_self();
	x86_thread_state_t st;
	mach_msg_type_number_t cnt = x86_THREAD_STATE_COUNT - 1;

	ASSERT_NE(MACH_PORT_NULL, self);
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_get_state(self, x86_THREAD_STATE, (thread_state_t)&st, &cnt));
	EXPECT_EQ(x86_THREAD_STATE_COUNT - 1, cnt);
	mach_port_deallocate(mach_task_self(), self);
}

/* machine_thread_set_state(x86_THREAD_STATE): a header that does not
 * name x86_THREAD_STATE64 with count 42 is KERN_INVALID_ARGUMENT. */
TEST(unified_set_state_bad_header_invalid_argument)
{
	thread_act_t self = mach_thread_self();
	x86_thread_state_t st;

	ASSERT_NE(MACH_PORT_NULL, self);
	memset(&st, 0, sizeof(st));
	st.tsh.flavor = x86_THREAD_STATE32;
	st.tsh.count = x86_THREAD_STATE32_COUNT;
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_set_state(self, x86_THREAD_STATE, (thread_state_t)&st,
				   x86_THREAD_STATE_COUNT));
	st.tsh.flavor = x86_THREAD_STATE64;
	st.tsh.count = x86_THREAD_STATE64_COUNT - 1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_set_state(self, x86_THREAD_STATE, (thread_state_t)&st,
				   x86_THREAD_STATE_COUNT));
	/* and the count must be exactly x86_THREAD_STATE_COUNT */
	st.tsh.count = x86_THREAD_STATE64_COUNT;
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_set_state(self, x86_THREAD_STATE, (thread_state_t)&st,
				   x86_THREAD_STATE_COUNT - 1));
	mach_port_deallocate(mach_task_self(), self);
}

/* A well-formed unified set is the 64-bit set: the same answer as
 * x86_THREAD_STATE64 with the same registers (the module refuses to
 * rewrite the caller's own registers, KERN_FAILURE, for both). */
TEST(unified_set_state_is_the_64bit_set)
{
	thread_act_t self = mach_thread_self();
	x86_thread_state_t st;
	mach_msg_type_number_t cnt = x86_THREAD_STATE_COUNT;
	kern_return_t k64;

	ASSERT_NE(MACH_PORT_NULL, self);
	ASSERT_EQ(KERN_SUCCESS, thread_get_state(self, x86_THREAD_STATE,
						 (thread_state_t)&st, &cnt));
	k64 = thread_set_state(self, x86_THREAD_STATE64,
			       (thread_state_t)&st.uts.ts64,
			       x86_THREAD_STATE64_COUNT);
	EXPECT_EQ(k64, thread_set_state(self, x86_THREAD_STATE,
					(thread_state_t)&st,
					x86_THREAD_STATE_COUNT));
	EXPECT_EQ(KERN_FAILURE, k64);
	mach_port_deallocate(mach_task_self(), self);
}

/* The unified float flavor asks the module for x86_FLOAT_STATE64, which
 * it does not serve: KERN_INVALID_ARGUMENT, as for an unknown flavor
 * (machine_thread_get_state's default case). */
TEST(unified_float_state_not_served_invalid_argument)
{
	thread_act_t self = mach_thread_self();
	x86_float_state_t fs;
	mach_msg_type_number_t cnt = x86_FLOAT_STATE_COUNT;

	ASSERT_NE(MACH_PORT_NULL, self);
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_get_state(self, x86_FLOAT_STATE, (thread_state_t)&fs, &cnt));
	mach_port_deallocate(mach_task_self(), self);
}

/* ---- x86_DEBUG_STATE64: XNU's set_debug_state64 (osfmk/i386/pcb.c) ---- */

static volatile long watched_here;

static kern_return_t set_dbg(thread_act_t th, uint64_t dr0, uint64_t dr7)
{
	x86_debug_state64_t d;

	memset(&d, 0, sizeof(d));
	d.__dr0 = dr0;
	d.__dr7 = dr7;
	return thread_set_state(th, x86_DEBUG_STATE64, (thread_state_t)&d,
				x86_DEBUG_STATE64_COUNT);
}

/* L0, write, 8 bytes: DR7 bit 0, RW0 = 01, LEN0 = 10 */
#define DR7_W8_SLOT0	(1ull | 1ull << 16 | 2ull << 18)

/* dr7d_is_valid and debug_state_is_valid64: KERN_INVALID_ARGUMENT for a
 * global enable, an I/O breakpoint, an execution breakpoint with a length,
 * an enabled address at or above VM_MAX_PAGE_ADDRESS; short counts and the
 * 32-bit flavor of a 64-bit thread too. */
TEST(debug_state_validation)
{
	thread_act_t self = mach_thread_self();
	uint64_t a = (uintptr_t)&watched_here;
	x86_debug_state64_t d;
	x86_debug_state32_t d32;

	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_dbg(self, a, DR7_W8_SLOT0 | 2));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_dbg(self, a, 1 | 2ull << 16));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_dbg(self, a, 1 | 1ull << 18));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_dbg(self, 0xffffffff81000000ull, DR7_W8_SLOT0));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  set_dbg(self, 0x00007fffffe00000ull, DR7_W8_SLOT0));
	memset(&d, 0, sizeof(d));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_set_state(self, x86_DEBUG_STATE64, (thread_state_t)&d,
				   x86_DEBUG_STATE64_COUNT - 1));
	memset(&d32, 0, sizeof(d32));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  thread_set_state(self, x86_DEBUG_STATE32, (thread_state_t)&d32,
				   x86_DEBUG_STATE32_COUNT));
	/* Linux's hw_breakpoint layer wants a data address aligned to its
	 * length (XNU takes it; the CPU ignores the low bits) */
	EXPECT_EQ(KERN_INVALID_ARGUMENT, set_dbg(self, a + 1, DR7_W8_SLOT0));
	/* a kernel address in a disabled slot is not checked (XNU) */
	EXPECT_EQ(KERN_SUCCESS, set_dbg(self, 0xffffffff81000000ull, 0));
	mach_port_deallocate(mach_task_self(), self);
}

/* get_debug_state64 of a thread that never set any: zeros. */
TEST(debug_state_zero_before_any_set)
{
	thread_act_t self = mach_thread_self();
	mach_msg_type_number_t n = x86_DEBUG_STATE64_COUNT;
	x86_debug_state64_t d;

	memset(&d, 0xa5, sizeof(d));
	ASSERT_EQ(KERN_SUCCESS, thread_get_state(self, x86_DEBUG_STATE64,
						 (thread_state_t)&d, &n));
	EXPECT_EQ(x86_DEBUG_STATE64_COUNT, n);
	EXPECT_EQ(0, d.__dr0);
	EXPECT_EQ(0, d.__dr7);
	mach_port_deallocate(mach_task_self(), self);
}

/* get_debug_state64 returns what set_debug_state64 took: DR0, and DR7
 * with bit 10 forced and bits 11, 12, 14, 15 cleared (dr7d_is_valid). */
TEST(debug_state_get_returns_what_was_set)
{
	thread_act_t self = mach_thread_self();
	mach_msg_type_number_t n = x86_DEBUG_STATE64_COUNT;
	uint64_t a = (uintptr_t)&watched_here;
	x86_debug_state64_t d;

	/* enabled, then disabled again without touching the variable */
	ASSERT_EQ(KERN_SUCCESS, set_dbg(self, a, DR7_W8_SLOT0 | 1ull << 11));
	ASSERT_EQ(KERN_SUCCESS, thread_get_state(self, x86_DEBUG_STATE64,
						 (thread_state_t)&d, &n));
	EXPECT_EQ(a, d.__dr0);
	EXPECT_EQ(DR7_W8_SLOT0 | 1ull << 10, d.__dr7);
	ASSERT_EQ(KERN_SUCCESS, set_dbg(self, a, 0));
	mach_port_deallocate(mach_task_self(), self);
}

/* machine_thread_get_state's unified x86_DEBUG_STATE: header
 * {x86_DEBUG_STATE64, 16}, count 18, then the 64-bit state; a slot
 * disabled again (DR7 bit 10 only) fires nothing. */
TEST(debug_state_unified_flavor_frames_the_64_bit_state)
{
	thread_act_t self = mach_thread_self();
	mach_msg_type_number_t n = x86_DEBUG_STATE_COUNT;
	uint64_t a = (uintptr_t)&watched_here;
	x86_debug_state_t u;

	ASSERT_EQ(KERN_SUCCESS, set_dbg(self, a, DR7_W8_SLOT0 | 1ull << 11));
	ASSERT_EQ(KERN_SUCCESS, set_dbg(self, a, 0));
	ASSERT_EQ(KERN_SUCCESS, thread_get_state(self, x86_DEBUG_STATE,
						 (thread_state_t)&u, &n));
	EXPECT_EQ(x86_DEBUG_STATE_COUNT, n);
	EXPECT_EQ(x86_DEBUG_STATE64, u.dsh.flavor);
	EXPECT_EQ(x86_DEBUG_STATE64_COUNT, u.dsh.count);
	EXPECT_EQ(a, u.uds.ds64.__dr0);
	EXPECT_EQ(1ull << 10, u.uds.ds64.__dr7);
	watched_here = 1;	/* disabled: nothing fires */
	mach_port_deallocate(mach_task_self(), self);
}

#endif

TEST_HARNESS_MAIN
