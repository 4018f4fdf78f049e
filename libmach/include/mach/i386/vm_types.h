/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_I386_VM_TYPES_H_
#define _MACH_I386_VM_TYPES_H_
#include <mach/machine/vm_types.h>
#endif
