/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: IPC spaces and their name tables (space.c). */
#ifndef _MACH_SPACE_H
#define _MACH_SPACE_H

#include <linux/kref.h>
#include <linux/types.h>
#include <linux/xarray.h>
#include "mach_types.h"
#include "port.h"

struct mk_task;
struct mk_pset;
struct mk_dnrequest;

/*
 * One name in a space.  Freed entries stay in the table with bits == 0,
 * keeping the generation the index last had, on the space's free list.
 */
struct mk_entry {
	u32 bits;			/* MACH_PORT_TYPE_* */
	u16 urefs;			/* send / dead-name user references */
	u8 gen;				/* low byte of the name */
	struct mk_port *port;		/* send, receive, send-once (a ref) */
	struct mk_pset *pset;		/* port set */
	union {
		struct mk_dnrequest *dnreq;	/* dead-name request on this name */
		struct {			/* bits == 0: on the free list */
			u32 next, prev;		/* indexes, 0 ends */
		} free;
	};
};

struct mk_space {
	struct kref ref;
	bool active;
	/*
	 * Owner, no reference: followed only while the space is active
	 * (through a port's receiver), and the task destroys its space when
	 * it dies, before it can be freed (task.c).
	 */
	struct mk_task *task;
	struct xarray names;		/* index -> struct mk_entry */
	struct xarray byport;		/* port id -> index, send/receive */
	u32 nr_entries;			/* names in use */
	/* freed entries, newest first (XNU reuses them the same way) */
	struct mk_entry *free_entry;
	u32 free_index;
};

/* name helpers */
static inline u32 mk_name_index(u32 name)
{
	return name >> 8;
}

static inline u32 mk_name_make(u32 index, u8 gen)
{
	return (index << 8) | gen;
}

static inline bool mk_name_valid(u32 name)
{
	return name != MACH_PORT_NULL && name != MACH_PORT_DEAD;
}

int mk_space_init(void);
void mk_space_exit(void);
struct mk_space *mk_space_create(struct mk_task *task);
void mk_space_destroy(struct mk_space *space);
void mk_space_put(struct mk_space *space);

/*
 * Context: mk_lock held.  Returns NULL for a name not in use.  Inline: it
 * is on every message's path, often three times.
 */
static inline struct mk_entry *mk_entry_lookup(struct mk_space *space,
					       u32 name)
{
	struct mk_entry *entry;

	if (!space->active || !mk_name_valid(name))
		return NULL;
	entry = xa_load(&space->names, mk_name_index(name));
	if (!entry || !entry->bits || entry->gen != (u8)name)
		return NULL;
	return entry;
}

kern_return_t mk_entry_alloc(struct mk_space *space, u32 *namep,
			     struct mk_entry **entryp);
kern_return_t mk_entry_alloc_name(struct mk_space *space, u32 name,
				  struct mk_entry **entryp);
void mk_entry_free(struct mk_space *space, u32 name,
		   struct mk_entry *entry);
struct mk_entry *mk_entry_by_port(struct mk_space *space, struct mk_port *port,
				  u32 *namep);
void mk_entry_link_port(struct mk_space *space, u32 name,
			struct mk_entry *entry);
void mk_entry_unlink_port(struct mk_space *space, struct mk_entry *entry);
bool mk_entry_make_dead(struct mk_space *space, u32 name,
			struct mk_entry *entry);

/*
 * Is the entry a dead name, turning a right on a dead port into one the
 * first time it is looked at?  The common answer, no, without a call.
 * Context: mk_lock held.
 */
static inline bool mk_entry_check_dead(struct mk_space *space, u32 name,
				       struct mk_entry *entry)
{
	if (entry->bits & MACH_PORT_TYPE_DEAD_NAME)
		return true;
	if (!entry->port || entry->port->active ||
	    (entry->bits & MACH_PORT_TYPE_RECEIVE))
		return false;
	return mk_entry_make_dead(space, name, entry);
}

#endif /* _MACH_SPACE_H */
