// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: rights under names, and rights in flight.
 *
 * An entry holds one port reference whatever its rights.  The space holds
 * one send right (srights) for a name with MACH_PORT_TYPE_SEND however many
 * user references the name has; urefs saturate at MACH_PORT_UREFS_MAX and a
 * saturated count only changes by exactly -MACH_PORT_UREFS_MAX (XNU since
 * 10.12.2).  Rights in flight (struct mk_right) hold one port reference and
 * one right count each.
 */
#include <linux/sched/signal.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "locking.h"
#include "netlink.h"
#include "notify.h"
#include "port.h"
#include "pset.h"
#include "right.h"
#include "space.h"
#include "task.h"

static const char *guard_exc_name(int code)
{
	switch (code) {
	case MK_GUARD_EXC_DESTROY:
		return "destroy of a guarded receive right";
	case MK_GUARD_EXC_MOD_REFS:
		return "mod_refs on a guarded right";
	case MK_GUARD_EXC_SET_CONTEXT:
		return "set_context on a strictly guarded port";
	case MK_GUARD_EXC_UNGUARDED:
		return "unguard of an unguarded port";
	case MK_GUARD_EXC_INCORRECT_GUARD:
		return "incorrect guard value";
	case MK_GUARD_EXC_IMMOVABLE:
		return "move of an immovable receive right";
	default:
		return "guard violation";
	}
}

/*
 * XNU raises an always-fatal EXC_GUARD for these; Linux has no Mach
 * exception ports, so the offending process is killed with a log line.
 */
void mk_guard_violation(u32 name, int code)
{
	pr_warn_ratelimited("%s[%d]: EXC_GUARD %d (%s) on port name 0x%x, killed\n",
			    current->comm, task_tgid_nr(current), code,
			    guard_exc_name(code), name);
	mk_nl_event_guard(name, code);
	send_sig(SIGKILL, current, 1);
}

static void entry_cancel_dnreq(struct mk_entry *entry)
{
	if (entry->dnreq) {
		mk_port_dnrequest_cancel(entry->dnreq, true);
		entry->dnreq = NULL;
	}
}

/* Release whatever @entry holds and free the name.  Context: mk_lock held. */
void mk_right_drop_entry(struct mk_space *space, u32 name,
			 struct mk_entry *entry)
{
	struct mk_port *port;
	u32 bits;

	lockdep_assert_held(&mk_lock);
	mk_entry_check_dead(space, name, entry);
	bits = entry->bits;
	port = entry->port;
	entry_cancel_dnreq(entry);
	if (bits & MACH_PORT_TYPE_PORT_SET) {
		mk_pset_destroy(entry->pset);
		mk_pset_put(entry->pset);
	} else if (port) {
		if (bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE))
			mk_entry_unlink_port(space, entry);
		if (bits & MACH_PORT_TYPE_SEND)
			mk_port_release_send(port);
		if (bits & MACH_PORT_TYPE_RECEIVE)
			mk_port_destroy(port);
		if (bits & MACH_PORT_TYPE_SEND_ONCE)
			mk_port_release_sonce(port);
		mk_port_put(port);
	}
	mk_entry_free(space, name, entry);
}

/* mach_port_deallocate.  Context: mk_lock held. */
kern_return_t mk_right_dealloc(struct mk_space *space, u32 name)
{
	struct mk_entry *entry;
	struct mk_port *port;

	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(name))
		return KERN_SUCCESS;
	entry = mk_entry_lookup(space, name);
	if (!entry)
		return KERN_INVALID_NAME;
	mk_entry_check_dead(space, name, entry);
	port = entry->port;
	if (entry->bits & (MACH_PORT_TYPE_PORT_SET | MACH_PORT_TYPE_SEND_ONCE)) {
		mk_right_drop_entry(space, name, entry);
		return KERN_SUCCESS;
	}
	if (entry->bits & MACH_PORT_TYPE_DEAD_NAME) {
		if (entry->urefs == MACH_PORT_UREFS_MAX)
			return KERN_SUCCESS;
		if (--entry->urefs == 0)
			mk_entry_free(space, name, entry);
		return KERN_SUCCESS;
	}
	if (!(entry->bits & MACH_PORT_TYPE_SEND))
		return KERN_INVALID_RIGHT;
	if (entry->urefs == MACH_PORT_UREFS_MAX)
		return KERN_SUCCESS;
	if (--entry->urefs)
		return KERN_SUCCESS;
	/* last send reference */
	entry->bits &= ~MACH_PORT_TYPE_SEND;
	if (!(entry->bits & MACH_PORT_TYPE_RECEIVE)) {
		entry_cancel_dnreq(entry);
		mk_entry_unlink_port(space, entry);
		mk_entry_free(space, name, entry);
		mk_port_release_send(port);
		mk_port_put(port);
	} else {
		mk_port_release_send(port);
	}
	return KERN_SUCCESS;
}

