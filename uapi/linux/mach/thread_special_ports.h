/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's thread special port ids
 * (<mach/thread_special_ports.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_THREAD_SPECIAL_PORTS_H
#define _UAPI_LINUX_MACH_THREAD_SPECIAL_PORTS_H

#define THREAD_KERNEL_PORT	1
#define THREAD_INSPECT_PORT	2
#define THREAD_READ_PORT	3
#define THREAD_MAX_SPECIAL_PORT	THREAD_READ_PORT

#endif /* _UAPI_LINUX_MACH_THREAD_SPECIAL_PORTS_H */
