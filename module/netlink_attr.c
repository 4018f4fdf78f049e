// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the netlink family's attributes for one task, one name of a
 * space, one port (uapi/linux/mach_netlink.h has what each means), read
 * from the IPC state under mk_lock: what a name denotes as its next lookup
 * will see it, where a port's receive right is, its queue and counts, a
 * port set's members, a task's summary of its space.
 */
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <net/genetlink.h>
#include <linux/mach_netlink.h>
#include "locking.h"
#include "netlink_family.h"
#include "port.h"
#include "pset.h"
#include "space.h"
#include "suspend.h"
#include "task.h"

/* ---- reading the IPC state (all under mk_lock) ---- */

/* What a name denotes, as the next lookup will see it. */
struct entry_view {
	u32 bits;
	u32 urefs;
	struct mk_port *port;
};

/*
 * A send or send-once right to a dead port becomes a dead name at its next
 * lookup (mk_entry_check_dead()); show it that way without changing it.
 */
static void entry_view(const struct mk_entry *entry, struct entry_view *v)
{
	lockdep_assert_held(&mk_lock);
	v->bits = entry->bits;
	v->urefs = entry->urefs;
	v->port = entry->port;
	if (!v->bits)
		return;		/* a free entry (its dnreq room is the free list) */
	if (!v->port || v->port->active ||
	    !(v->bits & MACH_PORT_TYPE_SEND_RIGHTS) ||
	    (v->bits & MACH_PORT_TYPE_RECEIVE)) {
		if (entry->dnreq)
			v->bits |= MACH_PORT_TYPE_DNREQUEST;
		return;
	}
	if (!(v->bits & MACH_PORT_TYPE_SEND))
		v->urefs = 1;
	if (entry->dnreq && entry->dnreq->fired &&
	    v->urefs < MACH_PORT_UREFS_MAX)
		v->urefs++;
	v->bits = MACH_PORT_TYPE_DEAD_NAME;
	v->port = NULL;
}

struct space_counts {
	u32 names, send, receive, sonce, pset, dead, msgs;
	u64 bytes;
};

static void count_space(struct mk_space *space, struct space_counts *n)
{
	struct mk_entry *entry;
	struct entry_view v;
	unsigned long idx;

	lockdep_assert_held(&mk_lock);
	memset(n, 0, sizeof(*n));
	xa_for_each(&space->names, idx, entry) {
		entry_view(entry, &v);
		if (!v.bits)
			continue;
		n->names++;
		n->send += !!(v.bits & MACH_PORT_TYPE_SEND);
		n->sonce += !!(v.bits & MACH_PORT_TYPE_SEND_ONCE);
		n->pset += !!(v.bits & MACH_PORT_TYPE_PORT_SET);
		n->dead += !!(v.bits & MACH_PORT_TYPE_DEAD_NAME);
		if (v.bits & MACH_PORT_TYPE_RECEIVE) {
			n->receive++;
			n->msgs += v.port->msgcount;
			n->bytes += v.port->msgbytes;
		}
	}
}

static struct mk_task *kobject_task(const struct mk_port *port)
{
	switch (port->kotype) {
	case MK_KOBJ_TASK:
	case MK_KOBJ_RESUME:
		return port->kobject;
	default:
		return NULL;
	}
}

static u8 kobject_kind(const struct mk_port *port)
{
	switch (port->kotype) {
	case MK_KOBJ_TASK:
		return MACH_NL_KOBJECT_TASK;
	case MK_KOBJ_RESUME:
		return MACH_NL_KOBJECT_RESUME;
	default:
		return MACH_NL_KOBJECT_NONE;
	}
}

int mk_nl_put_kobject(struct sk_buff *skb, const struct mk_port *port,
		      struct pid_namespace *ns)
{
	struct mk_task *task = kobject_task(port);

	lockdep_assert_held(&mk_lock);
	if (nla_put_u8(skb, MACH_NL_A_KOBJECT, kobject_kind(port)))
		return -EMSGSIZE;
	if (task && nla_put_u32(skb, MACH_NL_A_KOBJECT_PID,
				pid_nr_ns(task->pid, ns)))
		return -EMSGSIZE;
	return 0;
}

/* Where the port's receive right is, and who holds it. */
static int put_port(struct sk_buff *skb, const struct mk_port *port,
		    struct pid_namespace *ns)
{
	u8 state;

	lockdep_assert_held(&mk_lock);
	if (!port->active)
		state = MACH_NL_PORT_DEAD;
	else if (port->kotype != MK_KOBJ_NONE &&
		 port->kotype != MK_KOBJ_TIMER)	/* a timer's right is a user's */
		state = MACH_NL_PORT_KERNEL;
	else if (port->receiver)
		state = MACH_NL_PORT_IN_SPACE;
	else
		state = MACH_NL_PORT_IN_TRANSIT;
	if (nla_put_u64_64bit(skb, MACH_NL_A_PORT_ID, port->id, MACH_NL_A_PAD) ||
	    nla_put_u8(skb, MACH_NL_A_PORT_STATE, state))
		return -EMSGSIZE;
	if (state == MACH_NL_PORT_KERNEL)
		return mk_nl_put_kobject(skb, port, ns);
	if (state == MACH_NL_PORT_IN_SPACE &&
	    nla_put_u32(skb, MACH_NL_A_RECEIVER_PID,
			pid_nr_ns(port->receiver->task->pid, ns)))
		return -EMSGSIZE;
	return 0;
}

