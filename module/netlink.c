// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: introspection over generic netlink, the family "mach"
 * (uapi/linux/mach_netlink.h is the contract): dumps of the task list and
 * of one task's IPC space, the module's statistics, and the multicast group
 * "events".  mach_msg stays on the ioctl.
 *
 * Dumps never hold mk_lock across the dump.  Each dumpit call fills one
 * message buffer under mk_lock and leaves a cursor in cb->ctx (the storage
 * behind cb->args): the next pid number for the task list, the next name
 * index for a space.  Long walks (free names, pids without a Mach task)
 * drop and retake the lock every MK_NL_BATCH steps.  So a dump costs one
 * message buffer at a time whatever the size of the space, and IPC never
 * waits on it for long.  A space dump holds a reference on its task, which
 * keeps the space allocated; a space torn down mid-dump ends the dump.
 *
 * Events are sent where things happen, under mk_lock in process context,
 * after genl_has_listeners() says someone listens.  They allocate with
 * GFP_NOWAIT so that a listener never makes IPC wait for reclaim; an event
 * that cannot be allocated is counted in MACH_NL_A_STAT_EVENTS_DROPPED.
 *
 * Locking: genl's mutex (held around our ops) -> mk_lock.  Events, sent
 * with mk_lock held, take nothing but what netlink_broadcast takes inside.
 */
#include <linux/cred.h>
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/mach_netlink.h>
#include "ipc.h"
#include "limits.h"

#define MK_NL_BATCH		256	/* walk steps between lock drops */
#define MK_NL_EVENT_SIZE	256	/* the largest event, with room */

enum { MK_NL_GRP_EVENTS };

static atomic_long_t mk_nl_dropped = ATOMIC_LONG_INIT(0);

/* A dump's cursor, in cb->ctx (zeroed by netlink when the dump starts). */
struct mk_nl_cursor {
	struct mk_task *task;	/* the one task dumped (a reference), or NULL */
	unsigned long next;	/* next pid number, or next name index */
	bool started;		/* the request has been checked */
	bool done;
};

/* Requests may carry MACH_NL_A_PID only; everything else is ours to send. */
#define MK_NL_REPLY_ONLY { .type = NLA_REJECT, \
	.reject_message = "attribute is only sent by the kernel" }

static const struct nla_policy mk_nl_policy[MACH_NL_A_MAX + 1] = {
	[MACH_NL_A_PAD]				= MK_NL_REPLY_ONLY,
	[MACH_NL_A_PID]				= NLA_POLICY_MIN(NLA_U32, 1),
	[MACH_NL_A_COMM ... MACH_NL_A_MAX]	= MK_NL_REPLY_ONLY,
};

static const struct genl_multicast_group mk_nl_mcgrps[] = {
	/* a multicast message cannot be filtered per listener on 6.1 */
	[MK_NL_GRP_EVENTS] = { .name = MACH_NL_MCGRP_EVENTS,
			       .flags = GENL_MCAST_CAP_SYS_ADMIN },
};

static struct genl_family mk_nl_family;

/*
 * Event subscribers (MACH_NL_CMD_SUBSCRIBE): each gets its own owner's
 * events by unicast; dropped when its socket closes.
 */
struct mk_nl_sub {
	struct list_head node;
	u32 portid;
	kuid_t uid;
	bool all;			/* CAP_SYS_ADMIN: every event */
};

static LIST_HEAD(mk_nl_subs);
static DEFINE_SPINLOCK(mk_nl_subs_lock);

/* ---- permissions ---- */

static bool owns(const struct cred *who, const struct cred *tcred)
{
	return uid_eq(who->euid, tcred->uid) && uid_eq(who->euid, tcred->euid) &&
	       uid_eq(who->euid, tcred->suid);
}

/*
 * May the sender of @skb inspect process @tsk?  Its own processes (the
 * socket's opener and the calling process both have, as effective uid, the
 * target's real, effective and saved uid), or with CAP_SYS_ADMIN, or with
 * CAP_SYS_PTRACE in the target's user namespace.  The capabilities are
 * checked netlink's way: for the socket's opener and the caller.
 */
