// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the netlink family's commands: the dumps of the task list
 * (MACH_NL_CMD_GET_TASKS) and of one task's space (MACH_NL_CMD_GET_SPACE),
 * and the statistics (MACH_NL_CMD_GET_STATS).  Each dumpit call fills one
 * message buffer under mk_lock and leaves its cursor in cb->ctx; long
 * walks drop and retake the lock every MK_NL_BATCH steps (netlink.c has
 * the whole story).
 */
#include <linux/pid_namespace.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <net/genetlink.h>
#include <linux/mach_netlink.h>
#include "limits.h"
#include "locking.h"
#include "netlink_family.h"
#include "space.h"
#include "stats.h"
#include "task.h"

#define MK_NL_BATCH		256	/* walk steps between lock drops */

/*
 * Call @fn on each live Mach task whose pid number in @ns is *@nr or
 * above, in pid order, until it returns non-zero (then *@nr is the pid it
 * stopped at); returns that value, or 0 at the end with *@nr past the last
 * pid.  Context: mk_lock held; dropped and retaken every MK_NL_BATCH pids.
 */
static int walk_tasks(struct pid_namespace *ns, unsigned long *nr,
		      int (*fn)(struct mk_task *task, void *arg), void *arg)
	__must_hold(&mk_lock)
{
	struct mk_task *task;
	unsigned int steps = 0;
	struct pid *pid;
	int ret = 0;

	lockdep_assert_held(&mk_lock);
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

	lockdep_assert_held(&mk_lock);
	if (!tsk)
		return 0;
	if (mk_nl_may_inspect(w->cb->skb, tsk))
		err = mk_nl_task_fill(w->skb, w->cb, task, tsk);
	put_task_struct(tsk);
	return err;
}

int mk_nl_tasks_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mk_nl_cursor *c = (void *)cb->ctx;
	struct tasks_walk w = { .skb = skb, .cb = cb };
	struct task_struct *tsk;
	int err;

	if (!c->started) {
		err = mk_nl_dump_begin(cb, false);
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
			mk_nl_task_fill(skb, cb, c->task, tsk);
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

int mk_nl_dump_done(struct netlink_callback *cb)
{
	struct mk_nl_cursor *c = (void *)cb->ctx;

	if (c->task)
		mk_task_put(c->task);
	return 0;
}

/* ---- MACH_NL_CMD_GET_SPACE ---- */

int mk_nl_space_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mk_nl_cursor *c = (void *)cb->ctx;
	unsigned int steps = 0;
	struct mk_space *space;
	struct mk_entry *entry;
	unsigned long idx;
	bool first = true;
	int err;

	if (!c->started) {
		err = mk_nl_dump_begin(cb, true);
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
			if (mk_nl_entry_fill(skb, cb, space, idx, entry, first)) {
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

	lockdep_assert_held(&mk_lock);
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

int mk_nl_stats_doit(struct sk_buff *skb, struct genl_info *info)
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

