/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Calls that are Mach traps on XNU. */
#ifndef _MACH_MACH_TRAPS_H_
#define _MACH_MACH_TRAPS_H_

#include <mach/std_types.h>
#include <mach/mach_types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A new receive right in the caller's space, or MACH_PORT_NULL. */
mach_port_name_t mach_reply_port(void);

/*
 * A send right to the task port of process @pid, or KERN_FAILURE and
 * MACH_PORT_NULL (Documentation/tasks.rst gives the permission policy).
 */
kern_return_t task_for_pid(mach_port_name_t target_tport, int pid,
			   mach_port_name_t *t);

/*
 * A send right to the task's name port: it answers task_info's basic
 * flavors and pid_for_task, nothing that changes the task.  Same user or
 * CAP_SYS_PTRACE; KERN_FAILURE and MACH_PORT_NULL otherwise.
 */
kern_return_t task_name_for_pid(mach_port_name_t target_tport, int pid,
				mach_port_name_t *tn);

/* The pid of the task @t (control or name port) names, or KERN_FAILURE
 * and -1. */
kern_return_t pid_for_task(mach_port_name_t t, int *pid);

#ifdef __cplusplus
}
#endif

#endif