/* mach_port_destroy.  Context: mk_lock held. */
kern_return_t mk_right_destroy(struct mk_space *space, u32 name)
{
	struct mk_entry *entry;

	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(name))
		return KERN_SUCCESS;
	entry = mk_entry_lookup(space, name);
	if (!entry)
		return KERN_INVALID_NAME;
	if ((entry->bits & MACH_PORT_TYPE_RECEIVE) && entry->port->guarded) {
		mk_guard_violation(name, MK_GUARD_EXC_DESTROY);
		return KERN_INVALID_RIGHT;
	}
	mk_right_drop_entry(space, name, entry);
	return KERN_SUCCESS;
}

/* urefs arithmetic shared by send and dead-name rights */
static kern_return_t urefs_delta(struct mk_entry *entry, s32 delta, u32 *out)
{
	s64 n;

	if (delta > (s32)MACH_PORT_UREFS_MAX || delta < -(s32)MACH_PORT_UREFS_MAX)
		return KERN_INVALID_VALUE;
	if (entry->urefs == MACH_PORT_UREFS_MAX) {
		/* pegged: only an exact -MAX moves it */
		*out = delta == -(s32)MACH_PORT_UREFS_MAX ? 0 : MACH_PORT_UREFS_MAX;
		return KERN_SUCCESS;
	}
	n = (s64)entry->urefs + delta;
	if (n < 0)
		return KERN_INVALID_VALUE;
	*out = n > MACH_PORT_UREFS_MAX ? MACH_PORT_UREFS_MAX : n;
	return KERN_SUCCESS;
}

static kern_return_t delta_receive(struct mk_space *space, u32 name,
				   struct mk_entry *entry, s32 delta)
{
	if (!(entry->bits & MACH_PORT_TYPE_RECEIVE))
		return KERN_INVALID_RIGHT;
	if (delta == 0)
		return KERN_SUCCESS;
	if (delta != -1)
		return KERN_INVALID_VALUE;
	if (entry->port->guarded) {
		mk_guard_violation(name, MK_GUARD_EXC_DESTROY);
		return KERN_INVALID_RIGHT;
	}
	entry->bits &= ~MACH_PORT_TYPE_RECEIVE;
	if (entry->bits & MACH_PORT_TYPE_SEND) {
		struct mk_port *port = entry->port;

		mk_port_get(port);
		mk_port_destroy(port);
		/* port-destroyed kept it alive: the send right stays valid */
		mk_entry_check_dead(space, name, entry);
		mk_port_put(port);
		return KERN_SUCCESS;
	}
	entry_cancel_dnreq(entry);
	mk_entry_unlink_port(space, entry);
	mk_port_destroy(entry->port);
	mk_port_put(entry->port);
	mk_entry_free(space, name, entry);
	return KERN_SUCCESS;
}

static kern_return_t delta_send(struct mk_space *space, u32 name,
				struct mk_entry *entry, s32 delta)
{
	u32 urefs;
	kern_return_t kr;

	if (!(entry->bits & MACH_PORT_TYPE_SEND))
		return KERN_INVALID_RIGHT;
	kr = urefs_delta(entry, delta, &urefs);
	if (kr || urefs)
		goto out;
	/* the last reference goes: drop the send right */
	entry->urefs = 0;
	entry->bits &= ~MACH_PORT_TYPE_SEND;
	mk_port_release_send(entry->port);
	if (!(entry->bits & MACH_PORT_TYPE_RECEIVE)) {
		entry_cancel_dnreq(entry);
		mk_entry_unlink_port(space, entry);
		mk_port_put(entry->port);
		mk_entry_free(space, name, entry);
	}
	return KERN_SUCCESS;
out:
	if (!kr)
		entry->urefs = urefs;
	return kr;
}

