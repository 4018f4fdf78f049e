/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: what the files of the netlink family share: the family
 * (netlink.c), its dump cursor, the attribute fillers (netlink_attr.c),
 * the commands (netlink_dump.c), the subscriptions and the count of
 * dropped events (netlink_event.c).  netlink.h is what the rest of the
 * module calls.
 */
#ifndef _MACH_NETLINK_FAMILY_H
#define _MACH_NETLINK_FAMILY_H

#include <linux/atomic.h>
#include <linux/types.h>
#include <net/genetlink.h>

struct mk_entry;
struct mk_pset;
struct mk_port;
struct mk_space;
struct mk_task;
struct pid_namespace;
struct task_struct;

enum { MK_NL_GRP_EVENTS };

extern struct genl_family mk_nl_family;
extern atomic_long_t mk_nl_dropped;

/* A dump's cursor, in cb->ctx (zeroed by netlink when the dump starts). */
struct mk_nl_cursor {
	struct mk_task *task;	/* the one task dumped (a reference), or NULL */
	unsigned long next;	/* next pid number, or next name index */
	bool started;		/* the request has been checked */
	bool done;
};

/* netlink.c: who may see what, and a dump request's checks */
bool mk_nl_may_inspect(const struct sk_buff *skb, struct task_struct *tsk);
int mk_nl_dump_begin(struct netlink_callback *cb, bool need_pid);

/* netlink_attr.c: one message or attribute each; mk_lock held */
int mk_nl_put_kobject(struct sk_buff *skb, const struct mk_port *port,
		      struct pid_namespace *ns);
int mk_nl_entry_fill(struct sk_buff *skb, struct netlink_callback *cb,
		     struct mk_space *space, unsigned long idx,
		     const struct mk_entry *entry, bool first);
int mk_nl_task_fill(struct sk_buff *skb, struct netlink_callback *cb,
		    struct mk_task *task, struct task_struct *tsk);

/* netlink_dump.c: the commands */
int mk_nl_tasks_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int mk_nl_space_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int mk_nl_dump_done(struct netlink_callback *cb);
int mk_nl_stats_doit(struct sk_buff *skb, struct genl_info *info);

/* netlink_event.c: the subscriptions */
int mk_nl_subscribe_doit(struct sk_buff *skb, struct genl_info *info);
int mk_nl_subs_init(void);
void mk_nl_subs_exit(void);

#endif /* _MACH_NETLINK_FAMILY_H */
