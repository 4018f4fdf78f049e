/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_MACHINE_THREAD_STATUS_H_
#define _MACH_MACHINE_THREAD_STATUS_H_

#if defined(__x86_64__) || defined(__i386__)
#include <mach/i386/thread_status.h>
#else
/* No thread-state flavors are served on this architecture yet. */
#define THREAD_STATE_MAX	(1296)
#endif

#endif
