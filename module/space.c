// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: IPC spaces, the per-task table of port names.
 *
 * A name is (index << 8) | generation.  Kernel-chosen names start at
 * generation 0x03 and step by 4, so their low two bits are always 0b11, as
 * on XNU.  A freed entry stays in the table (bits == 0) and keeps its
 * generation, so a stale name never matches a reused index; freed entries
 * form a list through their indexes, reused last-freed first, as XNU's
 * table free list is.
 * Send and receive rights for one port share one name, found through the
 * byport reverse map (port id -> index).
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "locking.h"
#include "port.h"
#include "pset.h"
#include "right.h"
#include "space.h"
#include "stats.h"

#define MK_MAX_INDEX	((1u << 24) - 1)

static unsigned int max_names = 1u << 18;
module_param(max_names, uint, 0644);
MODULE_PARM_DESC(max_names, "Most names one IPC space may hold (KERN_NO_SPACE beyond)");

static struct kmem_cache *mk_entry_cache;

int mk_space_init(void)
{
	mk_entry_cache = KMEM_CACHE(mk_entry, 0);
	return mk_entry_cache ? 0 : -ENOMEM;
}

void mk_space_exit(void)
{
	kmem_cache_destroy(mk_entry_cache);
}

struct mk_space *mk_space_create(struct mk_task *task)
{
	struct mk_space *space = kzalloc(sizeof(*space), GFP_KERNEL);

	if (!space)
		return NULL;
	kref_init(&space->ref);
	space->active = true;
	space->task = task;
	xa_init_flags(&space->names, XA_FLAGS_ALLOC1);
	xa_init(&space->byport);
	mk_stats.spaces++;
	return space;
}

static void mk_space_release(struct kref *ref)
{
	struct mk_space *space = container_of(ref, struct mk_space, ref);

	kfree(space);
}

void mk_space_put(struct mk_space *space)
{
	kref_put(&space->ref, mk_space_release);
}

/*
 * Tear down every right the space holds: receive rights die (with their
 * notifications), send rights are released (no-senders may fire), send-once
 * rights fire send-once notifications.  Context: mk_lock held.
 */
void mk_space_destroy(struct mk_space *space)
{
	struct mk_entry *entry;
	unsigned long idx;

	lockdep_assert_held(&mk_lock);
	if (!space->active)
		return;
	/*
	 * A space may hold max_names entries: yield between them, or a dying
	 * task's exit stalls its CPU (RCU stall on the debug kernel).  The
	 * mutex stays held; xa_for_each looks each index up afresh.
	 */
	xa_for_each(&space->names, idx, entry) {
		if (entry->bits)
			mk_right_drop_entry(space, mk_name_make(idx, entry->gen),
					    entry);
		cond_resched();
	}
	space->active = false;
	xa_for_each(&space->names, idx, entry) {
		kmem_cache_free(mk_entry_cache, entry);
		cond_resched();
	}
	xa_destroy(&space->names);
	xa_destroy(&space->byport);
	space->free_entry = NULL;
	space->free_index = 0;
	mk_stats.spaces--;
}

/* Take the free entry at @idx off the free list.  Context: mk_lock held. */
static void free_list_del(struct mk_space *space, u32 idx,
			  struct mk_entry *entry)
{
	u32 next = entry->free.next, prev = entry->free.prev;
	struct mk_entry *n = next ? xa_load(&space->names, next) : NULL;

	lockdep_assert_held(&mk_lock);
	if (n)
		n->free.prev = prev;
	if (prev) {
		((struct mk_entry *)xa_load(&space->names, prev))->free.next = next;
	} else {
		space->free_entry = n;
		space->free_index = next;
	}
	entry->dnreq = NULL;
}

/* Context: mk_lock held.  The new entry has bits == 0: set them at once. */
kern_return_t mk_entry_alloc(struct mk_space *space, u32 *namep,
			     struct mk_entry **entryp)
{
	struct mk_entry *entry;
	u32 id;

	lockdep_assert_held(&mk_lock);
	if (!space->active)
		return KERN_INVALID_TASK;
	if (space->nr_entries >= max_names)
		return KERN_NO_SPACE;
	entry = space->free_entry;
	if (entry) {
		id = space->free_index;
		free_list_del(space, id, entry);
		entry->gen += 4;
	} else {
		entry = kmem_cache_zalloc(mk_entry_cache, GFP_KERNEL);
		if (!entry)
			return KERN_RESOURCE_SHORTAGE;
		entry->gen = 0x03;
		if (xa_alloc(&space->names, &id, entry,
			     XA_LIMIT(1, MK_MAX_INDEX), GFP_KERNEL)) {
			kmem_cache_free(mk_entry_cache, entry);
			return KERN_NO_SPACE;
		}
	}
	space->nr_entries++;
	mk_stats.entries++;
	*namep = mk_name_make(id, entry->gen);
	*entryp = entry;
	return KERN_SUCCESS;
}