/* The receive right's queue, counts and requested notifications. */
static int put_receive(struct sk_buff *skb, struct mk_port *port)
{
	u32 req = (port->nsrequest ? MACH_NL_REQ_NO_SENDERS : 0) |
		  (port->pdrequest ? MACH_NL_REQ_PORT_DESTROYED : 0);

	lockdep_assert_held(&mk_lock);
	if (nla_put_u32(skb, MACH_NL_A_QLIMIT, port->qlimit) ||
	    nla_put_u32(skb, MACH_NL_A_MSGCOUNT, port->msgcount) ||
	    nla_put_u64_64bit(skb, MACH_NL_A_MSGBYTES, port->msgbytes,
			      MACH_NL_A_PAD) ||
	    nla_put_u32(skb, MACH_NL_A_SEQNO, port->seqno) ||
	    nla_put_u32(skb, MACH_NL_A_MSCOUNT, port->mscount) ||
	    nla_put_u32(skb, MACH_NL_A_SRIGHTS, port->srights) ||
	    nla_put_u32(skb, MACH_NL_A_SORIGHTS, port->sorights) ||
	    nla_put_u32(skb, MACH_NL_A_REQUESTS, req) ||
	    nla_put_u32(skb, MACH_NL_A_DNREQUESTS,
			mk_hlist_count(&port->dnrequests)) ||
	    nla_put_u32(skb, MACH_NL_A_PSET_COUNT,
			mk_hlist_count(&port->psets)))
		return -EMSGSIZE;
	return 0;
}

/*
 * A port set's members by name.  A set too large for one message is listed
 * as far as it fits, but only as the first entry of a message (@first);
 * otherwise -EMSGSIZE moves it to the next message.
 */
static int put_members(struct sk_buff *skb, struct mk_pset *pset, bool first)
{
	u32 total = list_count_nodes(&pset->members), listed = 0;
	struct mk_psmember *m;
	struct nlattr *nest;

	lockdep_assert_held(&mk_lock);
	if (nla_put_u32(skb, MACH_NL_A_PSET_NMEMBERS, total))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, MACH_NL_A_PSET_MEMBERS);
	if (!nest)
		return -EMSGSIZE;
	list_for_each_entry(m, &pset->members, set_node) {
		if (nla_put_u32(skb, MACH_NL_A_NAME, m->port->receiver_name))
			break;
		listed++;
	}
	if (listed < total && !first) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

int mk_nl_entry_fill(struct sk_buff *skb, struct netlink_callback *cb,
		     struct mk_space *space, unsigned long idx,
		     const struct mk_entry *entry, bool first)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct entry_view v;
	void *hdr;

	lockdep_assert_held(&mk_lock);
	entry_view(entry, &v);
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &mk_nl_family, NLM_F_MULTI, MACH_NL_CMD_GET_SPACE);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, MACH_NL_A_PID, pid_nr_ns(space->task->pid, ns)) ||
	    nla_put_u32(skb, MACH_NL_A_NAME, mk_name_make(idx, entry->gen)) ||
	    nla_put_u32(skb, MACH_NL_A_TYPE, v.bits) ||
	    nla_put_u32(skb, MACH_NL_A_UREFS, v.urefs) ||
	    (v.port && put_port(skb, v.port, ns)) ||
	    ((v.bits & MACH_PORT_TYPE_RECEIVE) && put_receive(skb, v.port)) ||
	    ((v.bits & MACH_PORT_TYPE_PORT_SET) &&
	     put_members(skb, entry->pset, first))) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int put_counts(struct sk_buff *skb, const struct space_counts *n)
{
	if (nla_put_u32(skb, MACH_NL_A_TASK_NAMES, n->names) ||
	    nla_put_u32(skb, MACH_NL_A_TASK_SEND, n->send) ||
	    nla_put_u32(skb, MACH_NL_A_TASK_RECEIVE, n->receive) ||
	    nla_put_u32(skb, MACH_NL_A_TASK_SEND_ONCE, n->sonce) ||
	    nla_put_u32(skb, MACH_NL_A_TASK_PORT_SET, n->pset) ||
	    nla_put_u32(skb, MACH_NL_A_TASK_DEAD_NAME, n->dead) ||
	    nla_put_u32(skb, MACH_NL_A_TASK_MSGS, n->msgs) ||
	    nla_put_u64_64bit(skb, MACH_NL_A_TASK_BYTES, n->bytes,
			      MACH_NL_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/* One task's summary; @tsk is its (pinned) thread-group leader. */
int mk_nl_task_fill(struct sk_buff *skb, struct netlink_callback *cb,
		    struct mk_task *task, struct task_struct *tsk)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	char comm[TASK_COMM_LEN];
	struct space_counts n;
	void *hdr;

	lockdep_assert_held(&mk_lock);
	count_space(task->space, &n);
	get_task_comm(comm, tsk);
	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &mk_nl_family, NLM_F_MULTI, MACH_NL_CMD_GET_TASKS);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, MACH_NL_A_PID, pid_nr_ns(task->pid, ns)) ||
	    nla_put_string(skb, MACH_NL_A_COMM, comm) ||
	    nla_put_u32(skb, MACH_NL_A_TASK_USER_STOP, task->user_stop_count) ||
	    nla_put_u32(skb, MACH_NL_A_TASK_LEGACY_STOP,
			task->legacy_stop_count) ||
	    nla_put_u8(skb, MACH_NL_A_TASK_JOB_STOPPED,
		       mk_task_job_stopped(task)) ||
	    put_counts(skb, &n)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

