/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's semaphore policies (<mach/sync_policy.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_SYNC_POLICY_H
#define _UAPI_LINUX_MACH_SYNC_POLICY_H

#define SYNC_POLICY_FIFO		0x0
#define SYNC_POLICY_FIXED_PRIORITY	0x1
#define SYNC_POLICY_REVERSED		0x2
#define SYNC_POLICY_ORDER_MASK		0x3
#define SYNC_POLICY_LIFO		(SYNC_POLICY_FIFO | SYNC_POLICY_REVERSED)
#define SYNC_POLICY_MAX			0x7
#define SYNC_POLICY_PREPOST		0x4	/* obsolete, accepted */
#define SYNC_POLICY_USER_MASK \
	(SYNC_POLICY_FIFO | SYNC_POLICY_LIFO | SYNC_POLICY_PREPOST)

#endif /* _UAPI_LINUX_MACH_SYNC_POLICY_H */
