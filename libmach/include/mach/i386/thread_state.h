/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_I386_THREAD_STATE_H_
#define _MACH_I386_THREAD_STATE_H_

/* Size of the largest thread state, in 32-bit words. */
#define I386_THREAD_STATE_MAX	(614)
#define THREAD_STATE_MAX	I386_THREAD_STATE_MAX

#endif