/* mach_port_mod_refs.  Context: mk_lock held. */
kern_return_t mk_right_delta(struct mk_space *space, u32 name, u32 right, s32 delta)
{
	struct mk_entry *entry;
	u32 urefs;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (right >= MACH_PORT_RIGHT_NUMBER)
		return KERN_INVALID_VALUE;
	if (!mk_name_valid(name))
		return (right == MACH_PORT_RIGHT_SEND ||
			right == MACH_PORT_RIGHT_SEND_ONCE) ?
			KERN_SUCCESS : KERN_INVALID_NAME;
	entry = mk_entry_lookup(space, name);
	if (!entry)
		return KERN_INVALID_NAME;
	mk_entry_check_dead(space, name, entry);

	switch (right) {
	case MACH_PORT_RIGHT_PORT_SET:
		if (!(entry->bits & MACH_PORT_TYPE_PORT_SET))
			return KERN_INVALID_RIGHT;
		if (delta == 0)
			return KERN_SUCCESS;
		if (delta != -1)
			return KERN_INVALID_VALUE;
		mk_right_drop_entry(space, name, entry);
		return KERN_SUCCESS;
	case MACH_PORT_RIGHT_RECEIVE:
		return delta_receive(space, name, entry, delta);
	case MACH_PORT_RIGHT_SEND_ONCE:
		if (!(entry->bits & MACH_PORT_TYPE_SEND_ONCE))
			return KERN_INVALID_RIGHT;
		if (delta == 0)
			return KERN_SUCCESS;
		if (delta != -1)
			return KERN_INVALID_VALUE;
		mk_right_drop_entry(space, name, entry);
		return KERN_SUCCESS;
	case MACH_PORT_RIGHT_DEAD_NAME:
		if (!(entry->bits & MACH_PORT_TYPE_DEAD_NAME))
			return KERN_INVALID_RIGHT;
		kr = urefs_delta(entry, delta, &urefs);
		if (kr)
			return kr;
		if (urefs == 0)
			mk_entry_free(space, name, entry);
		else
			entry->urefs = urefs;
		return KERN_SUCCESS;
	case MACH_PORT_RIGHT_SEND:
		return delta_send(space, name, entry, delta);
	default:	/* LABELH */
		return KERN_INVALID_RIGHT;
	}
}

/*
 * Would copying in (name, disposition) succeed?  Used to make header copyin
 * all-or-nothing.  Dead names are acceptable sources for the send
 * dispositions (the receiver gets MACH_PORT_DEAD).  @entry is what @name
 * looks up to (NULL: not in use); an entry freed since (bits 0) fails.
 */
kern_return_t mk_right_copyin_check_entry(struct mk_space *space, u32 name,
					  struct mk_entry *entry, u32 disposition)
{
	u32 bits;

	lockdep_assert_held(&mk_lock);
	if (!entry)
		return KERN_INVALID_NAME;
	mk_entry_check_dead(space, name, entry);
	bits = entry->bits;
	switch (disposition) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		if (!(bits & MACH_PORT_TYPE_RECEIVE))
			return KERN_INVALID_RIGHT;
		/*
		 * A guarded right moves, and arrives unguarded (XNU's
		 * ipc_right_copyin checks a guard only for a guarded
		 * descriptor; ipc_port_clear_receiver drops it)
		 */
		if (entry->port->immovable_receive)
			return KERN_INVALID_CAPABILITY;
		return KERN_SUCCESS;
	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MOVE_SEND:
		if (bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_DEAD_NAME))
			return KERN_SUCCESS;
		return KERN_INVALID_RIGHT;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		if (bits & (MACH_PORT_TYPE_SEND_ONCE | MACH_PORT_TYPE_DEAD_NAME))
			return KERN_SUCCESS;
		return KERN_INVALID_RIGHT;
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		if (bits & MACH_PORT_TYPE_RECEIVE)
			return KERN_SUCCESS;
		return KERN_INVALID_RIGHT;
	default:
		return KERN_INVALID_VALUE;
	}
}

