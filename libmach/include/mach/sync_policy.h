/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Wake-up order for semaphores and lock sets. */
#ifndef _MACH_SYNC_POLICY_H_
#define _MACH_SYNC_POLICY_H_

#include <linux/mach/sync_policy.h>

typedef int sync_policy_t;

#endif
