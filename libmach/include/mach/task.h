/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * task_* routines (the task MIG subsystem, ids 3400...).  libmach sends
 * them as MIG messages to the task port, so they work on any task port,
 * including one received from another process.
 */
#ifndef _task_user_
#define _task_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/notify.h>
#include <mach/task_info.h>
#include <mach/task_special_ports.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t task_terminate(task_t target_task);
kern_return_t task_info(task_name_t target_task, task_flavor_t flavor,
			task_info_t task_info_out,
			mach_msg_type_number_t *task_info_outCnt);
kern_return_t task_suspend(task_read_t target_task);
kern_return_t task_resume(task_read_t target_task);
kern_return_t task_get_special_port(task_inspect_t task, int which_port,
				    mach_port_t *special_port);
kern_return_t task_set_special_port(task_t task, int which_port,
				    mach_port_t special_port);
kern_return_t task_suspend2(task_read_t target_task,
			    task_suspension_token_t *suspend_token);
kern_return_t task_resume2(task_suspension_token_t suspend_token);
kern_return_t task_get_exc_guard_behavior(task_inspect_t task,
					  task_exc_guard_behavior_t *behavior);
kern_return_t task_set_exc_guard_behavior(task_t task,
					  task_exc_guard_behavior_t behavior);
kern_return_t task_threads(task_inspect_t target_task,
			   thread_act_array_t *act_list,
			   mach_msg_type_number_t *act_listCnt);

/* The calling thread's MIG reply port (a receive right, made on demand). */
mach_port_t mig_get_reply_port(void);
void mig_dealloc_reply_port(mach_port_t reply_port);
void mig_put_reply_port(mach_port_t reply_port);

/* Declared for Darwin code, not provided yet (conformance-headers.rst). */
kern_return_t task_create(task_t target_task, ledger_array_t ledgers,
			  mach_msg_type_number_t ledgersCnt, boolean_t inherit_memory,
			  task_t *child_task);
kern_return_t mach_ports_register(task_t target_task, mach_port_array_t init_port_set,
				  mach_msg_type_number_t init_port_setCnt);
kern_return_t mach_ports_lookup(task_t target_task, mach_port_array_t *init_port_set,
				mach_msg_type_number_t *init_port_setCnt);
kern_return_t task_set_info(task_t target_task, task_flavor_t flavor,
			    task_info_t task_info_in, mach_msg_type_number_t task_info_inCnt);
kern_return_t thread_create(task_t parent_task, thread_act_t *child_act);
kern_return_t thread_create_running(task_t parent_task, thread_state_flavor_t flavor,
				    thread_state_t new_state,
				    mach_msg_type_number_t new_stateCnt,
				    thread_act_t *child_act);
kern_return_t task_set_exception_ports(task_t task, exception_mask_t exception_mask,
				       mach_port_t new_port, exception_behavior_t behavior,
				       thread_state_flavor_t new_flavor);
kern_return_t task_get_exception_ports(task_t task, exception_mask_t exception_mask,
				       exception_mask_array_t masks,
				       mach_msg_type_number_t *masksCnt,
				       exception_handler_array_t old_handlers,
				       exception_behavior_array_t old_behaviors,
				       exception_flavor_array_t old_flavors);
kern_return_t task_swap_exception_ports(task_t task, exception_mask_t exception_mask,
					mach_port_t new_port, exception_behavior_t behavior,
					thread_state_flavor_t new_flavor,
					exception_mask_array_t masks,
					mach_msg_type_number_t *masksCnt,
					exception_handler_array_t old_handlerss,
					exception_behavior_array_t old_behaviors,
					exception_flavor_array_t old_flavors);
kern_return_t task_get_exception_ports_info(mach_port_t port,
					    exception_mask_t exception_mask,
					    exception_mask_array_t masks,
					    mach_msg_type_number_t *masksCnt,
					    exception_handler_info_array_t old_handlers_info,
					    exception_behavior_array_t old_behaviors,
					    exception_flavor_array_t old_flavors);
kern_return_t semaphore_create(task_t task, semaphore_t *semaphore, int policy, int value);
kern_return_t semaphore_destroy(task_t task, semaphore_t semaphore);
kern_return_t task_policy_set(task_policy_set_t task, task_policy_flavor_t flavor,
			      task_policy_t policy_info,
			      mach_msg_type_number_t policy_infoCnt);
kern_return_t task_policy_get(task_policy_get_t task, task_policy_flavor_t flavor,
			      task_policy_t policy_info,
			      mach_msg_type_number_t *policy_infoCnt,
			      boolean_t *get_default);
kern_return_t task_get_state(task_read_t task, thread_state_flavor_t flavor,
			     thread_state_t old_state,
			     mach_msg_type_number_t *old_stateCnt);
kern_return_t task_set_state(task_t task, thread_state_flavor_t flavor,
			     thread_state_t new_state, mach_msg_type_number_t new_stateCnt);
kern_return_t task_get_mach_voucher(task_read_t task, mach_voucher_selector_t which,
				    ipc_voucher_t *voucher);
kern_return_t task_set_mach_voucher(task_t task, ipc_voucher_t voucher);
kern_return_t task_swap_mach_voucher(task_t task, ipc_voucher_t new_voucher,
				     ipc_voucher_t *old_voucher);
/*
 * XNU's task identity tokens (a port that names a task without granting
 * control of it).  The module does not serve them yet: MIG_BAD_ID.
 */
kern_return_t task_create_identity_token(task_t task, task_id_token_t *token);
kern_return_t task_identity_token_get_task_port(task_id_token_t token,
						task_flavor_t flavor,
						mach_port_t *task_port);

#ifdef __cplusplus
}
#endif

#endif
