// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the mach_port_* calls about one port rather than names:
 * notification requests, attributes, context, guards, peek, construct and
 * destruct, the make-send count.  port_ops.c's table dispatches here under
 * mk_lock; results and errors are XNU's (Documentation/ports.rst).
 */
#include <linux/capability.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "kmsg.h"
#include "limits.h"
#include "locking.h"
#include "notify.h"
#include "port.h"
#include "port_ops.h"
#include "right.h"
#include "space.h"
#include "task.h"

static kern_return_t request_port_destroyed(struct port_call *c, struct mk_right *notify)
{
	struct mk_entry *entry;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (c->a.value)
		return KERN_INVALID_VALUE;
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_RIGHT, &entry);
	if (kr)
		return kr;
	if (entry->port->kotype != MK_KOBJ_NONE)
		return KERN_INVALID_RIGHT;
	if (entry->port->pdrequest)
		return KERN_FAILURE;
	entry->port->pdrequest = notify->port;
	notify->port = NULL;
	return KERN_SUCCESS;
}

static kern_return_t request_no_senders(struct port_call *c, struct mk_right *notify,
					struct mk_right *prev)
{
	struct mk_entry *entry;
	struct mk_port *port;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_RIGHT, &entry);
	if (kr)
		return kr;
	port = entry->port;
	prev->port = port->nsrequest;
	prev->type = MACH_MSG_TYPE_PORT_SEND_ONCE;
	port->nsrequest = NULL;
	if (!notify->port)
		return KERN_SUCCESS;
	/* XNU's ipc_port_nsrequest: the sync count only decides "now" */
	if (port->srights == 0 && c->a.value <= port->mscount)
		mk_notify_no_senders(notify->port, port->mscount);
	else
		port->nsrequest = notify->port;
	notify->port = NULL;
	return KERN_SUCCESS;
}

static kern_return_t request_dead_name(struct port_call *c, struct mk_right *notify,
				       struct mk_right *prev)
{
	struct mk_dnrequest *req;
	struct mk_entry *entry;

	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(c->a.name))
		return KERN_INVALID_ARGUMENT;
	entry = mk_entry_lookup(c->space, c->a.name);
	if (!entry)
		return KERN_INVALID_NAME;
	if (mk_entry_check_dead(c->space, c->a.name, entry))
		return KERN_INVALID_ARGUMENT;
	if (!(entry->bits & MACH_PORT_TYPE_PORT_RIGHTS))
		return KERN_INVALID_RIGHT;
	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return KERN_RESOURCE_SHORTAGE;
	if (entry->dnreq) {
		prev->port = entry->dnreq->notify;
		prev->type = MACH_MSG_TYPE_PORT_SEND_ONCE;
		hlist_del(&entry->dnreq->node);
		kfree(entry->dnreq);
		entry->dnreq = NULL;
	}
	if (!notify->port) {
		kfree(req);
		return KERN_SUCCESS;
	}
	req->space = c->space;
	req->name = c->a.name;
	req->notify = notify->port;
	notify->port = NULL;
	hlist_add_head(&req->node, &entry->port->dnrequests);
	entry->dnreq = req;
	return KERN_SUCCESS;
}

kern_return_t mk_port_request_notify(struct port_call *c)
{
	struct mk_right notify = { 0 }, prev = { 0 };
	u32 disp = c->a.disposition;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (c->a.poly == MACH_PORT_DEAD)
		return KERN_INVALID_CAPABILITY;
	if (mk_name_valid(c->a.poly) && disp != MACH_MSG_TYPE_MAKE_SEND_ONCE &&
	    disp != MACH_MSG_TYPE_MOVE_SEND_ONCE)
		return KERN_INVALID_VALUE;
	/*
	 * As XNU's trap: the notify right is taken first and destroyed if the
	 * request fails (its port then gets a send-once notification).
	 */
	if (mk_name_valid(c->a.poly)) {
		kr = mk_right_copyin(c->task->space, c->a.poly, disp, &notify);
		if (kr)
			return kr;
	}
	switch (c->a.right) {
	case MACH_NOTIFY_PORT_DESTROYED:
		kr = request_port_destroyed(c, &notify);
		break;
	case MACH_NOTIFY_NO_SENDERS:
		kr = request_no_senders(c, &notify, &prev);
		break;
	case MACH_NOTIFY_DEAD_NAME:
		kr = request_dead_name(c, &notify, &prev);
		break;
	default:
		kr = KERN_INVALID_VALUE;
		break;
	}
	c->a.poly = MACH_PORT_NULL;
	if (prev.port && mk_right_copyout(c->task->space, &prev, &c->a.poly))
		mk_right_release(&prev);
	mk_right_release(&notify);	/* only left over on failure */
	return kr;
}

