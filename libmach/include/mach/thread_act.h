/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * thread_act routines (the thread_act MIG subsystem, ids 3600...), sent
 * as MIG messages to a thread port: mach_thread_self(), or one from
 * task_threads() on any task port.
 */
#ifndef _thread_act_user_
#define _thread_act_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/thread_info.h>
#include <mach/thread_status.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t thread_terminate(thread_act_t target_act);
kern_return_t thread_get_state(thread_read_t target_act,
			       thread_state_flavor_t flavor,
			       thread_state_t old_state,
			       mach_msg_type_number_t *old_stateCnt);
kern_return_t thread_set_state(thread_act_t target_act,
			       thread_state_flavor_t flavor,
			       thread_state_t new_state,
			       mach_msg_type_number_t new_stateCnt);
kern_return_t thread_suspend(thread_read_t target_act);
kern_return_t thread_resume(thread_read_t target_act);
kern_return_t thread_info(thread_inspect_t target_act,
			  thread_flavor_t thread_info_flavor,
			  thread_info_t thread_info_out,
			  mach_msg_type_number_t *thread_info_outCnt);

#ifdef __cplusplus
}
#endif

#endif
