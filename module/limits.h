/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: per-user and global limits on what the module pins
 * (Documentation/security.rst).
 */
#ifndef _MACH_LIMITS_H
#define _MACH_LIMITS_H

#include <linux/atomic.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "kern_return.h"

/*
 * What one user (effective uid) holds: ports and port sets it made, and
 * bytes of messages it sent that are not yet freed.  Entries live until
 * module exit, so pointers to them need no reference.
 */
struct mk_user {
	struct hlist_node node;
	kuid_t uid;
	atomic_long_t ports;		/* ports and port sets */
	atomic_long_t msg_bytes;	/* queued and in-flight messages */
};

int mk_limits_init(void);
void mk_limits_exit(void);

struct mk_user *mk_user_current(void);
kern_return_t mk_limit_port_check(void);
bool mk_limit_charge_port(struct mk_user **userp);
void mk_limit_uncharge_port(struct mk_user *user);
kern_return_t mk_limit_charge_msg(struct mk_user *user, size_t bytes, bool caller);
void mk_limit_uncharge_msg(struct mk_user *user, size_t bytes);

/* for netlink: the limits and the global use */
struct mk_limits_report {
	u64 user_ports_max;
	u64 user_msg_bytes_max;
	u64 global_msg_bytes_max;
	u64 global_msg_bytes;
	u64 users;
	u64 port_denials;
	u64 msg_denials;
};

void mk_limits_report(struct mk_limits_report *r);

#endif /* _MACH_LIMITS_H */
