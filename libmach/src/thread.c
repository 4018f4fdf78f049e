// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libmach: thread ports.  mach_thread_self() is an ioctl (XNU's trap 27);
 * task_threads() and the thread_act routines are MIG messages to a task
 * or thread port, served by the module like the task routines in mig.c
 * (reply id = request id + 100, errors as mig_reply_error_t), through the
 * stubs tools/mig generates from libmach/defs (gen/, prefixed libmach_mig_).
 */
#include <string.h>
#include <mach/mach.h>
#include <mach/task.h>
#include <mach/thread_act.h>
#include "libmach.h"
#include "calls.h"
#include "libmach_task.h"
#include "libmach_thread_act.h"

LIBMACH_API mach_port_t mach_thread_self(void)
{
	struct mach_port_args a = { 0 };

	if (libmach_port_call(MACH_IOC_THREAD_SELF, &a) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return a.name;
}

/*
 * XNU's thread_act.defs sends thread_terminate's target as
 * thread_act_consume_ref_t (MOVE_SEND): the call consumes the caller's
 * send right.  libmach has always left it (COPY_SEND) and its callers
 * rely on that, so an extra reference travels instead; a send that never
 * left takes it back.
 */
LIBMACH_API kern_return_t thread_terminate(thread_act_t target_act)
{
	kern_return_t kr, ref;

	ref = mach_port_mod_refs(mach_task_self(), target_act,
				 MACH_PORT_RIGHT_SEND, 1);
	kr = libmach_mig_thread_terminate(target_act);
	if (ref == KERN_SUCCESS && (kr & ~MACH_MSG_MASK) >= MACH_SEND_IN_PROGRESS &&
	    (kr & ~MACH_MSG_MASK) < MACH_RCV_IN_PROGRESS)
		mach_port_mod_refs(mach_task_self(), target_act,
				   MACH_PORT_RIGHT_SEND, -1);
	return kr;
}

LIBMACH_API kern_return_t thread_suspend(thread_read_t target_act)
{
	return libmach_mig_thread_suspend(target_act);
}

LIBMACH_API kern_return_t thread_resume(thread_read_t target_act)
{
	return libmach_mig_thread_resume(target_act);
}

#if defined(__x86_64__)
/*
 * The unified flavors (x86_THREAD_STATE, _FLOAT_, _EXCEPTION_, _DEBUG_):
 * a header naming the width-specific flavor, then that state, as XNU's
 * machine_thread_get_state frames them for a 64-bit thread.  The module
 * serves the 64-bit flavors; libmach adds and checks the header.
 */
static int unified_flavor(thread_state_flavor_t flavor,
			  thread_state_flavor_t *f64, mach_msg_type_number_t *c64,
			  mach_msg_type_number_t *cnt)
{
	switch (flavor) {
	case x86_THREAD_STATE:
		*f64 = x86_THREAD_STATE64;
		*c64 = x86_THREAD_STATE64_COUNT;
		*cnt = x86_THREAD_STATE_COUNT;
		return 1;
	case x86_FLOAT_STATE:
		*f64 = x86_FLOAT_STATE64;
		*c64 = x86_FLOAT_STATE64_COUNT;
		*cnt = x86_FLOAT_STATE_COUNT;
		return 1;
	case x86_EXCEPTION_STATE:
		*f64 = x86_EXCEPTION_STATE64;
		*c64 = x86_EXCEPTION_STATE64_COUNT;
		*cnt = x86_EXCEPTION_STATE_COUNT;
		return 1;
	case x86_DEBUG_STATE:
		*f64 = x86_DEBUG_STATE64;
		*c64 = x86_DEBUG_STATE64_COUNT;
		*cnt = x86_DEBUG_STATE_COUNT;
		return 1;
	default:
		return 0;
	}
}
#endif

LIBMACH_API kern_return_t thread_get_state(thread_read_t target_act,
					   thread_state_flavor_t flavor,
					   thread_state_t old_state,
					   mach_msg_type_number_t *old_stateCnt)
{
#if defined(__x86_64__)
	thread_state_flavor_t f64;
	mach_msg_type_number_t c64, cnt, n;
	kern_return_t kr;

	if (unified_flavor(flavor, &f64, &c64, &cnt)) {
		x86_state_hdr_t hdr = { .flavor = (uint32_t)f64, .count = c64 };

		if (*old_stateCnt < cnt)
			return KERN_INVALID_ARGUMENT;
		memset(old_state, 0, cnt * sizeof(natural_t));
		n = c64;
		kr = libmach_mig_thread_get_state(target_act, f64, old_state + 2, &n);
		if (kr)
			return kr;
		memcpy(old_state, &hdr, sizeof(hdr));
		*old_stateCnt = cnt;
		return KERN_SUCCESS;
	}
#endif
	return libmach_mig_thread_get_state(target_act, flavor, old_state,
					    old_stateCnt);
}

LIBMACH_API kern_return_t thread_info(thread_inspect_t target_act,
				      thread_flavor_t thread_info_flavor,
				      thread_info_t thread_info_out,
				      mach_msg_type_number_t *thread_info_outCnt)
{
	return libmach_mig_thread_info(target_act, thread_info_flavor,
				       thread_info_out, thread_info_outCnt);
}

/*
 * XNU records and checks these (Documentation/threads.rst): what was set is
 * what thread_policy_get returns; the Linux scheduler is not changed.
 */
LIBMACH_API kern_return_t thread_policy_set(thread_act_t thread,
					    thread_policy_flavor_t flavor,
					    thread_policy_t policy_info,
					    mach_msg_type_number_t policy_infoCnt)
{
	return libmach_mig_thread_policy_set(thread, flavor, policy_info,
					     policy_infoCnt);
}

LIBMACH_API kern_return_t thread_policy_get(thread_inspect_t thread,
					    thread_policy_flavor_t flavor,
					    thread_policy_t policy_info,
					    mach_msg_type_number_t *policy_infoCnt,
					    boolean_t *get_default)
{
	return libmach_mig_thread_policy_get(thread, flavor, policy_info,
					     policy_infoCnt, get_default);
}

LIBMACH_API kern_return_t thread_set_state(thread_act_t target_act,
					   thread_state_flavor_t flavor,
					   thread_state_t new_state,
					   mach_msg_type_number_t new_stateCnt)
{
	if (new_stateCnt > THREAD_STATE_MAX)
		return MIG_ARRAY_TOO_LARGE;
#if defined(__x86_64__)
	{
		thread_state_flavor_t f64;
		mach_msg_type_number_t c64, cnt;
		x86_state_hdr_t hdr;

		/* machine_thread_set_state: the header must name the
		 * 64-bit flavor with its exact count */
		if (unified_flavor(flavor, &f64, &c64, &cnt)) {
			if (new_stateCnt != cnt)
				return KERN_INVALID_ARGUMENT;
			memcpy(&hdr, new_state, sizeof(hdr));
			if (hdr.flavor != (uint32_t)f64 || hdr.count != c64)
				return KERN_INVALID_ARGUMENT;
			return thread_set_state(target_act, f64, new_state + 2, c64);
		}
	}
#endif
	return libmach_mig_thread_set_state(target_act, flavor, new_state,
					    new_stateCnt);
}

LIBMACH_API kern_return_t task_threads(task_inspect_t target_task,
				       thread_act_array_t *act_list,
				       mach_msg_type_number_t *act_listCnt)
{
	return libmach_mig_task_threads(target_task, act_list, act_listCnt);
}
