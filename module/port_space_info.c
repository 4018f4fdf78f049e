// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: mach_port_space_info, one snapshot of a space's name table
 * (XNU's mach_port_space_info in osfmk/ipc/mach_debug.c), taken under
 * mk_lock so that no name comes or goes while it is copied.
 *
 * The table is every slot the space holds, in index order: slot 0 (the
 * head of the free list, as on XNU), each name in use and each freed slot,
 * which keeps its generation and links to the next free index.  Indexes
 * the space never used (only mach_port_allocate_name skips any) are not
 * slots here; XNU's table is contiguous.  A slot's object is the low 32
 * bits of the port's id, equal for one port in every space, never an
 * address; dead names, port sets and free slots have 0.  Nothing is
 * changed: a send right to a port that has died is still reported as the
 * send right it is until something looks it up (XNU reads the table under
 * the space's read lock and does not turn it into a dead name either).
 */
#include <linux/bits.h>
#include <linux/mach_dev.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "locking.h"
#include "port.h"
#include "port_ops.h"
#include "space.h"

/* most slots one call reports (14 MiB); more is KERN_RESOURCE_SHORTAGE */
#define MK_SPACE_INFO_MAX	BIT(19)

/* 0xff: MACH_PORT_NGEN(MACH_PORT_DEAD), the generation's bits in a name */
#define MK_SPACE_INFO_GENNO_MASK	0xffu

/*
 * The slots of @space, slot 0 included, counted up to one past
 * MK_SPACE_INFO_MAX, so a hostile table costs a bounded walk.
 */
static u32 space_slots(struct mk_space *space)
{
	struct mk_entry *entry;
	unsigned long idx;
	u32 n = 1;

	lockdep_assert_held(&mk_lock);
	xa_for_each(&space->names, idx, entry) {
		if (++n > MK_SPACE_INFO_MAX)
			break;
		if (!(n & 1023))
			cond_resched();	/* mk_lock stays held: one snapshot */
	}
	return n;
}

static void fill_slot(struct mach_ipc_info_name *iin, u32 idx,
		      const struct mk_entry *entry)
{
	const u32 port_rights = MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE |
		MACH_PORT_TYPE_SEND_ONCE;

	iin->name = mk_name_make(idx, entry->gen);
	iin->type = entry->bits;
	if (!entry->bits) {		/* free: the free list's link */
		iin->next = entry->free.next;
		return;
	}
	iin->urefs = entry->urefs;
	if (!(entry->bits & port_rights))
		return;			/* port set, dead name: no object */
	if (entry->dnreq)
		iin->type |= MACH_PORT_TYPE_DNREQUEST;
	if (entry->port)
		iin->object = lower_32_bits(entry->port->id);
}

/*
 * Context: mk_lock held; c->space active (the task port was converted
 * under the same hold).  Fills c->infos[c->nr] and c->sinfo.
 */
kern_return_t mk_port_space_info(struct port_call *c)
{
	struct mk_space *space = c->space;
	struct mk_entry *entry;
	unsigned long idx;
	u32 n, i = 1;

	lockdep_assert_held(&mk_lock);
	if (!space->active)
		return KERN_INVALID_TASK;
	n = space_slots(space);
	c->a.value = n;
	if (n > MK_SPACE_INFO_MAX)
		return KERN_RESOURCE_SHORTAGE;
	if (n > c->nr)
		return KERN_INSUFFICIENT_BUFFER_SIZE;
	c->infos = kvcalloc(n, sizeof(*c->infos),
			    GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!c->infos)
		return KERN_RESOURCE_SHORTAGE;
	c->infos[0].next = space->free_index;
	xa_for_each(&space->names, idx, entry) {
		if (i >= n)
			break;
		fill_slot(&c->infos[i++], idx, entry);
	}
	c->nr = i;
	c->a.value = i;
	c->sinfo = (struct mach_ipc_info_space){
		.genno_mask = MK_SPACE_INFO_GENNO_MASK,
		.table_size = i,
		/* a new name takes a free slot, or adds one */
		.table_next = i + (space->free_entry ? 0 : 1),
	};
	return KERN_SUCCESS;
}
