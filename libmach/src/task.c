// SPDX-License-Identifier: LGPL-2.1-or-later
/* libmach: task_for_pid and pid_for_task. */
#include <mach/mach_traps.h>
#include <mach/port.h>
#include "calls.h"
#include "libmach.h"

LIBMACH_API kern_return_t task_for_pid(mach_port_name_t target_tport, int pid,
				       mach_port_name_t *t)
{
	struct mach_port_args a = {
		.task = target_tport,
		.value = (__u32)pid,
	};
	kern_return_t kr = libmach_port_call(MACH_IOC_TASK_FOR_PID, &a);

	*t = kr == KERN_SUCCESS ? a.name : MACH_PORT_NULL;
	return kr == KERN_SUCCESS ? kr : KERN_FAILURE;
}

LIBMACH_API kern_return_t pid_for_task(mach_port_name_t t, int *pid)
{
	struct mach_port_args a = { .name = t };
	kern_return_t kr = libmach_port_call(MACH_IOC_PID_FOR_TASK, &a);

	*pid = kr == KERN_SUCCESS ? (int)a.value : -1;
	return kr == KERN_SUCCESS ? kr : KERN_FAILURE;
}

LIBMACH_API kern_return_t task_name_for_pid(mach_port_name_t target_tport,
					    int pid, mach_port_name_t *tn)
{
	struct mach_port_args a = {
		.task = target_tport,
		.value = (__u32)pid,
	};
	kern_return_t kr = libmach_port_call(MACH_IOC_TASK_NAME_FOR_PID, &a);

	*tn = kr == KERN_SUCCESS ? a.name : MACH_PORT_NULL;
	return kr == KERN_SUCCESS ? kr : KERN_FAILURE;
}
