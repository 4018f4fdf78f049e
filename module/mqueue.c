// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: a port's message queue (GNU Mach's ipc_mqueue).  Messages
 * are queued FIFO on the port; a sender blocks while the queue is full
 * (qlimit messages or port_byte_budget bytes), a receiver while it is
 * empty.  Both wait on the port's wait queues with mk_lock dropped.
 */
#include <linux/jiffies.h>
#include <linux/lockdep.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/wait.h>
#include "kmsg.h"
#include "limits.h"
#include "locking.h"
#include "mqueue.h"
#include "msg_call.h"
#include "port.h"
#include "pset.h"
#include "space.h"
#include "stats.h"

static unsigned long port_byte_budget = 256UL << 20;
module_param(port_byte_budget, ulong, 0644);
MODULE_PARM_DESC(port_byte_budget, "Bytes one port may hold queued (MACH_SEND_NO_BUFFER beyond)");

/* Is a message of @bytes too big for any queue (MACH_SEND_NO_BUFFER)? */
bool mk_mqueue_over_budget(size_t bytes)
{
	return bytes > port_byte_budget;
}

/* Does the chain of queues from @dest lead back to @r's own queue? */
static bool receive_reaches(struct mk_port *r, struct mk_port *dest)
{
	/* acyclic: no circular message is ever queued */
	for (; dest; dest = dest->destination)
		if (dest == r)
			return true;
	return false;
}

static struct mk_port *receive_port(const struct mk_right *right)
{
	return right->type == MACH_MSG_TYPE_PORT_RECEIVE ? right->port : NULL;
}

/*
 * The receive rights @kmsg carries: with @queued, they are now in transit
 * to @dest; else, is any of them one that @dest's queue chain reaches?
 */
static bool kmsg_receive_rights(struct mk_kmsg *kmsg, struct mk_port *dest,
				bool queued)
{
	struct mk_port *r;
	u32 i, j;

	for (i = 0; i < kmsg->ndesc; i++) {
		struct mk_kdesc *d = &kmsg->descs[i];
		struct mk_right *rights = d->ool;

		for (j = 0; j < (d->rights_in ? d->count : 1); j++) {
			if (d->rights_in)
				r = receive_port(&rights[j]);
			else if (d->type == MACH_MSG_PORT_DESCRIPTOR ||
				 d->type == MACH_MSG_GUARDED_PORT_DESCRIPTOR)
				r = receive_port(&d->right);
			else
				r = NULL;
			if (!r)
				continue;
			if (queued)
				r->destination = dest;
			else if (receive_reaches(r, dest))
				return true;
		}
	}
	return false;
}

/*
 * Would queueing @kmsg on @dest put a receive right into a queue that only
 * that right can drain, directly or through other receive rights in
 * transit (A's right queued on B, B's right sent to A)?  Nobody could
 * ever receive those messages.  XNU's ipc_port_check_circularity() marks
 * such a message and ipc_kmsg_send() destroys it at once, reporting
 * success; so do we.  Context: mk_lock held.
 */
bool mk_kmsg_is_circular(struct mk_kmsg *kmsg, struct mk_port *dest)
{
	lockdep_assert_held(&mk_lock);
	return kmsg->ndesc && kmsg_receive_rights(kmsg, dest, false);
}

/*
 * A receiver asleep in mk_mqueue_rcv_find, as its wait queue entry shows it
 * to a sender (on the port's or the port set's rcv_wait, on its stack).
 */
struct rcv_waiter {
	struct wait_queue_entry wq;
	struct msg_call *m;
	struct mk_space *space;
	struct mk_port *want;		/* or */
	struct mk_pset *pset;
};

/* the key of a hand-off's wake-up: poll waiters read it as "readable" */
#define HANDOFF_KEY	(EPOLLIN | EPOLLRDNORM)

/*
 * A hand-off's wake-up (a non-NULL key) wakes only the receiver it was
 * for; any other wakes every receiver, as before.  Context: the wait
 * queue's lock; a waker holding mk_lock, under which m->handed is set.
 */
static int rcv_wake(struct wait_queue_entry *wq, unsigned int mode, int flags,
		    void *key)
{
	struct rcv_waiter *rw = container_of(wq, struct rcv_waiter, wq);

	if (key && !rw->m->handed)
		return 0;
	return autoremove_wake_function(wq, mode, flags, key);
}

