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
kern_return_t task_threads(task_inspect_t target_task,
			   thread_act_array_t *act_list,
			   mach_msg_type_number_t *act_listCnt);

/* The calling thread's MIG reply port (a receive right, made on demand). */
mach_port_t mig_get_reply_port(void);
void mig_dealloc_reply_port(mach_port_t reply_port);
void mig_put_reply_port(mach_port_t reply_port);

#ifdef __cplusplus
}
#endif

#endif
