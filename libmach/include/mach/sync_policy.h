/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Wake-up order for semaphores and lock sets. */
#ifndef _MACH_SYNC_POLICY_H_
#define _MACH_SYNC_POLICY_H_

typedef int sync_policy_t;

#define SYNC_POLICY_FIFO		0x0
#define SYNC_POLICY_FIXED_PRIORITY	0x1
#define SYNC_POLICY_REVERSED		0x2
#define SYNC_POLICY_ORDER_MASK		0x3
#define SYNC_POLICY_LIFO		(SYNC_POLICY_FIFO | SYNC_POLICY_REVERSED)
#define SYNC_POLICY_MAX			0x7
#define SYNC_POLICY_PREPOST		0x4	/* obsolete, accepted */
#define SYNC_POLICY_USER_MASK \
	(SYNC_POLICY_FIFO | SYNC_POLICY_LIFO | SYNC_POLICY_PREPOST)

#endif