/*
 * May @rw be handed @kmsg, queued on @port?  Only a receive that would
 * take it once awake: the name still denotes what it waits on, and a
 * message too large for MACH_RCV_LARGE stays queued for the receiver to
 * find.  Context: mk_lock held.
 */
static bool rcv_waiter_takes(struct rcv_waiter *rw, struct mk_port *port,
			     struct mk_kmsg *kmsg)
{
	struct msg_call *m = rw->m;
	u32 name = m->a.rcv_name;
	struct mk_entry *entry;

	lockdep_assert_held(&mk_lock);
	if (m->handed || !rw->space->active || port->receiver != rw->space)
		return false;
	if ((m->a.option & MACH_RCV_LARGE) &&
	    m->a.rcv_size < kmsg->size + mk_msg_trailer_size(m->a.option))
		return false;
	if (rw->want)
		return rw->want == port && port->receiver_name == name;
	entry = mk_entry_lookup(rw->space, name);
	return rw->pset->active && entry &&
		(entry->bits & MACH_PORT_TYPE_PORT_SET) && entry->pset == rw->pset;
}

/*
 * The receiver that has waited longest on @wq and takes @kmsg, claimed
 * (m->handed) so that no other sender picks it.  Its entry, on its stack,
 * stays valid while mk_lock is held: a receiver woken meanwhile waits for
 * mk_lock before it returns.  Context: mk_lock held.
 */
static struct rcv_waiter *rcv_waiter_claim(wait_queue_head_t *wq,
					   struct mk_port *port,
					   struct mk_kmsg *kmsg)
{
	struct rcv_waiter *rw, *found = NULL;
	struct wait_queue_entry *e;
	unsigned long flags;

	lockdep_assert_held(&mk_lock);
	spin_lock_irqsave(&wq->lock, flags);
	/* prepare_to_wait adds at the head: the oldest is last */
	list_for_each_entry_reverse(e, &wq->head, entry) {
		if (e->func != rcv_wake)
			continue;
		rw = container_of(e, struct rcv_waiter, wq);
		if (rcv_waiter_takes(rw, port, kmsg)) {
			rw->m->handed = true;
			found = rw;
			break;
		}
	}
	spin_unlock_irqrestore(&wq->lock, flags);
	return found;
}

/*
 * Direct hand-off (XNU's ipc_mqueue_post giving the message to a waiting
 * thread): @kmsg, just queued on an empty @port, is received here, in the
 * sender's mk_lock section, for a receiver asleep on the port or on a set
 * it is in; the receiver wakes with the message in hand and only writes
 * it out.  The message was first in the queue, so the order is the
 * queue's.  A hand-off is final: a receiver interrupted or timed out at
 * the same moment still returns it.  False: nobody to hand it to.
 *
 * Only a sender that goes on to receive (MACH_SEND_MSG | MACH_RCV_MSG,
 * the RPC path) hands off: it is about to sleep, so the receive's work
 * costs it nothing.  A one-way stream is better without: the work moved
 * from the receiver to the sender is what lets CFS batch (a receiver
 * that spends more per message than its sender catches up and drains
 * the queue), and with it the stream made more context switches a
 * message (Documentation/performance.rst, *Fifth session*).
 * Context: mk_lock held.
 */
static bool mqueue_handoff(struct mk_port *port, struct mk_kmsg *kmsg,
			   bool sync)
{
	struct rcv_waiter *rw = NULL;
	wait_queue_head_t *wq = &port->rcv_wait;
	struct mk_psmember *pm;

	lockdep_assert_held(&mk_lock);
	/* receivers queue themselves under mk_lock, held here */
	if (waitqueue_active(wq))
		rw = rcv_waiter_claim(wq, port, kmsg);
	if (!rw) {
		hlist_for_each_entry(pm, &port->psets, port_node) {
			wq = &pm->pset->rcv_wait;
			if (waitqueue_active(wq))	/* as above */
				rw = rcv_waiter_claim(wq, port, kmsg);
			if (rw)
				break;
		}
	}
	if (!rw)
		return false;
	rw->m->handed_mr = mk_msg_rcv_take(rw->m, rw->space, port, kmsg);
	if (sync)
		wake_up_interruptible_sync_poll(wq, HANDOFF_KEY);
	else
		wake_up_interruptible_poll(wq, HANDOFF_KEY);
	return true;
}

