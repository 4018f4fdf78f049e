/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Paging hints for vm_behavior_set (madvise's counterpart). */
#ifndef _MACH_VM_BEHAVIOR_H_
#define _MACH_VM_BEHAVIOR_H_

#include <linux/mach/vm_behavior.h>

typedef int vm_behavior_t;

#endif
