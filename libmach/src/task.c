// SPDX-License-Identifier: LGPL-2.1-or-later
/* libmach: task_for_pid and its flavors, pid_for_task, the exc guard
 * behavior calls and mach_task_is_self. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/port.h>
#include "calls.h"
#include "libmach.h"
#include "libmach_task.h"
#include "libmach_thread_act.h"

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

static kern_return_t flavor_for_pid(unsigned long cmd, mach_port_name_t target_tport,
				    int pid, mach_port_name_t *t)
{
	struct mach_port_args a = {
		.task = target_tport,
		.value = (__u32)pid,
	};
	kern_return_t kr = libmach_port_call(cmd, &a);

	*t = kr == KERN_SUCCESS ? a.name : MACH_PORT_NULL;
	return kr == KERN_SUCCESS ? kr : KERN_FAILURE;
}

/* XNU's task_read_for_pid: the task's read port (task_for_pid's policy). */
LIBMACH_API kern_return_t task_read_for_pid(mach_port_name_t target_tport, int pid,
					    mach_port_name_t *t)
{
	return flavor_for_pid(MACH_IOC_TASK_READ_FOR_PID, target_tport, pid, t);
}

/* XNU's task_inspect_for_pid: the task's inspect port. */
LIBMACH_API kern_return_t task_inspect_for_pid(mach_port_name_t target_tport, int pid,
					       mach_port_name_t *t)
{
	return flavor_for_pid(MACH_IOC_TASK_INSPECT_FOR_PID, target_tport, pid, t);
}

/* task.defs 3452/3453, through the generated stubs (gen/libmach_task.h) */
LIBMACH_API kern_return_t task_get_exc_guard_behavior(task_inspect_t task,
						      task_exc_guard_behavior_t *behavior)
{
	return libmach_mig_task_get_exc_guard_behavior(task, behavior);
}

LIBMACH_API kern_return_t task_set_exc_guard_behavior(task_t task,
						      task_exc_guard_behavior_t behavior)
{
	return libmach_mig_task_set_exc_guard_behavior(task, behavior);
}

/*
 * libsyscall's mach_task_is_self: the caller's own name for its control
 * port answers at once; any other name asks the kernel, which knows the
 * task behind a read, inspect or name port.
 */
LIBMACH_API boolean_t mach_task_is_self(task_name_t task)
{
	boolean_t is_self = FALSE;

	if (task == mach_task_self_)
		return TRUE;
	if (libmach_mig__kernelrpc_mach_task_is_self(task, &is_self) != KERN_SUCCESS)
		return FALSE;
	return is_self != 0;
}

/*
 * thread_get_special_port (thread_act 3610): the thread's control, read
 * or inspect port, as far as @thr_act's own flavor allows (XNU's
 * special_port_allowed_with_thread_flavor).
 */
LIBMACH_API kern_return_t thread_get_special_port(thread_inspect_t thr_act, int which_port,
						  mach_port_t *special_port)
{
	return libmach_mig_thread_get_special_port(thr_act, which_port, special_port);
}
