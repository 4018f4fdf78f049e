/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Thread state: an array of natural_t words whose layout the flavor
 * names (the machine-dependent flavors are in <mach/machine/thread_status.h>).
 */
#ifndef _MACH_THREAD_STATUS_H_
#define _MACH_THREAD_STATUS_H_

#include <mach/machine/vm_types.h>
#include <mach/message.h>
#include <mach/machine/thread_status.h>

typedef natural_t	*thread_state_t;
typedef natural_t	thread_state_data_t[THREAD_STATE_MAX];
typedef int		thread_state_flavor_t;
typedef thread_state_flavor_t	*thread_state_flavor_array_t;

#define THREAD_STATE_FLAVOR_LIST	0

#endif
