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
#include <mach/thread_policy.h>
#include <mach/exception_types.h>
#include <mach/policy.h>
#include <mach/mach_voucher_types.h>

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

/*
 * The rest of Darwin's thread_act interface, declared so Darwin code
 * compiles.  Of these libmach provides thread_get_special_port and the
 * exception-port routines; the rest are declared only
 * (Documentation/conformance-headers.rst).
 */
kern_return_t thread_abort(thread_act_t target_act);
kern_return_t thread_abort_safely(thread_act_t target_act);
kern_return_t thread_depress_abort(thread_act_t thread);
kern_return_t thread_get_special_port(thread_inspect_t thr_act, int which_port,
				      mach_port_t *special_port);
kern_return_t thread_set_special_port(thread_act_t thr_act, int which_port,
				      mach_port_t special_port);
kern_return_t thread_set_exception_ports(thread_act_t thread,
					 exception_mask_t exception_mask,
					 mach_port_t new_port,
					 exception_behavior_t behavior,
					 thread_state_flavor_t new_flavor);
kern_return_t thread_get_exception_ports(thread_act_t thread,
					 exception_mask_t exception_mask,
					 exception_mask_array_t masks,
					 mach_msg_type_number_t *masksCnt,
					 exception_handler_array_t old_handlers,
					 exception_behavior_array_t old_behaviors,
					 exception_flavor_array_t old_flavors);
kern_return_t thread_swap_exception_ports(thread_act_t thread,
					  exception_mask_t exception_mask,
					  mach_port_t new_port,
					  exception_behavior_t behavior,
					  thread_state_flavor_t new_flavor,
					  exception_mask_array_t masks,
					  mach_msg_type_number_t *masksCnt,
					  exception_handler_array_t old_handlers,
					  exception_behavior_array_t old_behaviors,
					  exception_flavor_array_t old_flavors);
kern_return_t thread_get_exception_ports_info(mach_port_t port,
					      exception_mask_t exception_mask,
					      exception_mask_array_t masks,
					      mach_msg_type_number_t *masksCnt,
					      exception_handler_info_array_t old_handlers_info,
					      exception_behavior_array_t old_behaviors,
					      exception_flavor_array_t old_flavors);
kern_return_t thread_policy(thread_act_t thr_act, policy_t policy,
			    policy_base_t base, mach_msg_type_number_t baseCnt,
			    boolean_t set_limit);
kern_return_t thread_policy_set(thread_act_t thread, thread_policy_flavor_t flavor,
				thread_policy_t policy_info,
				mach_msg_type_number_t policy_infoCnt);
kern_return_t thread_policy_get(thread_inspect_t thread, thread_policy_flavor_t flavor,
				thread_policy_t policy_info,
				mach_msg_type_number_t *policy_infoCnt,
				boolean_t *get_default);
kern_return_t thread_sample(thread_act_t thread, mach_port_t reply);
kern_return_t thread_assign(thread_act_t thread, processor_set_t new_set);
kern_return_t thread_assign_default(thread_act_t thread);
kern_return_t thread_get_assignment(thread_inspect_t thread,
				    processor_set_name_t *assigned_set);
kern_return_t thread_set_policy(thread_act_t thr_act, processor_set_t pset,
				policy_t policy, policy_base_t base,
				mach_msg_type_number_t baseCnt, policy_limit_t limit,
				mach_msg_type_number_t limitCnt);
kern_return_t thread_get_mach_voucher(thread_read_t thr_act,
				      mach_voucher_selector_t which,
				      ipc_voucher_t *voucher);
kern_return_t thread_set_mach_voucher(thread_act_t thr_act, ipc_voucher_t voucher);
kern_return_t thread_swap_mach_voucher(thread_act_t thr_act,
				       ipc_voucher_t new_voucher,
				       ipc_voucher_t *old_voucher);
kern_return_t thread_convert_thread_state(thread_act_t thread, int direction,
					  thread_state_flavor_t flavor,
					  thread_state_t in_state,
					  mach_msg_type_number_t in_stateCnt,
					  thread_state_t out_state,
					  mach_msg_type_number_t *out_stateCnt);

#ifdef __cplusplus
}
#endif

#endif
