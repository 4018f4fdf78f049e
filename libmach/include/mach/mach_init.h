/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_INIT_
#define _MACH_INIT_

#include <mach/mach_types.h>
#include <mach/mach_traps.h>
#include <mach/vm_page_size.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The caller's task port, fetched once at load and again in a fork
 * child (the child is a new task with a new name).  MACH_PORT_NULL if
 * /dev/mach is not available.
 */
extern mach_port_t mach_task_self_;
#define mach_task_self()	mach_task_self_
#define current_task()		mach_task_self()

/*
 * Does @task (a control, read, inspect or name port) stand for the
 * calling task?
 */
boolean_t mach_task_is_self(task_name_t task);

/* The task's bootstrap port, as on Darwin; see <servers/bootstrap.h>. */
extern mach_port_t bootstrap_port;

/* No host port yet: returns MACH_PORT_NULL. */
mach_port_t mach_host_self(void);
mach_port_t mach_thread_self(void);

kern_return_t host_page_size(host_t host, vm_size_t *out_page_size);

#define trunc_page(x)	((x) & (~(vm_page_size - 1)))
#define round_page(x)	trunc_page((x) + (vm_page_size - 1))

#ifdef __cplusplus
}
#endif

#endif
