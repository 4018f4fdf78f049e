/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vm_msync flags. */
#ifndef _MACH_VM_SYNC_H_
#define _MACH_VM_SYNC_H_

#include <linux/mach/vm_sync.h>

typedef unsigned int vm_sync_t;

#endif
