/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Fixed limits of the Mach interfaces. */
#ifndef _MACH_MACH_PARAM_H_
#define _MACH_MACH_PARAM_H_

#include <mach/machine/exception.h>

#define TASK_PORT_REGISTER_MAX		3	/* mach_ports_register */
#define TASK_MAX_WATCHPORT_COUNT	128
#define TASK_MAX_EXCEPTION_PORT_COUNT	EXC_TYPES_COUNT
#define TASK_SELF_PORT_COUNT		4
#define THREAD_SELF_PORT_COUNT		3

#endif
