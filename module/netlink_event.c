// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the netlink family's events, multicast to the group
 * "events" (CAP_SYS_ADMIN) and unicast to each subscriber
 * (MACH_NL_CMD_SUBSCRIBE) whose owner's they are.  They are sent where
 * things happen, under mk_lock in process context, once someone listens;
 * they allocate with GFP_NOWAIT so that a listener never makes IPC wait
 * for reclaim, and an event that cannot be allocated or delivered is
 * counted in MACH_NL_A_STAT_EVENTS_DROPPED.
 *
 * Locking: mk_lock -> mk_nl_subs_lock (locking.h has the order).
 */
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>
#include <linux/mach_netlink.h>
#include "locking.h"
#include "netlink.h"
#include "netlink_family.h"
#include "port.h"
#include "space.h"
#include "task.h"

#define MK_NL_EVENT_SIZE	256	/* the largest event, with room */

atomic_long_t mk_nl_dropped = ATOMIC_LONG_INIT(0);

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

/* ---- subscriptions ---- */

/* MACH_NL_CMD_SUBSCRIBE: the sender's socket gets its owner's events. */
int mk_nl_subscribe_doit(struct sk_buff *skb, struct genl_info *info)
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

/* Before the family is registered: a socket's close ends its subscription. */
int mk_nl_subs_init(void)
{
	return netlink_register_notifier(&mk_nl_notifier);
}

/* After the family is unregistered: no subscription can come any more. */
void mk_nl_subs_exit(void)
{
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

	lockdep_assert_held(&mk_lock);
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

	lockdep_assert_held(&mk_lock);
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

	lockdep_assert_held(&mk_lock);
	skb = event_new(MACH_NL_CMD_EV_PORT_DESTROYED, &hdr);
	if (!skb)
		return;
	event_send(skb, hdr,
		   nla_put_u64_64bit(skb, MACH_NL_A_PORT_ID, port->id,
				     MACH_NL_A_PAD) ||
		   put_receiver(skb, owner) ||
		   (port->kotype != MK_KOBJ_NONE &&
		    mk_nl_put_kobject(skb, port, &init_pid_ns)) ||
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

	lockdep_assert_held(&mk_lock);
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