/*
 * Receivers sleep only on an empty queue, so only the first message wakes
 * them (as a pipe wakes its reader), or is handed to one of them
 * (@handoff: a user's send).  They queue themselves on rcv_wait under
 * mk_lock, so an empty wait queue here means nobody to wake.  @sync: the
 * sender is about to sleep in its own receive (the RPC path), so the
 * receiver may take its CPU.
 */
static void mqueue_add(struct mk_port *port, struct mk_kmsg *kmsg, bool sync,
		       bool handoff)
{
	bool was_empty = list_empty(&port->messages);

	lockdep_assert_held(&mk_lock);
	list_add_tail(&kmsg->node, &port->messages);
	port->msgcount++;
	port->msgbytes += kmsg->charge;
	if (kmsg->ndesc)	/* receive rights it carries are now in transit */
		kmsg_receive_rights(kmsg, port, true);
	if (!was_empty)
		return;
	if (handoff && mqueue_handoff(port, kmsg, sync))
		return;
	/* receivers queue themselves under mk_lock: none queued, none asleep */
	if (waitqueue_active(&port->rcv_wait)) {
		if (sync)
			wake_up_interruptible_sync(&port->rcv_wait);
		else
			wake_up_interruptible(&port->rcv_wait);
	}
	if (!hlist_empty(&port->psets))
		mk_pset_wake(port, sync);
}

/*
 * Queue a kernel-made message, ignoring qlimit.  It is charged to the uid
 * that made the destination port (limits.c): notifications reach a port
 * through send-once rights its receiver made, so one user cannot pile
 * them up on another's account, and a user who makes them pile up on its
 * own ports meets its own limit; over it the message is dropped, as XNU
 * drops one at the kernel queue limit.  Context: mk_lock held.
 */
void mk_kmsg_enqueue(struct mk_port *port, struct mk_kmsg *kmsg)
{
	size_t bytes = kmsg->charge ?: kmsg->size;

	lockdep_assert_held(&mk_lock);
	if (!port->active || mk_kmsg_is_circular(kmsg, port)) {
		mk_kmsg_destroy(kmsg);
		return;
	}
	if (port->msgcount >= MACH_PORT_QLIMIT_KERNEL ||
	    (!kmsg->user && port->user &&
	     mk_limit_charge_msg(port->user, bytes, false))) {
		/*
		 * Dropped: its send-once right counts as used.  Destroyed
		 * unused it would send a send-once notification to this
		 * same full queue, and that one another, for ever.
		 */
		mk_right_release_used(&kmsg->dest);
		mk_kmsg_destroy(kmsg);
		return;
	}
	if (!kmsg->user && port->user) {
		kmsg->charge = bytes;
		kmsg->user = port->user;
	}
	mqueue_add(port, kmsg, false, false);
}

/* Context: mk_lock held. */
void mk_mqueue_destroy(struct mk_port *port)
{
	struct mk_kmsg *kmsg, *tmp;

	lockdep_assert_held(&mk_lock);
	list_for_each_entry_safe(kmsg, tmp, &port->messages, node) {
		list_del(&kmsg->node);
		port->msgcount--;
		port->msgbytes -= kmsg->charge;
		mk_kmsg_destroy(kmsg);
	}
}

/*
 * Wait for room on a full queue.  Senders wait exclusively: a receive frees
 * one slot and wakes one sender, as XNU's ipc_mqueue_release_msgcount wakes
 * one thread per slot, instead of every sender taking mk_lock to find the
 * queue full again.  A woken sender that leaves without sending (signal,
 * timeout) passes the wake-up on, so the slot is not lost.
 * Context: mk_lock held, dropped inside.
 */
