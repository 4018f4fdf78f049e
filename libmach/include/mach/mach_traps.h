/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Calls that are Mach traps on XNU. */
#ifndef _MACH_MACH_TRAPS_H_
#define _MACH_MACH_TRAPS_H_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/clock_types.h>

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

/*
 * XNU's task_read_for_pid and task_inspect_for_pid: send rights to the
 * task's read port (task_info, task_get_special_port for read, inspect
 * and name ports, suspend and resume; no control) and inspect port
 * (task_info and the inspect and name ports).  Each is one port per task,
 * as task_get_special_port(TASK_READ_PORT / TASK_INSPECT_PORT) gives it.
 * task_for_pid's policy; KERN_FAILURE and MACH_PORT_NULL otherwise.
 */
kern_return_t task_read_for_pid(mach_port_name_t target_tport, int pid,
				mach_port_name_t *t);
kern_return_t task_inspect_for_pid(mach_port_name_t target_tport, int pid,
				   mach_port_name_t *t);

/* The pid of the task @t (control or name port) names, or KERN_FAILURE
 * and -1. */
kern_return_t pid_for_task(mach_port_name_t t, int *pid);

/*
 * The rest of Darwin's trap list.  On Linux the Mach calls are ioctls, so
 * each is the library call it stands for (libmach/src/traps.c; the
 * semaphore traps are semaphore.c's): see
 * Documentation/conformance-headers.rst.
 */
mach_port_name_t task_self_trap(void);
mach_port_name_t thread_self_trap(void);
mach_port_name_t host_self_trap(void);
mach_msg_return_t mach_msg_trap(mach_msg_header_t *msg, mach_msg_option_t option,
				mach_msg_size_t send_size, mach_msg_size_t rcv_size,
				mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
				mach_port_name_t notify);
mach_msg_return_t mach_msg_overwrite_trap(mach_msg_header_t *msg,
					  mach_msg_option_t option,
					  mach_msg_size_t send_size,
					  mach_msg_size_t rcv_size,
					  mach_port_name_t rcv_name,
					  mach_msg_timeout_t timeout,
					  mach_msg_priority_t priority,
					  mach_msg_header_t *rcv_msg,
					  mach_msg_size_t rcv_limit);
kern_return_t semaphore_signal_trap(mach_port_name_t signal_name);
kern_return_t semaphore_signal_all_trap(mach_port_name_t signal_name);
kern_return_t semaphore_signal_thread_trap(mach_port_name_t signal_name,
					   mach_port_name_t thread_name);
kern_return_t semaphore_wait_trap(mach_port_name_t wait_name);
kern_return_t semaphore_wait_signal_trap(mach_port_name_t wait_name,
					 mach_port_name_t signal_name);
kern_return_t semaphore_timedwait_trap(mach_port_name_t wait_name,
				       unsigned int sec, clock_res_t nsec);
kern_return_t semaphore_timedwait_signal_trap(mach_port_name_t wait_name,
					      mach_port_name_t signal_name,
					      unsigned int sec, clock_res_t nsec);
kern_return_t clock_sleep_trap(mach_port_name_t clock_name, sleep_type_t sleep_type,
			       int sleep_sec, int sleep_nsec,
			       mach_timespec_t *wakeup_time);
boolean_t swtch_pri(int pri);
boolean_t swtch(void);
kern_return_t thread_switch(mach_port_name_t thread_name, int option,
			    mach_msg_timeout_t option_time);

#ifdef __cplusplus
}
#endif

#endif