/*
 * A caller-chosen name, validated as XNU does: the low two bits must be
 * 0b11 (KERN_INVALID_VALUE), index 0 is reserved (KERN_FAILURE), a name in
 * use is KERN_NAME_EXISTS.  Context: mk_lock held.
 */
kern_return_t mk_entry_alloc_name(struct mk_space *space, u32 name,
				  struct mk_entry **entryp)
{
	u32 idx = mk_name_index(name);
	struct mk_entry *entry;

	lockdep_assert_held(&mk_lock);
	if (!space->active)
		return KERN_INVALID_TASK;
	if ((name & 3) != 3)
		return KERN_INVALID_VALUE;
	if (idx == 0)
		return KERN_FAILURE;
	if (idx > MK_MAX_INDEX)
		return KERN_NO_SPACE;
	entry = xa_load(&space->names, idx);
	if (entry) {
		if (entry->bits)
			return KERN_NAME_EXISTS;
		free_list_del(space, idx, entry);
	} else {
		if (space->nr_entries >= max_names)
			return KERN_NO_SPACE;
		entry = kmem_cache_zalloc(mk_entry_cache, GFP_KERNEL);
		if (!entry)
			return KERN_RESOURCE_SHORTAGE;
		if (xa_insert(&space->names, idx, entry, GFP_KERNEL)) {
			kmem_cache_free(mk_entry_cache, entry);
			return KERN_RESOURCE_SHORTAGE;
		}
	}
	entry->gen = (u8)name;
	space->nr_entries++;
	mk_stats.entries++;
	*entryp = entry;
	return KERN_SUCCESS;
}

/* Context: mk_lock held; the entry no longer holds any reference. */
void mk_entry_free(struct mk_space *space, u32 name, struct mk_entry *entry)
{
	lockdep_assert_held(&mk_lock);
	entry->bits = 0;
	entry->urefs = 0;
	entry->port = NULL;
	entry->pset = NULL;
	/* first on the free list; dnreq is gone, its room holds the links */
	entry->free.next = space->free_index;
	entry->free.prev = 0;
	if (space->free_entry)
		space->free_entry->free.prev = mk_name_index(name);
	space->free_entry = entry;
	space->free_index = mk_name_index(name);
	space->nr_entries--;
	mk_stats.entries--;
}

/* The space's send/receive name for @port, if any.  Context: mk_lock held. */
struct mk_entry *mk_entry_by_port(struct mk_space *space, struct mk_port *port,
				  u32 *namep)
{
	struct mk_entry *entry;
	void *v;

	lockdep_assert_held(&mk_lock);
	if (!space->active)
		return NULL;
	v = xa_load(&space->byport, port->id);
	if (!v)
		return NULL;
	entry = xa_load(&space->names, xa_to_value(v));
	*namep = mk_name_make(xa_to_value(v), entry->gen);
	return entry;
}

void mk_entry_link_port(struct mk_space *space, u32 name,
			struct mk_entry *entry)
{
	lockdep_assert_held(&mk_lock);
	/*
	 * The slot exists once per port per space; a failed store only loses
	 * coalescing for this port, never correctness of the name itself.
	 */
	xa_store(&space->byport, entry->port->id,
		 xa_mk_value(mk_name_index(name)), GFP_KERNEL);
}

void mk_entry_unlink_port(struct mk_space *space, struct mk_entry *entry)
{
	lockdep_assert_held(&mk_lock);
	xa_erase(&space->byport, entry->port->id);
}

/*
 * A send or send-once right whose port has died turns into a dead name the
 * first time it is looked at (mk_entry_check_dead), keeping its urefs
 * (send-once: 1), plus one if a dead-name notification was sent for it.
 * Context: mk_lock held; @entry names a dead port with a send or send-once
 * right.  Returns true.
 */
bool mk_entry_make_dead(struct mk_space *space, u32 name,
			struct mk_entry *entry)
{
	struct mk_port *port = entry->port;

	lockdep_assert_held(&mk_lock);
	if (entry->bits & MACH_PORT_TYPE_SEND) {
		mk_entry_unlink_port(space, entry);
		port->srights--;
	} else {
		entry->urefs = 1;
		port->sorights--;
	}
	if (entry->dnreq) {
		if (entry->dnreq->fired && entry->urefs < MACH_PORT_UREFS_MAX)
			entry->urefs++;
		mk_port_dnrequest_cancel(entry->dnreq, false);
		entry->dnreq = NULL;
	}
	entry->bits = MACH_PORT_TYPE_DEAD_NAME;
	entry->port = NULL;
	mk_port_put(port);
	return true;
}
