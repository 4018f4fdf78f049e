// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The Mach traps that are not message calls: on Linux the Mach calls are
 * ioctls on /dev/mach, so these are the library calls they stand for,
 * with XNU's arguments, checks and results (Documentation/
 * conformance-headers.rst).
 */
#include <sched.h>
#include <time.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/thread_switch.h>
#include <mach/clock.h>
#include "libmach.h"

/* XNU's task_self_trap: a send right, one more user reference each call */
LIBMACH_API mach_port_name_t task_self_trap(void)
{
	mach_port_name_t self = mach_task_self();

	if (mach_port_mod_refs(self, self, MACH_PORT_RIGHT_SEND, 1) !=
	    KERN_SUCCESS)
		return MACH_PORT_NULL;
	return self;
}

LIBMACH_API mach_port_name_t thread_self_trap(void)
{
	return mach_thread_self();
}

LIBMACH_API mach_port_name_t host_self_trap(void)
{
	return mach_host_self();
}

LIBMACH_API mach_msg_return_t mach_msg_trap(mach_msg_header_t *msg,
					    mach_msg_option_t option,
					    mach_msg_size_t send_size,
					    mach_msg_size_t rcv_size,
					    mach_port_name_t rcv_name,
					    mach_msg_timeout_t timeout,
					    mach_port_name_t notify)
{
	return mach_msg(msg, option, send_size, rcv_size, rcv_name, timeout,
			notify);
}

LIBMACH_API mach_msg_return_t mach_msg_overwrite_trap(mach_msg_header_t *msg,
						      mach_msg_option_t option,
						      mach_msg_size_t send_size,
						      mach_msg_size_t rcv_size,
						      mach_port_name_t rcv_name,
						      mach_msg_timeout_t timeout,
						      mach_msg_priority_t priority,
						      mach_msg_header_t *rcv_msg,
						      mach_msg_size_t rcv_limit)
{
	(void)priority;
	return mach_msg_overwrite(msg, option, send_size, rcv_size, rcv_name,
				  timeout, MACH_PORT_NULL, rcv_msg, rcv_limit);
}

LIBMACH_API kern_return_t clock_sleep_trap(mach_port_name_t clock_name,
					   sleep_type_t sleep_type,
					   int sleep_sec, int sleep_nsec,
					   mach_timespec_t *wakeup_time)
{
	mach_timespec_t t = {
		.tv_sec = (unsigned int)sleep_sec,
		.tv_nsec = (clock_res_t)sleep_nsec,
	};

	return clock_sleep(clock_name, sleep_type, t, wakeup_time);
}

/*
 * swtch / swtch_pri: give up the processor.  XNU answers whether other
 * threads were waiting for it; Linux does not say, so the answer is FALSE
 * ("nothing to hand over to"), which callers treat as "spin on".
 */
LIBMACH_API boolean_t swtch(void)
{
	sched_yield();
	return FALSE;
}

LIBMACH_API boolean_t swtch_pri(int pri)
{
	(void)pri;
	sched_yield();
	return FALSE;
}

/*
 * thread_switch (XNU's syscall_subr.c): the options are checked as XNU
 * checks them; the WAIT options sleep option_time milliseconds
 * (microseconds for SWITCH_OPTION_DISPATCH_CONTENTION), the others yield.
 * A thread to hand off to is a hint, ignored here as XNU ignores a name
 * that is not a thread.  A depressed priority is not kept: Linux has no
 * timed priority depression for one thread.
 */
LIBMACH_API kern_return_t thread_switch(mach_port_name_t thread_name,
					int option,
					mach_msg_timeout_t option_time)
{
	unsigned long long ns = (unsigned long long)option_time * 1000000ull;
	struct timespec ts;

	(void)thread_name;
	switch (option) {
	case SWITCH_OPTION_NONE:
	case SWITCH_OPTION_DEPRESS:
	case SWITCH_OPTION_OSLOCK_DEPRESS:
		sched_yield();
		return KERN_SUCCESS;
	case SWITCH_OPTION_DISPATCH_CONTENTION:
		ns = (unsigned long long)option_time * 1000ull;
		/* fall through */
	case SWITCH_OPTION_WAIT:
	case SWITCH_OPTION_OSLOCK_WAIT:
		ts.tv_sec = (time_t)(ns / 1000000000ull);
		ts.tv_nsec = (long)(ns % 1000000000ull);
		/* XNU's wait is THREAD_ABORTSAFE: a signal ends it early */
		nanosleep(&ts, NULL);
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}