static bool may_inspect(const struct sk_buff *skb, struct task_struct *tsk)
{
	const struct socket *sock = NETLINK_CB(skb).sk->sk_socket;
	const struct cred *tcred = get_task_cred(tsk);
	bool ok;

	ok = (sock && sock->file && owns(sock->file->f_cred, tcred) &&
	      owns(current_cred(), tcred)) ||
	     netlink_capable(skb, CAP_SYS_ADMIN) ||
	     netlink_ns_capable(skb, tcred->user_ns, CAP_SYS_PTRACE);
	put_cred(tcred);
	return ok;
}

/*
 * The Mach task of process @attr names (any of its threads), with a
 * reference, if the requester may inspect it.  Errors carry an extack
 * message pointing at the attribute.
 */
static int resolve_task(struct netlink_callback *cb, const struct nlattr *attr,
			struct mk_task **taskp)
{
	struct task_struct *tsk = NULL;
	struct mk_task *task = NULL;
	struct pid *pid;
	int err = 0;

	pid = find_get_pid(nla_get_u32(attr));
	if (pid)
		tsk = get_pid_task(pid, PIDTYPE_PID);
	put_pid(pid);
	if (!tsk || (tsk->flags & PF_KTHREAD)) {
		NL_SET_ERR_MSG_ATTR(cb->extack, attr, "no such process");
		err = -ESRCH;
		goto out;
	}
	if (!may_inspect(cb->skb, tsk)) {
		NL_SET_ERR_MSG_ATTR(cb->extack, attr,
				    "another user's process: needs CAP_SYS_ADMIN, or CAP_SYS_PTRACE over it");
		err = -EPERM;
		goto out;
	}
	rcu_read_lock();
	pid = get_pid(task_tgid(tsk));
	rcu_read_unlock();
	mutex_lock(&mk_lock);
	task = pid ? mk_task_find(pid) : NULL;
	if (task)
		kref_get(&task->ref);
	mutex_unlock(&mk_lock);
	put_pid(pid);
	if (!task) {
		NL_SET_ERR_MSG_ATTR(cb->extack, attr,
				    "process has no Mach task (it never used Mach)");
		err = -ENOENT;
		goto out;
	}
	*taskp = task;
out:
	if (tsk)
		put_task_struct(tsk);
	return err;
}

/*
 * Check a dump request, in the dump's first call: its attributes (genl
 * validated them against mk_nl_policy already) and the task it names.
 * This is not done in ->start because 6.1 gives ->start no extack; an
 * error here ends the dump before anything is sent, and NLMSG_DONE carries
 * the error and the message.
 */
static int dump_begin(struct netlink_callback *cb, bool need_pid)
{
	struct mk_nl_cursor *c = (void *)cb->ctx;
	struct nlattr *tb[MACH_NL_A_PID + 1];
	int err;

	err = nlmsg_parse(cb->nlh, GENL_HDRLEN, tb, MACH_NL_A_PID,
			  mk_nl_policy, cb->extack);
	if (err)
		return err;
	if (need_pid && NL_REQ_ATTR_CHECK(cb->extack, NULL, tb, MACH_NL_A_PID)) {
		NL_SET_ERR_MSG(cb->extack, "this dump needs MACH_NL_A_PID");
		return -EINVAL;
	}
	if (tb[MACH_NL_A_PID]) {
		err = resolve_task(cb, tb[MACH_NL_A_PID], &c->task);
		if (err)
			return err;
	}
	c->started = true;
	return 0;
}

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

static int put_kobject(struct sk_buff *skb, const struct mk_port *port,
		       struct pid_namespace *ns)
{
	struct mk_task *task = kobject_task(port);

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
		return put_kobject(skb, port, ns);
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
			list_count_nodes(&port->dnrequests)) ||
	    nla_put_u32(skb, MACH_NL_A_PSET_COUNT,
			list_count_nodes(&port->psets)))
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