kern_return_t mk_right_copyin_check(struct mk_space *space, u32 name, u32 disposition)
{
	lockdep_assert_held(&mk_lock);
	return mk_right_copyin_check_entry(space, name,
					   mk_entry_lookup(space, name),
					   disposition);
}

/*
 * A send or receive right left @entry for a message.  If the other right
 * stays, the moved one needs its own port reference; otherwise the entry's
 * reference moves with it and the name goes.
 */
static void entry_right_moved(struct mk_space *space, u32 name,
			      struct mk_entry *entry)
{
	if (entry->bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)) {
		mk_port_get(entry->port);
		return;
	}
	entry_cancel_dnreq(entry);
	mk_entry_unlink_port(space, entry);
	mk_entry_free(space, name, entry);
}

/*
 * The receive right leaves @entry for @out, whose port it is already.  A
 * moved receive right starts afresh, unguarded and movable (XNU's
 * ipc_port_clear_receiver); an armed no-senders request stays armed, as
 * current XNU keeps it.
 */
static void move_receive(struct mk_space *space, u32 name,
			 struct mk_entry *entry, struct mk_right *out)
{
	struct mk_port *port = entry->port;

	out->type = MACH_MSG_TYPE_PORT_RECEIVE;
	mk_port_clear_receiver(port);
	wake_up_all(&port->rcv_wait);
	entry->bits &= ~MACH_PORT_TYPE_RECEIVE;
	entry_right_moved(space, name, entry);
}

/* Take one dead-name uref for a right moved out of a dead name. */
static void copyin_dead(struct mk_space *space, u32 name,
			struct mk_entry *entry, u32 disposition,
			struct mk_right *out)
{
	out->port = NULL;
	out->dead = true;
	out->type = disposition == MACH_MSG_TYPE_MOVE_SEND_ONCE ?
		MACH_MSG_TYPE_PORT_SEND_ONCE : MACH_MSG_TYPE_PORT_SEND;
	if (disposition == MACH_MSG_TYPE_COPY_SEND ||
	    entry->urefs == MACH_PORT_UREFS_MAX)
		return;
	if (--entry->urefs == 0)
		mk_entry_free(space, name, entry);
}

/*
 * Take a right out of @space as a message or an extract_right would.
 * Longer than 60 lines: one case per disposition, each a few lines, in the
 * order of XNU's ipc_right_copyin; split, the dispatch would be repeated.
 * Context: mk_lock held.
 */
kern_return_t mk_right_copyin_entry(struct mk_space *space, u32 name,
				    struct mk_entry *entry, u32 disposition,
				    struct mk_right *out)
{
	struct mk_port *port;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_right_copyin_check_entry(space, name, entry, disposition);
	if (kr)
		return kr;
	port = entry->port;
	memset(out, 0, sizeof(*out));
	if (entry->bits & MACH_PORT_TYPE_DEAD_NAME) {
		copyin_dead(space, name, entry, disposition, out);
		return KERN_SUCCESS;
	}
	out->port = port;
	switch (disposition) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		move_receive(space, name, entry, out);
		break;
	case MACH_MSG_TYPE_COPY_SEND:
		out->type = MACH_MSG_TYPE_PORT_SEND;
		port->srights++;
		mk_port_get(port);
		break;
	case MACH_MSG_TYPE_MOVE_SEND:
		out->type = MACH_MSG_TYPE_PORT_SEND;
		if (entry->urefs == MACH_PORT_UREFS_MAX || entry->urefs > 1) {
			if (entry->urefs != MACH_PORT_UREFS_MAX)
				entry->urefs--;
			port->srights++;
			mk_port_get(port);
			break;
		}
		entry->urefs = 0;
		entry->bits &= ~MACH_PORT_TYPE_SEND;
		entry_right_moved(space, name, entry);
		break;
	case MACH_MSG_TYPE_MAKE_SEND:
		out->type = MACH_MSG_TYPE_PORT_SEND;
		mk_port_make_send(port);
		mk_port_get(port);
		break;
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		out->type = MACH_MSG_TYPE_PORT_SEND_ONCE;
		mk_port_make_sonce(port);
		mk_port_get(port);
		break;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		out->type = MACH_MSG_TYPE_PORT_SEND_ONCE;
		entry_cancel_dnreq(entry);
		mk_entry_free(space, name, entry);
		break;
	}
	return KERN_SUCCESS;
}

