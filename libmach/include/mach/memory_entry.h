/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* memory_entry routines (4900...): no memory-entry ports on Linux yet. */
#ifndef _memory_entry_user_
#define _memory_entry_user_

#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/vm_purgable.h>

#ifdef __cplusplus
extern "C" {
#endif

kern_return_t mach_memory_entry_purgable_control(mem_entry_name_port_t mem_entry,
						 vm_purgable_t control, int *state);
kern_return_t mach_memory_entry_access_tracking(mem_entry_name_port_t mem_entry,
						int *access_tracking,
						uint32_t *access_tracking_reads,
						uint32_t *access_tracking_writes);
kern_return_t mach_memory_entry_ownership(mem_entry_name_port_t mem_entry,
					  task_t owner, int ledger_tag,
					  int ledger_flags);

#ifdef __cplusplus
}
#endif

#endif
