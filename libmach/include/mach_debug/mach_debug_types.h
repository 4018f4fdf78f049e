/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Darwin's <mach_debug/mach_debug_types.h>: the kernel debugging types.
 * Only the IPC records (<mach_debug/ipc_info.h>) are provided; the VM,
 * zone, page, hash and lock-group records are not (no call uses them).
 */
#ifndef _MACH_DEBUG_MACH_DEBUG_TYPES_H_
#define _MACH_DEBUG_MACH_DEBUG_TYPES_H_

#include <mach_debug/ipc_info.h>

typedef char symtab_name_t[32];

#endif /* _MACH_DEBUG_MACH_DEBUG_TYPES_H_ */
