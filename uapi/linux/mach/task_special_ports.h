/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's task special port ids (<mach/task_special_ports.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_TASK_SPECIAL_PORTS_H
#define _UAPI_LINUX_MACH_TASK_SPECIAL_PORTS_H

#define TASK_KERNEL_PORT		1	/* the task's control port */
#define TASK_HOST_PORT			2
#define TASK_NAME_PORT			3
#define TASK_BOOTSTRAP_PORT		4
#define TASK_INSPECT_PORT		5
#define TASK_READ_PORT			6
#define TASK_SEATBELT_PORT		7	/* retired: never served */
#define TASK_GSSD_PORT			8	/* retired: never served */
#define TASK_ACCESS_PORT		9
#define TASK_DEBUG_CONTROL_PORT		10
#define TASK_RESOURCE_NOTIFY_PORT	11
#define TASK_MAX_SPECIAL_PORT		TASK_RESOURCE_NOTIFY_PORT

#endif /* _UAPI_LINUX_MACH_TASK_SPECIAL_PORTS_H */
