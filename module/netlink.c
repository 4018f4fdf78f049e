// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: introspection over generic netlink, the family "mach"
 * (uapi/linux/mach_netlink.h is the contract): dumps of the task list and
 * of one task's IPC space, the module's statistics, and the multicast group
 * "events".  mach_msg stays on the ioctl.  This file is the family: what
 * a request may carry, who may see what, the commands and their
 * registration; netlink_dump.c serves the commands, netlink_attr.c fills
 * their attributes, netlink_event.c sends the events.
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
#include <linux/sched/task.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <linux/mach_netlink.h>
#include "locking.h"
#include "netlink.h"
#include "netlink_family.h"
#include "task.h"

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
bool mk_nl_may_inspect(const struct sk_buff *skb, struct task_struct *tsk)
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
	if (!mk_nl_may_inspect(cb->skb, tsk)) {
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
int mk_nl_dump_begin(struct netlink_callback *cb, bool need_pid)
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

/* ---- the family ---- */

static const struct genl_ops mk_nl_ops[] = {
	{
		.cmd	= MACH_NL_CMD_GET_TASKS,
		.dumpit	= mk_nl_tasks_dumpit,
		.done	= mk_nl_dump_done,
	},
	{
		.cmd	= MACH_NL_CMD_GET_SPACE,
		.dumpit	= mk_nl_space_dumpit,
		.done	= mk_nl_dump_done,
	},
	{
		.cmd	= MACH_NL_CMD_GET_STATS,
		.doit	= mk_nl_stats_doit,
	},
	{
		.cmd	= MACH_NL_CMD_SUBSCRIBE,
		.doit	= mk_nl_subscribe_doit,
	},
};

/* resv_start_op 0: every command is validated strictly against .policy */
struct genl_family mk_nl_family __ro_after_init = {
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
	int err = mk_nl_subs_init();

	if (err)
		return err;
	err = genl_register_family(&mk_nl_family);
	if (err)
		mk_nl_subs_exit();
	return err;
}

/* Unregistered once no task is left to cause an event. */
void mk_nl_exit(void)
{
	genl_unregister_family(&mk_nl_family);
	mk_nl_subs_exit();
}
