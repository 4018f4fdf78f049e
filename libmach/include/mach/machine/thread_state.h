/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_MACHINE_THREAD_STATE_H_
#define _MACH_MACHINE_THREAD_STATE_H_

#if defined(__x86_64__) || defined(__i386__)
#include <mach/i386/thread_state.h>
#else
#define THREAD_STATE_MAX	(1296)
#endif

#endif
