// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the port calls of XNU's osfmk/ipc/mach_debug.c.
 *
 * mach_port_space_info: one snapshot of a space's name table, taken under
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
#include "task.h"
#include "thread.h"

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

/* enum mk_kobject_type -> XNU's IKOT_* */
static const u8 mk_ikot[MK_KOBJ_COUNT] = {
	[MK_KOBJ_NONE] = MACH_IKOT_NONE,
	[MK_KOBJ_TASK] = MACH_IKOT_TASK_CONTROL,
	[MK_KOBJ_RESUME] = MACH_IKOT_TASK_RESUME,
	[MK_KOBJ_THREAD] = MACH_IKOT_THREAD_CONTROL,
	[MK_KOBJ_TASK_NAME] = MACH_IKOT_TASK_NAME,
	[MK_KOBJ_TASK_READ] = MACH_IKOT_TASK_READ,
	[MK_KOBJ_TASK_INSPECT] = MACH_IKOT_TASK_INSPECT,
	[MK_KOBJ_THREAD_READ] = MACH_IKOT_THREAD_READ,
	[MK_KOBJ_THREAD_INSPECT] = MACH_IKOT_THREAD_INSPECT,
	[MK_KOBJ_SEMAPHORE] = MACH_IKOT_SEMAPHORE,
	[MK_KOBJ_TIMER] = MACH_IKOT_TIMER,
	[MK_KOBJ_HOST] = MACH_IKOT_HOST,
	[MK_KOBJ_HOST_PRIV] = MACH_IKOT_HOST_PRIV,
	[MK_KOBJ_CLOCK] = MACH_IKOT_CLOCK,
	[MK_KOBJ_MEMORY_ENTRY] = MACH_IKOT_NAMED_ENTRY,
};

/* the identifier of @port's kernel object: never an address */
static u64 kobject_id(const struct mk_port *port)
{
	const struct mk_thread *thr;
	const struct mk_task *task;

	lockdep_assert_held(&mk_lock);
	if (!port->kobject)
		return 0;
	switch (port->kotype) {
	case MK_KOBJ_TASK:
	case MK_KOBJ_RESUME:
	case MK_KOBJ_TASK_NAME:
	case MK_KOBJ_TASK_READ:
	case MK_KOBJ_TASK_INSPECT:
		task = port->kobject;
		return task->self ? task->self->id : 0;
	case MK_KOBJ_THREAD:
	case MK_KOBJ_THREAD_READ:
	case MK_KOBJ_THREAD_INSPECT:
		thr = port->kobject;
		return thr->port ? thr->port->id : 0;
	default:
		return port->id;
	}
}

/*
 * XNU's mach_port_kobject_description: the name must be a send or receive
 * right (KERN_INVALID_NAME, KERN_INVALID_RIGHT), read as it is (no dead
 * name made), of a live port (KERN_INVALID_RIGHT).  Writes value (type)
 * and arg (identifier).  Context: mk_lock held.
 */
kern_return_t mk_port_kobject(struct port_call *c)
{
	struct mk_entry *entry;
	struct mk_port *port;

	lockdep_assert_held(&mk_lock);
	if (!c->space->active)
		return KERN_INVALID_TASK;
	entry = mk_entry_lookup(c->space, c->a.name);
	if (!entry)
		return KERN_INVALID_NAME;
	if (!(entry->bits & MACH_PORT_TYPE_SEND_RECEIVE) || !entry->port)
		return KERN_INVALID_RIGHT;
	port = entry->port;
	if (!port->active)
		return KERN_INVALID_RIGHT;
	c->a.value = port->kotype < MK_KOBJ_COUNT ? mk_ikot[port->kotype] : 0;
	c->a.arg = c->a.value ? kobject_id(port) : 0;
	return KERN_SUCCESS;
}
