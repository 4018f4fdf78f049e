// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: ports, their right counts and their death.
 *
 * srights / sorights count rights (not user references) held anywhere: in
 * name tables and in queued messages.  When srights drops to zero an armed
 * no-senders request fires; a send-once right destroyed unused sends a
 * send-once notification to its port.
 *
 * mk_notify_*() consume the send-once right they are given: its sorights
 * count and one port reference, both of which move into the message.
 */
#include <linux/atomic.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "compat.h"
#include "kobject.h"
#include "limits.h"
#include "locking.h"
#include "mqueue.h"
#include "netlink.h"
#include "notify.h"
#include "port.h"
#include "pset.h"
#include "right.h"
#include "stats.h"
#include "sync.h"

static atomic64_t mk_port_ids = ATOMIC64_INIT(0);
static struct kmem_cache *mk_port_cache;

int mk_port_init(void)
{
	mk_port_cache = mk_kmem_cache_no_merge("mk_port", sizeof(struct mk_port),
					       __alignof__(struct mk_port),
					       offsetof(struct mk_port, context),
					       sizeof_field(struct mk_port, context));
	return mk_port_cache ? 0 : -ENOMEM;
}

void mk_port_exit(void)
{
	kmem_cache_destroy(mk_port_cache);
}

struct mk_port *mk_port_alloc(void)
{
	struct mk_port *port = kmem_cache_zalloc(mk_port_cache,
						 GFP_KERNEL_ACCOUNT);

	if (!port)
		return NULL;
	if (!mk_limit_charge_port(&port->user)) {
		kmem_cache_free(mk_port_cache, port);
		return NULL;
	}
	kref_init(&port->ref);
	port->id = atomic64_inc_return(&mk_port_ids);
	port->active = true;
	port->qlimit = MACH_PORT_QLIMIT_DEFAULT;
	INIT_LIST_HEAD(&port->messages);
	INIT_HLIST_HEAD(&port->dnrequests);
	INIT_HLIST_HEAD(&port->psets);
	init_waitqueue_head(&port->rcv_wait);
	init_waitqueue_head(&port->snd_wait);
	mk_stats.ports++;
	return port;
}

static void mk_port_release(struct kref *ref)
{
	struct mk_port *port = container_of(ref, struct mk_port, ref);

	mk_stats.ports--;
	mk_limit_uncharge_port(port->user);
	kmem_cache_free(mk_port_cache, port);
}

void mk_port_get(struct mk_port *port)
{
	kref_get(&port->ref);
}

void mk_port_put(struct mk_port *port)
{
	kref_put(&port->ref, mk_port_release);
}

void mk_port_make_send(struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	port->mscount++;
	port->srights++;
}

/*
 * A new send right to @port in @r (a port reference and one send right,
 * counted in mscount), as XNU's ipc_kobject_make_send: the one way a send
 * right to a kernel object is made.  Context: mk_lock held.
 */
void mk_port_make_send_right(struct mk_port *port, struct mk_right *r)
{
	lockdep_assert_held(&mk_lock);
	mk_port_make_send(port);
	mk_port_get(port);
	r->port = port;
	r->type = MACH_MSG_TYPE_PORT_SEND;
	r->dead = false;
}

void mk_port_make_sonce(struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	port->sorights++;
}

/* Drop one send right (not a uref).  Context: mk_lock held. */
void mk_port_release_send(struct mk_port *port)
{
	struct mk_port *notify;

	lockdep_assert_held(&mk_lock);
	port->srights--;
	/* a kernel object's own no-senders (kobject.c's table) */
	if (!port->srights && mk_kobject_ops_of(port)->no_senders) {
		mk_kobject_ops_of(port)->no_senders(port);
		return;
	}
	if (port->srights || !port->nsrequest || !port->active)
		return;
	notify = port->nsrequest;
	port->nsrequest = NULL;
	mk_notify_no_senders(notify, port->mscount);
}

/*
 * A send-once right destroyed without being used: its port receives a
 * send-once notification.  The caller keeps its own port reference.
 * Context: mk_lock held.
 */
void mk_port_release_sonce(struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	if (mk_kobject_ops_of(port)->sonce_dropped) {
		port->sorights--;
		mk_kobject_ops_of(port)->sonce_dropped(port);
		return;
	}
	mk_port_get(port);
	mk_notify_send_once(port);
}

/*
 * Remove a dead-name request.  With @notify_deleted the registered
 * send-once right is consumed by a port-deleted notification (the right
 * was deallocated while the request stood); a fired request only frees.
 */
void mk_port_dnrequest_cancel(struct mk_dnrequest *req, bool notify_deleted)
{
	lockdep_assert_held(&mk_lock);
	if (!req->fired) {
		hlist_del(&req->node);
		if (notify_deleted) {
			mk_notify_port_deleted(req->notify, req->name);
		} else {
			mk_port_release_sonce(req->notify);
			mk_port_put(req->notify);
		}
	}
	kfree(req);
}

/* A receive right leaving its space: its per-receiver state goes. */
void mk_port_clear_receiver(struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	mk_pset_remove_all(port);
	port->receiver = NULL;
	port->receiver_name = MACH_PORT_NULL;
	port->mscount = 0;
	port->seqno = 0;
	port->context = 0;
	port->guarded = false;
	port->strict_guard = false;
	port->immovable_receive = false;
}

void mk_port_set_qlimit(struct mk_port *port, u32 qlimit)
{
	bool more = qlimit > port->qlimit;

	lockdep_assert_held(&mk_lock);
	port->qlimit = qlimit;
	if (more)
		wake_up_all(&port->snd_wait);
}

/*
 * The receive right is gone (deallocated, destroyed, its space died or the
 * message carrying it was destroyed).  With a port-destroyed request the
 * right travels to the notify port instead and the port lives on.
 * Context: mk_lock held; the caller still holds its own port reference.
 */
void mk_port_destroy(struct mk_port *port)
{
	struct mk_space *owner = port->receiver;
	struct mk_dnrequest *req;
	struct hlist_node *tmp;
	struct mk_port *notify;

	lockdep_assert_held(&mk_lock);
	mk_pset_remove_all(port);
	port->receiver = NULL;
	port->receiver_name = MACH_PORT_NULL;
	port->destination = NULL;
	if (port->pdrequest && port->kotype == MK_KOBJ_NONE) {
		notify = port->pdrequest;
		port->pdrequest = NULL;
		mk_port_clear_receiver(port);
		wake_up_all(&port->rcv_wait);
		mk_notify_port_destroyed(notify, port);
		return;
	}
	port->active = false;
	mk_nl_event_port_destroyed(port, owner);
	port->guarded = false;
	mk_mqueue_destroy(port);
	if (port->pdrequest) {
		mk_port_release_sonce(port->pdrequest);
		mk_port_put(port->pdrequest);
		port->pdrequest = NULL;
	}
	if (port->nsrequest) {
		notify = port->nsrequest;
		port->nsrequest = NULL;
		mk_port_release_sonce(notify);
		mk_port_put(notify);
	}
	hlist_for_each_entry_safe(req, tmp, &port->dnrequests, node) {
		hlist_del(&req->node);
		req->fired = true;
		mk_notify_dead_name(req->notify, req->name);
	}
	if (port->kotype == MK_KOBJ_TIMER)
		mk_timer_port_destroyed(port);	/* mk_timer.c */
	/* also wakes pollers: port fds report EPOLLHUP (port_fd.c) */
	wake_up_all(&port->rcv_wait);
	wake_up_all(&port->snd_wait);
}