kern_return_t mk_right_copyin(struct mk_space *space, u32 name, u32 disposition,
			      struct mk_right *out)
{
	lockdep_assert_held(&mk_lock);
	return mk_right_copyin_entry(space, name, mk_entry_lookup(space, name),
				     disposition, out);
}

/*
 * The receive right of a guarded port descriptor (XNU's ipc_right_copyin,
 * MOVE_RECEIVE with guard flags, and ipc_right_copyin_check_guard_locked):
 * the name must hold a movable receive right, and the port must be
 * guarded with @context, or, with MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND,
 * unguarded and @context 0.  Any other guard is an incorrect guard, fatal
 * as in XNU.  The move unguards the port; *@flags gets UNGUARDED_ON_SEND,
 * which copyout takes off again when it guards the right for the
 * receiver.  Context: mk_lock held.
 */
kern_return_t mk_right_copyin_guarded(struct mk_space *space, u32 name,
				      u64 context, u16 *flags,
				      struct mk_right *out)
{
	struct mk_entry *entry;
	struct mk_port *port;

	lockdep_assert_held(&mk_lock);
	entry = mk_entry_lookup(space, name);
	if (!entry)
		return KERN_INVALID_NAME;
	mk_entry_check_dead(space, name, entry);
	if (!(entry->bits & MACH_PORT_TYPE_RECEIVE))
		return KERN_INVALID_RIGHT;
	port = entry->port;
	/* refused without killing, as for a port descriptor (ports.rst) */
	if (port->immovable_receive)
		return KERN_INVALID_CAPABILITY;
	if (!((*flags & MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND) &&
	      !port->guarded && !context) &&
	    !(port->guarded && port->context == context)) {
		mk_guard_violation(name, MK_GUARD_EXC_INCORRECT_GUARD);
		return KERN_INVALID_ARGUMENT;
	}
	memset(out, 0, sizeof(*out));
	out->port = port;
	move_receive(space, name, entry, out);
	*flags |= MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND;
	return KERN_SUCCESS;
}

/* Destroy a right in flight.  Context: mk_lock held. */
void mk_right_release(struct mk_right *r)
{
	struct mk_port *port = r->port;

	lockdep_assert_held(&mk_lock);
	if (!port)
		return;
	r->port = NULL;
	switch (r->type) {
	case MACH_MSG_TYPE_PORT_RECEIVE:
		mk_port_destroy(port);
		break;
	case MACH_MSG_TYPE_PORT_SEND:
		if (port->active)
			mk_port_release_send(port);
		else
			port->srights--;
		break;
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		mk_port_release_sonce(port);
		break;
	}
	mk_port_put(port);
}

