/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: introspection over generic netlink (netlink.c); the events
 * the rest of the module sends are netlink_event.c's.
 */
#ifndef _MACH_NETLINK_H
#define _MACH_NETLINK_H

#include <linux/types.h>

struct mk_task;
struct mk_port;
struct mk_space;

int mk_nl_init(void);
void mk_nl_exit(void);
/* the events are sent under mk_lock */
void mk_nl_event_hold(struct mk_task *task, bool suspended);
void mk_nl_event_task_died(struct mk_task *task);
void mk_nl_event_port_destroyed(struct mk_port *port, struct mk_space *owner);
void mk_nl_event_notify(struct mk_port *notify, s32 id);
void mk_nl_event_guard(u32 name, int code);

#endif /* _MACH_NETLINK_H */
