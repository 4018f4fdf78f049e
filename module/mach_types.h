/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: Mach's numbers for the kernel side.  The values are XNU's
 * (Documentation/ports.rst cites them).
 */
#ifndef _MACH_TYPES_H
#define _MACH_TYPES_H

#include <linux/types.h>

/* first: it gives the uapi return codes their kern_return_t */
#include "kern_return.h"

/*
 * Mach's numbers are defined once, in uapi/linux/mach/ (libmach's Darwin
 * headers include the same files); only the module's own names are here.
 */
#include <linux/mach/clock_types.h>
#include <linux/mach/exception_types.h>
#include <linux/mach/host_info.h>
#include <linux/mach/i386_exception.h>
#include <linux/mach/kern_return.h>
#include <linux/mach/memory_object_types.h>
#include <linux/mach/message.h>
#include <linux/mach/mig_errors.h>
#include <linux/mach/notify.h>
#include <linux/mach/port.h>
#include <linux/mach/processor_info.h>
#include <linux/mach/sync_policy.h>
#include <linux/mach/task_info.h>
#include <linux/mach/task_special_ports.h>
#include <linux/mach/thread_info.h>
#include <linux/mach/thread_special_ports.h>
#include <linux/mach/vm_inherit.h>
#include <linux/mach/vm_prot.h>
#include <linux/mach/vm_region.h>
#include <linux/mach/vm_statistics.h>

/* mach_port_get_attributes counts (libmach's are sizeof expressions) */
#define MACH_PORT_LIMITS_INFO_COUNT	1
#define MACH_PORT_RECEIVE_STATUS_COUNT	10

struct mk_port_options {
	u32 flags;
	u32 mpl_qlimit;
	u64 reserved[2];
};

/* guard exception codes (always fatal class) */
#define MK_GUARD_EXC_DESTROY		1
#define MK_GUARD_EXC_MOD_REFS		2
#define MK_GUARD_EXC_SET_CONTEXT		4
#define MK_GUARD_EXC_UNGUARDED		8
#define MK_GUARD_EXC_INCORRECT_GUARD	16
#define MK_GUARD_EXC_IMMOVABLE		32

#endif /* _MACH_TYPES_H */