static int entry_fill(struct sk_buff *skb, struct netlink_callback *cb,
		      struct mk_space *space, unsigned long idx,
		      const struct mk_entry *entry, bool first)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	struct entry_view v;
	void *hdr;

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
static int task_fill(struct sk_buff *skb, struct netlink_callback *cb,
		     struct mk_task *task, struct task_struct *tsk)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	char comm[TASK_COMM_LEN];
	struct space_counts n;
	void *hdr;

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

/*
 * Call @fn on each live Mach task whose pid number in @ns is *@nr or
 * above, in pid order, until it returns non-zero (then *@nr is the pid it
 * stopped at); returns that value, or 0 at the end with *@nr past the last
 * pid.  Context: mk_lock held; dropped and retaken every MK_NL_BATCH pids.
 */
static int walk_tasks(struct pid_namespace *ns, unsigned long *nr,
		      int (*fn)(struct mk_task *task, void *arg), void *arg)
{
	struct mk_task *task;
	unsigned int steps = 0;
	struct pid *pid;
	int ret = 0;

	for (;; (*nr)++) {
		rcu_read_lock();
		pid = find_ge_pid(*nr, ns);
		if (pid) {
			*nr = pid_nr_ns(pid, ns);
			get_pid(pid);
		}
		rcu_read_unlock();
		if (!pid)
			return 0;
		task = mk_task_find(pid);
		if (task && !task->dead)
			ret = fn(task, arg);
		put_pid(pid);
		if (ret)
			return ret;
		if (++steps % MK_NL_BATCH == 0) {
			mutex_unlock(&mk_lock);
			cond_resched();
			mutex_lock(&mk_lock);
		}
	}
}

/* ---- MACH_NL_CMD_GET_TASKS ---- */

struct tasks_walk {
	struct sk_buff *skb;
	struct netlink_callback *cb;
};

static int tasks_walk_one(struct mk_task *task, void *arg)
{
	struct tasks_walk *w = arg;
	struct task_struct *tsk = get_pid_task(task->pid, PIDTYPE_TGID);
	int err = 0;

	if (!tsk)
		return 0;
	if (may_inspect(w->cb->skb, tsk))
		err = task_fill(w->skb, w->cb, task, tsk);
	put_task_struct(tsk);
	return err;
}

static int tasks_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mk_nl_cursor *c = (void *)cb->ctx;
	struct tasks_walk w = { .skb = skb, .cb = cb };
	struct task_struct *tsk;
	int err;

	if (!c->started) {
		err = dump_begin(cb, false);
		if (err)
			return err;
		c->next = 1;
	}
	if (c->done)
		return 0;
	mutex_lock(&mk_lock);
	if (c->task) {
		/* permission was checked at start; a single task always fits */
		tsk = get_pid_task(c->task->pid, PIDTYPE_TGID);
		if (tsk && !c->task->dead)
			task_fill(skb, cb, c->task, tsk);
		if (tsk)
			put_task_struct(tsk);
		c->done = true;
	} else if (!walk_tasks(task_active_pid_ns(current), &c->next,
			       tasks_walk_one, &w)) {
		c->done = true;
	}
	mutex_unlock(&mk_lock);
	return skb->len;
}

static int nl_done(struct netlink_callback *cb)
{
	struct mk_nl_cursor *c = (void *)cb->ctx;

	if (c->task)
		mk_task_put(c->task);
	return 0;
}

/* ---- MACH_NL_CMD_GET_SPACE ---- */

static int space_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mk_nl_cursor *c = (void *)cb->ctx;
	unsigned int steps = 0;
	struct mk_space *space;
	struct mk_entry *entry;
	unsigned long idx;
	bool first = true;
	int err;

	if (!c->started) {
		err = dump_begin(cb, true);
		if (err)
			return err;
	}
	if (c->done)
		return 0;
	c->done = true;
	space = c->task->space;
	mutex_lock(&mk_lock);
	/* a destroyed space has an empty table: the walk just ends */
	xa_for_each_start(&space->names, idx, entry, c->next) {
		if (entry->bits) {
			if (entry_fill(skb, cb, space, idx, entry, first)) {
				c->next = idx;
				c->done = false;
				break;
			}
			first = false;
		}
		if (++steps % MK_NL_BATCH == 0) {
			/* entries are freed only with the table, under mk_lock */
			mutex_unlock(&mk_lock);
			cond_resched();
			mutex_lock(&mk_lock);
		}
	}
	mutex_unlock(&mk_lock);
	return skb->len;
}

