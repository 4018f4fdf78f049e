/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Darwin's alias for the vm_map routines. */
#ifndef _MACH_VM_TASK_H_
#define _MACH_VM_TASK_H_

#include <mach/vm_map.h>

#endif
