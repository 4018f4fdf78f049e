/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's notification message ids (<mach/notify.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_NOTIFY_H
#define _UAPI_LINUX_MACH_NOTIFY_H

#define MACH_NOTIFY_FIRST		0100
#define MACH_NOTIFY_PORT_DELETED	(MACH_NOTIFY_FIRST + 001)	/* 65 */
#define MACH_NOTIFY_SEND_POSSIBLE	(MACH_NOTIFY_FIRST + 002)	/* 66 */
#define MACH_NOTIFY_PORT_DESTROYED	(MACH_NOTIFY_FIRST + 005)	/* 69 */
#define MACH_NOTIFY_NO_SENDERS		(MACH_NOTIFY_FIRST + 006)	/* 70 */
#define MACH_NOTIFY_SEND_ONCE		(MACH_NOTIFY_FIRST + 007)	/* 71 */
#define MACH_NOTIFY_DEAD_NAME		(MACH_NOTIFY_FIRST + 010)	/* 72 */
#define MACH_NOTIFY_LAST		(MACH_NOTIFY_FIRST + 015)	/* 77 */

#endif /* _UAPI_LINUX_MACH_NOTIFY_H */