/* ---- MACH_NL_CMD_GET_STATS ---- */

struct stats_snap {
	u64 tasks, suspended, holds;
};

static int stats_walk_one(struct mk_task *task, void *arg)
{
	struct stats_snap *s = arg;

	s->tasks++;
	if (task->user_stop_count > 0) {
		s->suspended++;
		s->holds += task->user_stop_count;
	}
	return 0;
}

static int put_stat(struct sk_buff *skb, int type, long v)
{
	return nla_put_u64_64bit(skb, type, v < 0 ? 0 : v, MACH_NL_A_PAD);
}

/* The limits and what is charged against them (limits.c). */
static int put_limits(struct sk_buff *skb)
{
	struct mk_limits_report r;

	mk_limits_report(&r);
	return nla_put_u64_64bit(skb, MACH_NL_A_STAT_USER_MAX_PORTS,
				 r.user_ports_max, MACH_NL_A_PAD) ||
		nla_put_u64_64bit(skb, MACH_NL_A_STAT_USER_MAX_MSG_BYTES,
				  r.user_msg_bytes_max, MACH_NL_A_PAD) ||
		nla_put_u64_64bit(skb, MACH_NL_A_STAT_GLOBAL_MAX_MSG_BYTES,
				  r.global_msg_bytes_max, MACH_NL_A_PAD) ||
		nla_put_u64_64bit(skb, MACH_NL_A_STAT_MSG_BYTES,
				  r.global_msg_bytes, MACH_NL_A_PAD) ||
		nla_put_u64_64bit(skb, MACH_NL_A_STAT_USERS, r.users,
				  MACH_NL_A_PAD) ||
		nla_put_u64_64bit(skb, MACH_NL_A_STAT_PORT_DENIALS,
				  r.port_denials, MACH_NL_A_PAD) ||
		nla_put_u64_64bit(skb, MACH_NL_A_STAT_MSG_DENIALS,
				  r.msg_denials, MACH_NL_A_PAD);
}

static int stats_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct stats_snap s = { 0 };
	unsigned long nr = 1;
	struct mk_stats st;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &mk_nl_family, 0,
				MACH_NL_CMD_GET_STATS);
	if (!hdr)
		goto nospace;
	mutex_lock(&mk_lock);
	walk_tasks(&init_pid_ns, &nr, stats_walk_one, &s);
	st = mk_stats;
	mutex_unlock(&mk_lock);
	if (put_stat(msg, MACH_NL_A_STAT_TASKS, s.tasks) ||
	    put_stat(msg, MACH_NL_A_STAT_SPACES, st.spaces) ||
	    put_stat(msg, MACH_NL_A_STAT_PORTS, st.ports) ||
	    put_stat(msg, MACH_NL_A_STAT_PSETS, st.psets) ||
	    put_stat(msg, MACH_NL_A_STAT_ENTRIES, st.entries) ||
	    put_stat(msg, MACH_NL_A_STAT_KMSGS, atomic_long_read(&st.kmsgs)) ||
	    put_stat(msg, MACH_NL_A_STAT_MSGS_SENT, st.msgs_sent) ||
	    put_stat(msg, MACH_NL_A_STAT_MSGS_RECEIVED, st.msgs_received) ||
	    put_stat(msg, MACH_NL_A_STAT_NOTIFICATIONS, st.notifications) ||
	    put_stat(msg, MACH_NL_A_STAT_SUSPENDED, s.suspended) ||
	    put_stat(msg, MACH_NL_A_STAT_SUSPENSIONS, s.holds) ||
	    put_stat(msg, MACH_NL_A_STAT_EVENTS_DROPPED,
		     atomic_long_read(&mk_nl_dropped)) ||
	    nla_put_u64_64bit(msg, MACH_NL_A_STAT_OOL_BYTES, st.ool_bytes,
			      MACH_NL_A_PAD) ||
	    put_limits(msg))
		goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* ---- subscriptions ---- */

