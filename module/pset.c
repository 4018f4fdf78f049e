// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: port sets.  A port may belong to any number of sets; a
 * receive on a set takes the first message of any member, oldest member
 * first.  Destroying a set unlinks its members, which live on.
 */
#include <linux/sched.h>
#include <linux/slab.h>
#include "limits.h"
#include "locking.h"
#include "port.h"
#include "pset.h"
#include "space.h"
#include "stats.h"

struct mk_pset *mk_pset_alloc(struct mk_space *space)
{
	struct mk_pset *pset = kzalloc(sizeof(*pset), GFP_KERNEL_ACCOUNT);

	if (!pset)
		return NULL;
	if (!mk_limit_charge_port(&pset->user)) {
		kfree(pset);
		return NULL;
	}
	kref_init(&pset->ref);
	pset->active = true;
	pset->space = space;
	INIT_LIST_HEAD(&pset->members);
	init_waitqueue_head(&pset->rcv_wait);
	mk_stats.psets++;
	return pset;
}

static void mk_pset_release(struct kref *ref)
{
	struct mk_pset *pset = container_of(ref, struct mk_pset, ref);

	mk_limit_uncharge_port(pset->user);
	kfree(pset);
}

void mk_pset_put(struct mk_pset *pset)
{
	kref_put(&pset->ref, mk_pset_release);
}

static void member_free(struct mk_psmember *m)
{
	hlist_del(&m->port_node);
	list_del(&m->set_node);
	kfree(m);
}

/* Context: mk_lock held. */
void mk_pset_destroy(struct mk_pset *pset)
{
	struct mk_psmember *m, *tmp;

	lockdep_assert_held(&mk_lock);
	list_for_each_entry_safe(m, tmp, &pset->members, set_node)
		member_free(m);
	pset->active = false;
	mk_stats.psets--;
	wake_up_all(&pset->rcv_wait);
}

bool mk_pset_has_member(struct mk_pset *pset, struct mk_port *port)
{
	struct mk_psmember *m;

	lockdep_assert_held(&mk_lock);
	hlist_for_each_entry(m, &port->psets, port_node)
		if (m->pset == pset)
			return true;
	return false;
}

/* Context: mk_lock held. */
kern_return_t mk_pset_add(struct mk_pset *pset, struct mk_port *port)
{
	struct mk_psmember *m;

	lockdep_assert_held(&mk_lock);
	if (mk_pset_has_member(pset, port))
		return KERN_ALREADY_IN_SET;
	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return KERN_RESOURCE_SHORTAGE;
	m->port = port;
	m->pset = pset;
	hlist_add_head(&m->port_node, &port->psets);
	list_add_tail(&m->set_node, &pset->members);
	if (port->msgcount)
		wake_up_all(&pset->rcv_wait);
	return KERN_SUCCESS;
}

/* Context: mk_lock held. */
kern_return_t mk_pset_remove(struct mk_pset *pset, struct mk_port *port)
{
	struct mk_psmember *m;

	lockdep_assert_held(&mk_lock);
	hlist_for_each_entry(m, &port->psets, port_node) {
		if (m->pset == pset) {
			member_free(m);
			return KERN_SUCCESS;
		}
	}
	return KERN_NOT_IN_SET;
}

/* Context: mk_lock held. */
void mk_pset_remove_all(struct mk_port *port)
{
	struct mk_psmember *m;
	struct hlist_node *tmp;

	lockdep_assert_held(&mk_lock);
	hlist_for_each_entry_safe(m, tmp, &port->psets, port_node)
		member_free(m);
}

/* A message arrived on @port: wake receivers waiting on its sets. */
void mk_pset_wake(struct mk_port *port, bool sync)
{
	struct mk_psmember *m;

	lockdep_assert_held(&mk_lock);
	hlist_for_each_entry(m, &port->psets, port_node) {
		/* receivers queue themselves under mk_lock */
		if (!waitqueue_active(&m->pset->rcv_wait))
			continue;
		if (sync)
			wake_up_interruptible_sync(&m->pset->rcv_wait);
		else
			wake_up_interruptible(&m->pset->rcv_wait);
	}
}