kern_return_t mk_port_get_attributes(struct port_call *c)
{
	struct mk_entry *entry;
	struct mk_port *port;
	u32 count = c->a.value;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	switch (c->a.right) {
	case MACH_PORT_LIMITS_INFO:
	case MACH_PORT_DNREQUESTS_SIZE:
		if (count < 1)
			return KERN_FAILURE;
		if (!mk_name_valid(c->a.name)) {
			c->ints[0] = 0;
			c->a.value = c->a.right == MACH_PORT_LIMITS_INFO ? 0 : 1;
			return KERN_SUCCESS;
		}
		kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_NAME, &entry);
		if (kr)
			return kr;
		if (c->a.right == MACH_PORT_LIMITS_INFO)
			c->ints[0] = entry->port->qlimit;
		else
			c->ints[0] = mk_hlist_count(&entry->port->dnrequests);
		c->a.value = 1;
		return KERN_SUCCESS;
	case MACH_PORT_RECEIVE_STATUS:
		if (count < MACH_PORT_RECEIVE_STATUS_COUNT)
			return KERN_FAILURE;
		kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_RIGHT, &entry);
		if (kr)
			return kr;
		port = entry->port;
		c->ints[0] = !hlist_empty(&port->psets);
		c->ints[1] = port->seqno;
		c->ints[2] = port->mscount;
		c->ints[3] = port->qlimit;
		c->ints[4] = port->msgcount;
		c->ints[5] = port->sorights;
		c->ints[6] = port->srights > 0;
		c->ints[7] = !!port->pdrequest;
		c->ints[8] = !!port->nsrequest;
		c->ints[9] = (port->guarded ? MACH_PORT_STATUS_FLAG_GUARDED : 0) |
			(port->strict_guard ? MACH_PORT_STATUS_FLAG_STRICT_GUARD : 0) |
			(port->immovable_receive ?
			 MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE : 0);
		c->a.value = MACH_PORT_RECEIVE_STATUS_COUNT;
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

kern_return_t mk_port_set_attributes(struct port_call *c)
{
	struct mk_entry *entry;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	switch (c->a.right) {
	case MACH_PORT_LIMITS_INFO:
		if (c->a.value < MACH_PORT_LIMITS_INFO_COUNT)
			return KERN_FAILURE;
		if ((u32)c->ints[0] > MACH_PORT_QLIMIT_MAX)
			return KERN_INVALID_VALUE;
		kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_RIGHT, &entry);
		if (kr)
			return kr;
		mk_port_set_qlimit(entry->port, c->ints[0]);
		return KERN_SUCCESS;
	case MACH_PORT_DNREQUESTS_SIZE:
		if (c->a.value < MACH_PORT_DNREQUESTS_SIZE_COUNT)
			return KERN_FAILURE;
		/* the request table grows on demand: nothing to size */
		return mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_RIGHT, &entry);
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

kern_return_t mk_port_get_context(struct port_call *c)
{
	struct mk_entry *entry;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_RIGHT, &entry);
	if (kr)
		return kr;
	/* a strict guard is not disclosed */
	c->a.arg = entry->port->strict_guard ? 0 : entry->port->context;
	return KERN_SUCCESS;
}

kern_return_t mk_port_set_context(struct port_call *c)
{
	struct mk_entry *entry;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_RIGHT, &entry);
	if (kr)
		return kr;
	if (entry->port->strict_guard) {
		mk_guard_violation(c->a.name, MK_GUARD_EXC_SET_CONTEXT);
		return KERN_INVALID_ARGUMENT;
	}
	entry->port->context = c->a.arg;
	return KERN_SUCCESS;
}

