/* SPDX-License-Identifier: GPL-2.0 */
/* linux-mach: port sets (pset.c). */
#ifndef _MACH_PSET_H
#define _MACH_PSET_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "kern_return.h"

struct mk_port;
struct mk_space;
struct mk_user;

/* Membership of a port in a port set (a port may be in several). */
struct mk_psmember {
	struct hlist_node port_node;	/* on port->psets */
	struct list_head set_node;	/* on pset->members */
	struct mk_port *port;
	struct mk_pset *pset;
};

struct mk_pset {
	struct kref ref;
	bool active;
	struct mk_space *space;
	struct list_head members;	/* struct mk_psmember */
	wait_queue_head_t rcv_wait;
	struct mk_user *user;		/* charged for it (limits.c) */
};

struct mk_pset *mk_pset_alloc(struct mk_space *space);
void mk_pset_destroy(struct mk_pset *pset);
void mk_pset_put(struct mk_pset *pset);
bool mk_pset_has_member(struct mk_pset *pset, struct mk_port *port);
kern_return_t mk_pset_add(struct mk_pset *pset, struct mk_port *port);
kern_return_t mk_pset_remove(struct mk_pset *pset, struct mk_port *port);
void mk_pset_remove_all(struct mk_port *port);
void mk_pset_wake(struct mk_port *port, bool sync);

#endif /* _MACH_PSET_H */
