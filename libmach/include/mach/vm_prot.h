/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _MACH_VM_PROT_H_
#define _MACH_VM_PROT_H_

#include <linux/mach/vm_prot.h>

typedef int vm_prot_t;

#endif