kern_return_t mk_port_guard(struct port_call *c)
{
	struct mk_entry *entry;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_NAME, &entry);
	if (kr)
		return kr;
	if (entry->port->context || entry->port->guarded)
		return KERN_INVALID_ARGUMENT;
	entry->port->context = c->a.arg;
	entry->port->guarded = true;
	entry->port->strict_guard = c->a.delta != 0;
	return KERN_SUCCESS;
}

kern_return_t mk_port_unguard(struct port_call *c)
{
	struct mk_entry *entry;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_NAME, &entry);
	if (kr)
		return kr;
	if (!entry->port->guarded) {
		mk_guard_violation(c->a.name, MK_GUARD_EXC_UNGUARDED);
		return KERN_INVALID_ARGUMENT;
	}
	if (entry->port->context != c->a.arg) {
		mk_guard_violation(c->a.name, MK_GUARD_EXC_INCORRECT_GUARD);
		return KERN_INVALID_ARGUMENT;
	}
	/* XNU's mach_port_unguard_locked leaves the right immovable */
	entry->port->guarded = false;
	entry->port->strict_guard = false;
	entry->port->context = 0;
	return KERN_SUCCESS;
}

/* XNU's mach_port_guard_with_flags: mach_port_guard_locked's rules */
kern_return_t mk_port_guard_with_flags(struct port_call *c)
{
	struct mk_entry *entry;
	struct mk_port *port;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_NAME, &entry);
	if (kr)
		return kr;
	port = entry->port;
	if (port->context)
		return KERN_INVALID_ARGUMENT;
	port->context = c->a.arg;
	port->guarded = true;
	port->strict_guard = !!(c->a.arg2 & MPG_STRICT);
	/* immovability is sticky: no unguard takes it back in XNU */
	if (c->a.arg2 & MPG_IMMOVABLE_RECEIVE)
		port->immovable_receive = true;
	return KERN_SUCCESS;
}

/*
 * XNU's mach_port_swap_guard: an unguarded port, a strict guard and the
 * wrong old guard are each a guard violation (fatal, as everywhere here).
 */
kern_return_t mk_port_swap_guard(struct port_call *c)
{
	struct mk_entry *entry;
	struct mk_port *port;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_NAME, &entry);
	if (kr)
		return kr;
	port = entry->port;
	if (!port->guarded) {
		mk_guard_violation(c->a.name, MK_GUARD_EXC_UNGUARDED);
		return KERN_INVALID_ARGUMENT;
	}
	if (port->strict_guard) {
		mk_guard_violation(c->a.name, MK_GUARD_EXC_SET_CONTEXT);
		return KERN_INVALID_ARGUMENT;
	}
	if (port->context != c->a.arg) {
		mk_guard_violation(c->a.name, MK_GUARD_EXC_INCORRECT_GUARD);
		return KERN_INVALID_ARGUMENT;
	}
	port->context = c->a.arg2;
	return KERN_SUCCESS;
}

/*
 * XNU's mach_port_peek (and ipc_mqueue_peek_locked): the message with
 * sequence number *seqno, or the first one for 0, left queued.  Its size
 * is the kernel's msgh_size, as XNU reports it: the LP64 kernel header is
 * 8 bytes longer than the user's and a port descriptor 4 bytes longer.
 */
kern_return_t mk_port_peek(struct port_call *c)
{
	static const u8 sizes[] = { 8, 12, 20, 52 };	/* null .. audit */
	u32 elements = (c->a.right >> 24) & 0xf, seqno = c->a.value;
	struct mk_entry *entry;
	struct mk_kmsg *kmsg;
	struct mk_port *port;
	u32 off, i, size;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(c->a.name))
		return KERN_INVALID_RIGHT;
	if (elements >= ARRAY_SIZE(sizes) || sizes[elements] > c->a.arg2)
		return KERN_INVALID_VALUE;
	c->a.arg2 = sizes[elements];
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_RIGHT, &entry);
	if (kr)
		return kr;
	port = entry->port;
	if (!seqno)
		seqno = port->seqno;
	else if (seqno - port->seqno >= port->msgcount)	/* wraps below */
		return KERN_FAILURE;
	off = seqno - port->seqno;
	list_for_each_entry(kmsg, &port->messages, node)
		if (!off--)
			goto found;
	return KERN_FAILURE;