static int subscribe_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mk_nl_sub *sub, *old;

	sub = kzalloc(sizeof(*sub), GFP_KERNEL);
	if (!sub)
		return -ENOMEM;
	sub->portid = info->snd_portid;
	sub->uid = current_euid();
	sub->all = netlink_capable(skb, CAP_SYS_ADMIN);
	spin_lock(&mk_nl_subs_lock);
	list_for_each_entry(old, &mk_nl_subs, node) {
		if (old->portid == sub->portid) {
			old->uid = sub->uid;
			old->all = sub->all;
			spin_unlock(&mk_nl_subs_lock);
			kfree(sub);
			return 0;
		}
	}
	list_add_tail(&sub->node, &mk_nl_subs);
	spin_unlock(&mk_nl_subs_lock);
	return 0;
}

static void unsubscribe_all(void)
{
	struct mk_nl_sub *sub, *tmp;

	list_for_each_entry_safe(sub, tmp, &mk_nl_subs, node) {
		list_del(&sub->node);
		kfree(sub);
	}
}

static void unsubscribe(u32 portid)
{
	struct mk_nl_sub *sub, *tmp;

	spin_lock(&mk_nl_subs_lock);
	list_for_each_entry_safe(sub, tmp, &mk_nl_subs, node) {
		if (sub->portid == portid) {
			list_del(&sub->node);
			kfree(sub);
		}
	}
	spin_unlock(&mk_nl_subs_lock);
}