static kern_return_t send_wait(struct mk_port *port, u32 option, long *timeout)
	__must_hold(&mk_lock)
{
	DEFINE_WAIT(wait);
	kern_return_t mr = MACH_MSG_SUCCESS;

	lockdep_assert_held(&mk_lock);
	if ((option & MACH_SEND_TIMEOUT) && *timeout == 0)
		return MACH_SEND_TIMED_OUT;
	prepare_to_wait_exclusive(&port->snd_wait, &wait, TASK_INTERRUPTIBLE);
	mutex_unlock(&mk_lock);
	*timeout = schedule_timeout(*timeout);
	finish_wait(&port->snd_wait, &wait);
	mutex_lock(&mk_lock);
	if (signal_pending(current))
		mr = MACH_SEND_INTERRUPTED;
	else if ((option & MACH_SEND_TIMEOUT) && *timeout == 0)
		mr = MACH_SEND_TIMED_OUT;
	/* senders queue themselves under mk_lock, held here */
	if (mr && waitqueue_active(&port->snd_wait))
		wake_up_interruptible(&port->snd_wait);
	return mr;
}

/* Context: mk_lock held, under which senders queue themselves. */
static void wake_one_sender(struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	if (waitqueue_active(&port->snd_wait))	/* added under mk_lock */
		wake_up_interruptible(&port->snd_wait);
}

