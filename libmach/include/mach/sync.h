/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Mach synchronizers: semaphores and lock sets. */
#ifndef _MACH_SYNC_H_
#define _MACH_SYNC_H_

#include <mach/semaphore.h>
#include <mach/sync_policy.h>

#endif