found:
	size = kmsg->size + 8;
	for (i = 0; i < kmsg->ndesc; i++)
		if (kmsg->descs[i].type == MACH_MSG_PORT_DESCRIPTOR)
			size += 4;
	c->a.value = seqno;
	c->a.poly = size;
	c->a.disposition = (u32)mk_kmsg_hdr(kmsg)->id;
	/* the queued message's trailer: format 0, its size as at send */
	c->trailer[0] = 0;
	c->trailer[1] = 8;
	c->trailer[2] = seqno;
	memcpy(&c->trailer[3], kmsg->sec_token, sizeof(kmsg->sec_token));
	memcpy(&c->trailer[5], kmsg->audit, sizeof(kmsg->audit));
	return KERN_SUCCESS;
}

kern_return_t mk_port_construct(struct port_call *c)
{
	const u32 kinds = MPO_SERVICE_PORT | MPO_CONNECTION_PORT |
			  MPO_TG_BLOCK_TRACKING;
	const u32 replies = MPO_REPLY_PORT | MPO_ENFORCE_REPLY_PORT_SEMANTICS |
			    MPO_EXCEPTION_PORT | MPO_PROVISIONAL_REPLY_PORT;
	u32 flags = c->opts.flags;
	struct mk_entry *entry;
	struct mk_port *port;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (hweight32(flags & kinds) > 1 || hweight32(flags & replies) > 1)
		return KERN_INVALID_ARGUMENT;
	if ((flags & MPO_QLIMIT) && c->opts.mpl_qlimit > MACH_PORT_QLIMIT_MAX)
		return KERN_INVALID_VALUE;
	kr = mk_port_alloc_right(c->space, MACH_PORT_RIGHT_RECEIVE, &c->a.name, false);
	if (kr)
		return kr;
	entry = mk_entry_lookup(c->space, c->a.name);
	port = entry->port;
	if (flags & MPO_QLIMIT)
		port->qlimit = c->opts.mpl_qlimit;
	if (flags & MPO_INSERT_SEND_RIGHT) {
		mk_port_make_send(port);
		entry->bits |= MACH_PORT_TYPE_SEND;
		entry->urefs = 1;
	}
	port->context = c->a.arg2;
	if (flags & MPO_CONTEXT_AS_GUARD) {
		port->guarded = true;
		port->strict_guard = !!(flags & MPO_STRICT);
		port->immovable_receive = !!(flags & MPO_IMMOVABLE_RECEIVE);
	}
	return KERN_SUCCESS;
}

kern_return_t mk_port_destruct(struct port_call *c)
{
	struct mk_entry *entry;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_NAME, &entry);
	if (kr)
		return kr;
	if (c->a.delta && !(entry->bits & MACH_PORT_TYPE_SEND))
		return KERN_INVALID_RIGHT;
	if (c->a.delta > 0 || (s64)entry->urefs + c->a.delta < 0)
		return KERN_INVALID_VALUE;
	if (entry->port->guarded && entry->port->context != c->a.arg) {
		mk_guard_violation(c->a.name, MK_GUARD_EXC_DESTROY);
		return KERN_INVALID_ARGUMENT;
	}
	entry->port->guarded = false;
	if (c->a.delta) {
		kr = mk_right_delta(c->space, c->a.name, MACH_PORT_RIGHT_SEND,
				    c->a.delta);
		if (kr)
			return kr;
	}
	return mk_right_delta(c->space, c->a.name, MACH_PORT_RIGHT_RECEIVE, -1);
}

kern_return_t mk_port_set_mscount(struct port_call *c)
{
	struct mk_entry *entry;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_port_lookup_receive(c->space, c->a.name, KERN_INVALID_RIGHT, &entry);
	if (kr)
		return kr;
	entry->port->mscount = c->a.value;
	return KERN_SUCCESS;
}
