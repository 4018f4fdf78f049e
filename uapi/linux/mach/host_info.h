/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's host_info and host_statistics flavors
 * (<mach/host_info.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_HOST_INFO_H
#define _UAPI_LINUX_MACH_HOST_INFO_H

#define HOST_INFO_MAX	(1024)

#define KERNEL_VERSION_MAX	(512)

#define KERNEL_BOOT_INFO_MAX	(4096)

/* host_info() */
#define HOST_BASIC_INFO			1
#define HOST_SCHED_INFO			3
#define HOST_RESOURCE_SIZES		4
#define HOST_PRIORITY_INFO		5
#define HOST_SEMAPHORE_TRAPS		7
#define HOST_MACH_MSG_TRAP		8
#define HOST_VM_PURGABLE		9
#define HOST_DEBUG_INFO_INTERNAL	10
#define HOST_CAN_HAS_DEBUGGER		11
#define HOST_PREFERRED_USER_ARCH	12

/* host_statistics() / host_statistics64() */
#define HOST_LOAD_INFO		1
#define HOST_VM_INFO		2
#define HOST_CPU_LOAD_INFO	3
#define HOST_VM_INFO64		4
#define HOST_EXTMOD_INFO64	5
#define HOST_EXPIRED_TASK_INFO	6

#endif /* _UAPI_LINUX_MACH_HOST_INFO_H */
