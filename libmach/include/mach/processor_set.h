/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* processor_set routines (4000...): no processor-set ports on Linux. */
#ifndef _processor_set_user_
#define _processor_set_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/policy.h>
#include <mach/processor_info.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t processor_set_statistics(processor_set_name_t pset,
				       processor_set_flavor_t flavor,
				       processor_set_info_t info_out,
				       mach_msg_type_number_t *info_outCnt);
kern_return_t processor_set_destroy(processor_set_t set);
kern_return_t processor_set_max_priority(processor_set_t processor_set,
					 int max_priority, boolean_t change_threads);
kern_return_t processor_set_policy_enable(processor_set_t processor_set, int policy);
kern_return_t processor_set_policy_disable(processor_set_t processor_set, int policy,
					   boolean_t change_threads);
kern_return_t processor_set_tasks(processor_set_t processor_set,
				  task_array_t *task_list,
				  mach_msg_type_number_t *task_listCnt);
kern_return_t processor_set_threads(processor_set_t processor_set,
				    thread_act_array_t *thread_list,
				    mach_msg_type_number_t *thread_listCnt);
kern_return_t processor_set_policy_control(processor_set_t pset,
					   processor_set_flavor_t flavor,
					   processor_set_info_t policy_info,
					   mach_msg_type_number_t policy_infoCnt,
					   boolean_t change);
kern_return_t processor_set_stack_usage(processor_set_t pset, unsigned *ltotal,
					vm_size_t *space, vm_size_t *resident,
					vm_size_t *maxusage, vm_offset_t *maxstack);
kern_return_t processor_set_info(processor_set_name_t set_name, int flavor,
				 host_t *host, processor_set_info_t info_out,
				 mach_msg_type_number_t *info_outCnt);
kern_return_t processor_set_tasks_with_flavor(processor_set_t processor_set,
					      mach_task_flavor_t flavor,
					      task_array_t *task_list,
					      mach_msg_type_number_t *task_listCnt);

#ifdef __cplusplus
}
#endif

#endif