/* A generic netlink socket closed: its subscription goes. */
static int mk_nl_release(struct notifier_block *nb, unsigned long event,
			 void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC)
		unsubscribe(n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block mk_nl_notifier = {
	.notifier_call = mk_nl_release,
};

/* ---- the family ---- */

static const struct genl_ops mk_nl_ops[] = {
	{
		.cmd	= MACH_NL_CMD_GET_TASKS,
		.dumpit	= tasks_dumpit,
		.done	= nl_done,
	},
	{
		.cmd	= MACH_NL_CMD_GET_SPACE,
		.dumpit	= space_dumpit,
		.done	= nl_done,
	},
	{
		.cmd	= MACH_NL_CMD_GET_STATS,
		.doit	= stats_doit,
	},
	{
		.cmd	= MACH_NL_CMD_SUBSCRIBE,
		.doit	= subscribe_doit,
	},
};

/* resv_start_op 0: every command is validated strictly against .policy */
static struct genl_family mk_nl_family __ro_after_init = {
	.name		= MACH_NL_FAMILY_NAME,
	.version	= MACH_NL_FAMILY_VERSION,
	.maxattr	= MACH_NL_A_MAX,
	.policy		= mk_nl_policy,
	.netnsok	= false,
	.module		= THIS_MODULE,
	.ops		= mk_nl_ops,
	.n_ops		= ARRAY_SIZE(mk_nl_ops),
	.mcgrps		= mk_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(mk_nl_mcgrps),
};

/* Registered before /dev/mach exists, so events always have a family. */
int mk_nl_init(void)
{
	int err = netlink_register_notifier(&mk_nl_notifier);

	if (err)
		return err;
	err = genl_register_family(&mk_nl_family);
	if (err)
		netlink_unregister_notifier(&mk_nl_notifier);
	return err;
}

/* Unregistered once no task is left to cause an event. */
void mk_nl_exit(void)
{
	genl_unregister_family(&mk_nl_family);
	netlink_unregister_notifier(&mk_nl_notifier);
	unsubscribe_all();
}

/* ---- events ---- */

static struct sk_buff *event_new(u8 cmd, void **hdr)
{
	struct sk_buff *skb;

	if (!genl_has_listeners(&mk_nl_family, &init_net, MK_NL_GRP_EVENTS) &&
	    list_empty(&mk_nl_subs))
		return NULL;
	skb = genlmsg_new(MK_NL_EVENT_SIZE, GFP_NOWAIT | __GFP_NOWARN);
	if (!skb)
		goto drop;
	*hdr = genlmsg_put(skb, 0, 0, &mk_nl_family, 0, cmd);
	if (*hdr && !nla_put_u64_64bit(skb, MACH_NL_A_TIMESTAMP,
				       ktime_get_real_ns(), MACH_NL_A_PAD))
		return skb;
	nlmsg_free(skb);
drop:
	atomic_long_inc(&mk_nl_dropped);
	return NULL;
}

/* A copy of the event to each subscriber it belongs to. */
static void event_unicast(struct sk_buff *skb, kuid_t owner)
{
	struct mk_nl_sub *sub;
	struct sk_buff *copy;

	spin_lock(&mk_nl_subs_lock);
	list_for_each_entry(sub, &mk_nl_subs, node) {
		if (!sub->all && !uid_eq(sub->uid, owner))
			continue;
		copy = skb_clone(skb, GFP_NOWAIT | __GFP_NOWARN);
		if (!copy || genlmsg_unicast(&init_net, copy, sub->portid))
			atomic_long_inc(&mk_nl_dropped);
	}
	spin_unlock(&mk_nl_subs_lock);
}

/* Send the event, or drop it if filling it in @failed. */
static void event_send(struct sk_buff *skb, void *hdr, bool failed,
		       kuid_t owner)
{
	if (failed) {
		nlmsg_free(skb);
		atomic_long_inc(&mk_nl_dropped);
		return;
	}
	genlmsg_end(skb, hdr);
	if (!list_empty(&mk_nl_subs))
		event_unicast(skb, owner);
	/* -ESRCH (the last listener just left) is no failure */
	genlmsg_multicast(&mk_nl_family, skb, 0, MK_NL_GRP_EVENTS,
			  GFP_NOWAIT | __GFP_NOWARN);
}

/* Whose event is it: the process's euid now, else the last one seen. */
static kuid_t task_owner(const struct mk_task *task)
{
	struct task_struct *tsk;
	kuid_t uid = task->owner;

	rcu_read_lock();
	tsk = pid_task(task->pid, PIDTYPE_TGID);
	if (tsk)
		uid = __task_cred(tsk)->euid;
	rcu_read_unlock();
	return uid;
}

static kuid_t event_owner(const struct mk_space *space)
{
	return space && space->task ? task_owner(space->task) : current_euid();
}

/* PID and COMM of the process @pid leads, as the initial namespace sees. */
static int put_process(struct sk_buff *skb, struct pid *pid)
{
	char comm[TASK_COMM_LEN] = "";
	struct task_struct *tsk;

	rcu_read_lock();
	tsk = pid_task(pid, PIDTYPE_TGID);
	if (tsk)
		get_task_comm(comm, tsk);
	rcu_read_unlock();
	if (nla_put_u32(skb, MACH_NL_A_PID, pid_nr(pid)))
		return -EMSGSIZE;
	return comm[0] ? nla_put_string(skb, MACH_NL_A_COMM, comm) : 0;
}

/* Who caused the event: the calling process, or 0 for a kernel thread. */
static int put_actor(struct sk_buff *skb)
{
	char comm[TASK_COMM_LEN];

	if (current->flags & PF_KTHREAD)
		return nla_put_u32(skb, MACH_NL_A_ACTOR_PID, 0);
	get_task_comm(comm, current);
	if (nla_put_u32(skb, MACH_NL_A_ACTOR_PID, task_tgid_nr(current)) ||
	    nla_put_string(skb, MACH_NL_A_ACTOR_COMM, comm))
		return -EMSGSIZE;
	return 0;
}

/* RECEIVER_PID: the process whose space @space is, if any. */
static int put_receiver(struct sk_buff *skb, const struct mk_space *space)
{
	if (!space || !space->task)
		return 0;
	return nla_put_u32(skb, MACH_NL_A_RECEIVER_PID, pid_nr(space->task->pid));
}

/**
 * mk_nl_event_hold() - a hold was placed on or released from @task
 * @task: the task; its counts are already updated
 * @suspended: true for a hold placed, false for one released
 *
 * Context: mk_lock held.
 */
void mk_nl_event_hold(struct mk_task *task, bool suspended)
{
	struct sk_buff *skb;
	void *hdr;

	skb = event_new(suspended ? MACH_NL_CMD_EV_SUSPENDED :
			MACH_NL_CMD_EV_RESUMED, &hdr);
	if (!skb)
		return;
	event_send(skb, hdr, put_process(skb, task->pid) || put_actor(skb) ||
		   nla_put_u32(skb, MACH_NL_A_TASK_USER_STOP,
			       task->user_stop_count) ||
		   nla_put_u32(skb, MACH_NL_A_TASK_LEGACY_STOP,
			       task->legacy_stop_count), task_owner(task));
}

/**
 * mk_nl_event_task_died() - @task's task port is about to die
 * @task: the task being torn down (process exit, or exec)
 *
 * Context: mk_lock held.
 */
void mk_nl_event_task_died(struct mk_task *task)
{
	struct sk_buff *skb;
	void *hdr;

	skb = event_new(MACH_NL_CMD_EV_TASK_DIED, &hdr);
	if (!skb)
		return;
	event_send(skb, hdr, put_process(skb, task->pid) || put_actor(skb) ||
		   (task->self &&
		    nla_put_u64_64bit(skb, MACH_NL_A_PORT_ID, task->self->id,
				      MACH_NL_A_PAD)), task_owner(task));
}

/**
 * mk_nl_event_port_destroyed() - @port died
 * @port: the port, already inactive
 * @owner: the space that held its receive right, or NULL (in transit)
 *
 * Context: mk_lock held.
 */
void mk_nl_event_port_destroyed(struct mk_port *port, struct mk_space *owner)
{
	struct sk_buff *skb;
	void *hdr;

	skb = event_new(MACH_NL_CMD_EV_PORT_DESTROYED, &hdr);
	if (!skb)
		return;
	event_send(skb, hdr,
		   nla_put_u64_64bit(skb, MACH_NL_A_PORT_ID, port->id,
				     MACH_NL_A_PAD) ||
		   put_receiver(skb, owner) ||
		   (port->kotype != MK_KOBJ_NONE &&
		    put_kobject(skb, port, &init_pid_ns)) ||
		   put_actor(skb), event_owner(owner));
}

/**
 * mk_nl_event_notify() - the kernel sends notification @id to @notify
 * @notify: the notification's destination port
 * @id: its msgh_id (MACH_NOTIFY_*)
 *
 * Context: mk_lock held.
 */
void mk_nl_event_notify(struct mk_port *notify, s32 id)
{
	struct sk_buff *skb;
	void *hdr;

	skb = event_new(MACH_NL_CMD_EV_NOTIFY, &hdr);
	if (!skb)
		return;
	event_send(skb, hdr, nla_put_u32(skb, MACH_NL_A_NOTIFY_ID, id) ||
		   nla_put_u64_64bit(skb, MACH_NL_A_PORT_ID, notify->id,
				     MACH_NL_A_PAD) ||
		   put_receiver(skb, notify->receiver) || put_actor(skb),
		   event_owner(notify->receiver));
}

/**
 * mk_nl_event_guard() - the calling process violated a port guard
 * @name: the port name it used
 * @code: the EXC_GUARD code (MK_GUARD_EXC_*)
 *
 * Context: the offending process, mk_lock held.
 */
void mk_nl_event_guard(u32 name, int code)
{
	struct sk_buff *skb;
	void *hdr;

	skb = event_new(MACH_NL_CMD_EV_GUARD, &hdr);
	if (!skb)
		return;
	event_send(skb, hdr, put_process(skb, task_tgid(current)) ||
		   nla_put_u32(skb, MACH_NL_A_NAME, name) ||
		   nla_put_u32(skb, MACH_NL_A_GUARD_CODE, code), current_euid());
}
