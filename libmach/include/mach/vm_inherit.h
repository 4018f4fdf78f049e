/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What a child task gets of a region at task creation (fork). */
#ifndef _MACH_VM_INHERIT_H_
#define _MACH_VM_INHERIT_H_

#include <linux/mach/vm_inherit.h>

typedef unsigned int vm_inherit_t;

#endif
