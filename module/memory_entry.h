/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: memory entries (XNU's named entries), the kernel objects
 * mach_make_memory_entry_64 makes and mach_vm_map maps (memory_entry.c).
 */
#ifndef _MACH_MEMORY_ENTRY_H
#define _MACH_MEMORY_ENTRY_H

#include <linux/types.h>
#include "kern_return.h"
#include "mig_ids.h"	/* the routines' ids (mach_vm.defs, vm_map.defs) */

struct mk_kmsg;
struct mk_port;
struct mk_vm_target;

bool mk_mem_entry_routine(s32 id);
/* Context: mk_lock NOT held (the routine takes it when it needs it). */
kern_return_t mk_mem_entry_serve(struct mk_vm_target *t, struct mk_kmsg *req,
				 struct mk_kmsg **replyp);
/* Context: mk_lock held, from mk_port_release_send(). */
void mk_mem_entry_no_senders(struct mk_port *port);

#endif /* _MACH_MEMORY_ENTRY_H */