static bool queue_full(struct mk_port *port, struct mk_kmsg *kmsg)
{
	if (kmsg->dest.type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		return false;
	return port->msgcount >= port->qlimit ||
		port->msgbytes + kmsg->charge > port_byte_budget;
}

/*
 * Queue a user's message on @port, blocking while the queue is full
 * (MACH_SEND_TIMEOUT: for at most @timeout_ms).  On success the queue owns
 * @kmsg; on an error the caller still does.  The message's destination
 * right keeps the port alive meanwhile.  Context: mk_lock held, dropped
 * while waiting.
 */
kern_return_t mk_mqueue_send(struct mk_port *port, struct mk_kmsg *kmsg, u32 option,
			     u32 timeout_ms)
	__must_hold(&mk_lock)
{
	long timeout = (option & MACH_SEND_TIMEOUT) ?
		msecs_to_jiffies(timeout_ms) : MAX_SCHEDULE_TIMEOUT;
	bool waited = false;
	kern_return_t mr;

	lockdep_assert_held(&mk_lock);
	for (;;) {
		mr = MACH_MSG_SUCCESS;
		if (!port->active) {
			/* died after copyin: sent, then destroyed with it */
			mk_kmsg_destroy(kmsg);
			break;
		}
		/* send-once rights skip qlimit, not the byte budget */
		if (port->msgcount >= MACH_PORT_QLIMIT_KERNEL ||
		    kmsg->charge > port_byte_budget ||
		    (kmsg->dest.type == MACH_MSG_TYPE_PORT_SEND_ONCE &&
		     port->msgbytes + kmsg->charge > port_byte_budget)) {
			mr = MACH_SEND_NO_BUFFER;
			break;
		}
		/*
		 * mk_lock was dropped while we waited: a receive right this
		 * message carries may have become the only way to drain
		 * @port since msg_enqueue checked (XNU marks the right in
		 * transit at copyin; we look again before queueing).
		 */
		if (waited && mk_kmsg_is_circular(kmsg, port)) {
			mk_kmsg_destroy(kmsg);
			/* the slot we were woken for is the next sender's */
			if (port->msgcount < port->qlimit)
				wake_one_sender(port);
			break;
		}
		if (!queue_full(port, kmsg)) {
			/* hand-off only on the RPC path: see mqueue_handoff */
			mqueue_add(port, kmsg, option & MACH_RCV_MSG,
				   option & MACH_RCV_MSG);
			/* room left after a wait: the next sender's turn */
			if (waited && port->msgcount < port->qlimit)
				wake_one_sender(port);
			break;
		}
		mr = send_wait(port, option, &timeout);
		if (mr)
			break;
		waited = true;
	}
	return mr;
}

/* What a receive name denotes.  Context: mk_lock held. */
kern_return_t mk_mqueue_rcv_lookup(struct mk_space *space, u32 name,
				   struct mk_port **portp, struct mk_pset **psetp)
{
	struct mk_entry *entry = mk_entry_lookup(space, name);

	lockdep_assert_held(&mk_lock);
	*portp = NULL;
	*psetp = NULL;
	if (entry && (entry->bits & MACH_PORT_TYPE_RECEIVE))
		*portp = entry->port;
	else if (entry && (entry->bits & MACH_PORT_TYPE_PORT_SET))
		*psetp = entry->pset;
	else
		return MACH_RCV_INVALID_NAME;
	return MACH_MSG_SUCCESS;
}

static struct mk_port *rcv_ready(struct mk_port *port, struct mk_pset *pset)
{
	struct mk_psmember *m;

	if (port)
		return port->msgcount ? port : NULL;
	list_for_each_entry(m, &pset->members, set_node)
		if (m->port->msgcount)
			return m->port;
	return NULL;
}

/*
 * Sleep until a message may be there, or has been handed to us
 * (m->handed, which wins over a signal or the timeout: the message is
 * ours).  The caller holds a reference on what it waits on.  Context:
 * mk_lock held, dropped while asleep.
 */
static kern_return_t rcv_wait(struct rcv_waiter *rw, long *timeout)
	__must_hold(&mk_lock)
{
	wait_queue_head_t *wq = rw->want ? &rw->want->rcv_wait :
		&rw->pset->rcv_wait;

	lockdep_assert_held(&mk_lock);
	if ((rw->m->a.option & MACH_RCV_TIMEOUT) && *timeout == 0)
		return MACH_RCV_TIMED_OUT;
	init_wait_entry(&rw->wq, 0);
	rw->wq.func = rcv_wake;
	prepare_to_wait(wq, &rw->wq, TASK_INTERRUPTIBLE);
	mutex_unlock(&mk_lock);
	*timeout = schedule_timeout(*timeout);
	finish_wait(wq, &rw->wq);
	mutex_lock(&mk_lock);
	if (rw->m->handed)
		return MACH_MSG_SUCCESS;
	if (signal_pending(current))
		return MACH_RCV_INTERRUPTED;
	return MACH_MSG_SUCCESS;
}

/*
 * Wait for a message on @want or @pset, the receive name of @m
 * (MACH_RCV_TIMEOUT: for at most its timeout); *@portp: the port that has
 * one, or NULL when a sender handed us one and did the locked half of the
 * receive (m->handed).  Context: mk_lock held, dropped while asleep.
 */
kern_return_t mk_mqueue_rcv_find(struct msg_call *m, struct mk_space *space,
				 struct mk_port *want, struct mk_pset *pset,
				 struct mk_port **portp)
	__must_hold(&mk_lock)
{
	u32 option = m->a.option, name = m->a.rcv_name;
	long timeout = (option & MACH_RCV_TIMEOUT) ?
		msecs_to_jiffies(m->a.timeout) : MAX_SCHEDULE_TIMEOUT;
	struct rcv_waiter rw = {
		.m = m, .space = space, .want = want, .pset = pset,
	};
	bool held = false;
	kern_return_t mr;

	lockdep_assert_held(&mk_lock);
	for (;;) {
		mr = MACH_MSG_SUCCESS;
		*portp = rcv_ready(want, pset);
		if (*portp)
			break;
		/* keep what we wait on alive while mk_lock is dropped */
		if (!held) {
			if (want)
				mk_port_get(want);
			else
				kref_get(&pset->ref);
			held = true;
		}
		mr = rcv_wait(&rw, &timeout);
		if (mr || m->handed)
			break;
		/* the name must still denote what we were waiting on */
		mr = MACH_RCV_PORT_CHANGED;
		if ((want && (!want->active || want->receiver != space ||
			      want->receiver_name != name)) ||
		    (pset && (!pset->active || !mk_entry_lookup(space, name))))
			break;
		mr = MACH_RCV_TIMED_OUT;
		if (!rcv_ready(want, pset) && (option & MACH_RCV_TIMEOUT) &&
		    timeout == 0)
			break;
	}
	/* a port with a message here is still held by its receive right */
	if (held && want)
		mk_port_put(want);
	else if (held)
		mk_pset_put(pset);
	return mr;
}

/*
 * Take @kmsg, the first message, off @port's queue; the slot it frees is
 * the next sender's.  Context: mk_lock held.
 */
void mk_mqueue_dequeue(struct mk_port *port, struct mk_kmsg *kmsg)
{
	lockdep_assert_held(&mk_lock);
	list_del(&kmsg->node);
	port->msgcount--;
	port->msgbytes -= kmsg->charge;
	port->seqno++;
	mk_stats.msgs_received++;
	if (waitqueue_active(&port->snd_wait))	/* senders wait under mk_lock */
		wake_up_interruptible(&port->snd_wait);
}