/* A destination right consumed by delivery (no send-once notification). */
void mk_right_release_used(struct mk_right *r)
{
	struct mk_port *port = r->port;

	lockdep_assert_held(&mk_lock);
	if (!port)
		return;
	r->port = NULL;
	if (r->type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		port->sorights--;
	else if (port->active)
		mk_port_release_send(port);
	else
		port->srights--;
	mk_port_put(port);
}

/* Put @r into @entry, which already names r->port (or is fresh). */
static void install_right(struct mk_space *space, struct mk_right *r, u32 name,
			  struct mk_entry *entry)
{
	struct mk_port *port = r->port;

	if (!entry->bits) {
		entry->port = port;	/* the right's reference moves in */
		if (r->type != MACH_MSG_TYPE_PORT_SEND_ONCE)
			mk_entry_link_port(space, name, entry);
	} else {
		mk_port_put(port);	/* the entry already holds one */
	}
	switch (r->type) {
	case MACH_MSG_TYPE_PORT_RECEIVE:
		entry->bits |= MACH_PORT_TYPE_RECEIVE;
		port->receiver = space;
		port->receiver_name = name;
		port->destination = NULL;	/* no longer in transit */
		break;
	case MACH_MSG_TYPE_PORT_SEND:
		if (entry->bits & MACH_PORT_TYPE_SEND) {
			port->srights--;	/* coalesced into the name */
			if (entry->urefs < MACH_PORT_UREFS_MAX)
				entry->urefs++;
		} else {
			entry->bits |= MACH_PORT_TYPE_SEND;
			entry->urefs = 1;
		}
		break;
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		entry->bits |= MACH_PORT_TYPE_SEND_ONCE;
		entry->urefs = 1;
		break;
	}
	r->port = NULL;
}

/*
 * Install @r under a fresh name, or the name the space already has for its
 * port (send and receive coalesce; send-once never does).  Dead ports come
 * out as MACH_PORT_DEAD.  Context: mk_lock held.
 */
kern_return_t mk_right_copyout(struct mk_space *space, struct mk_right *r, u32 *namep)
{
	struct mk_port *port = r->port;
	struct mk_entry *entry;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (!port) {
		*namep = r->dead ? MACH_PORT_DEAD : MACH_PORT_NULL;
		return KERN_SUCCESS;
	}
	if (!port->active && r->type != MACH_MSG_TYPE_PORT_RECEIVE) {
		mk_right_release(r);
		*namep = MACH_PORT_DEAD;
		return KERN_SUCCESS;
	}
	entry = NULL;
	if (r->type != MACH_MSG_TYPE_PORT_SEND_ONCE)
		entry = mk_entry_by_port(space, port, namep);
	if (!entry) {
		kr = mk_entry_alloc(space, namep, &entry);
		if (kr)
			return kr;
	}
	install_right(space, r, *namep, entry);
	return KERN_SUCCESS;
}

/*
 * Install @r under the caller-chosen @name (mach_port_insert_right).
 * Context: mk_lock held.
 */
/* The checks of XNU's ipc_entry_alloc_name, in its order. */
static kern_return_t copyout_name_check(struct mk_space *space, u32 name)
{
	u32 idx = mk_name_index(name);
	struct mk_entry *entry;

	/* every 24-bit index fits: XNU's KERN_NO_SPACE cannot arise */
	if ((name & 3) != 3)		/* generation bits */
		return KERN_INVALID_VALUE;
	if (!idx)			/* index 0 is reserved */
		return KERN_FAILURE;
	if (!space->active)
		return KERN_INVALID_TASK;
	entry = xa_load(&space->names, idx);
	if (entry && entry->bits && entry->gen != (u8)name)
		return KERN_FAILURE;	/* in use under another generation */
	return KERN_SUCCESS;
}

kern_return_t mk_right_copyout_name(struct mk_space *space, struct mk_right *r,
				    u32 name)
{
	struct mk_port *port = r->port;
	struct mk_entry *entry, *other;
	u32 other_name;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	/*
	 * XNU's ipc_object_copyout_name: the name is checked first, as
	 * ipc_entry_alloc_name does (a name the table cannot hold, bad
	 * generation bits, index 0, an index in use under another
	 * generation), then the port, then another name for it.
	 */
	kr = copyout_name_check(space, name);
	if (kr)
		return kr;
	if (!port || (!port->active && r->type != MACH_MSG_TYPE_PORT_RECEIVE))
		return KERN_INVALID_CAPABILITY;
	if (r->type != MACH_MSG_TYPE_PORT_SEND_ONCE) {
		other = mk_entry_by_port(space, port, &other_name);
		if (other && other_name != name)
			return KERN_RIGHT_EXISTS;
	}
	entry = mk_entry_lookup(space, name);
	if (entry && (entry->port != port ||
		      r->type == MACH_MSG_TYPE_PORT_SEND_ONCE))
		return KERN_NAME_EXISTS;
	if (!entry) {
		kr = mk_entry_alloc_name(space, name, &entry);
		if (kr)
			return kr;
	}
	install_right(space, r, name, entry);
	return KERN_SUCCESS;
}
