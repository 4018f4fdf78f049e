// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: what one user may pin, as pipes (pipe-user-pages-soft/hard),
 * POSIX message queues (RLIMIT_MSGQUEUE) and inotify (max_user_watches)
 * bound it.
 *
 * - user_max_ports: ports and port sets one effective uid has made and not
 *   yet freed; beyond it mach_port_allocate gives KERN_NO_SPACE (XNU's
 *   answer for a full port space).
 * - user_max_msg_bytes: bytes of messages (inline, out-of-line memory and
 *   port arrays) a uid has sent that are not yet received or destroyed;
 *   beyond it the send gives MACH_SEND_NO_BUFFER.  The sender is charged,
 *   not the receive right's owner: it chose to allocate the memory, its
 *   memory cgroup already pays for the pages (__GFP_ACCOUNT), and charging
 *   the receiver would let any user use up a server's allowance and deny
 *   it to every other client.
 * - global_max_msg_bytes: all users' messages together, scaled from RAM at
 *   load; beyond it MACH_SEND_NO_BUFFER.
 *
 * CAP_SYS_RESOURCE passes the per-user limits (as it passes pipes'), not
 * the global one.  A limit set to 0 is no limit.
 *
 * The kernel's struct ucounts would be the natural home, but
 * inc_ucount()/inc_rlimit_ucounts() are not exported to modules on 6.1 or
 * 6.12; a small hash of our own keyed by kuid does the same.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/hashtable.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "mach_types.h"
#include "limits.h"

static unsigned long user_max_ports = 65536;
module_param(user_max_ports, ulong, 0644);
MODULE_PARM_DESC(user_max_ports, "Ports and port sets one uid may hold (KERN_NO_SPACE beyond; 0: no limit)");

static unsigned long user_max_msg_bytes;	/* set from RAM at load */
module_param(user_max_msg_bytes, ulong, 0644);
MODULE_PARM_DESC(user_max_msg_bytes, "Bytes of unreceived messages one uid may have sent (MACH_SEND_NO_BUFFER beyond; default RAM/8; 0: no limit)");

static unsigned long global_max_msg_bytes;	/* set from RAM at load */
module_param(global_max_msg_bytes, ulong, 0644);
MODULE_PARM_DESC(global_max_msg_bytes, "Bytes of unreceived messages of all users (MACH_SEND_NO_BUFFER beyond; default RAM/4; 0: no limit)");

static DEFINE_HASHTABLE(mk_users, 6);
static DEFINE_SPINLOCK(mk_users_lock);	/* the table; counters are atomic */
static atomic_long_t mk_global_msg_bytes = ATOMIC_LONG_INIT(0);
static atomic_long_t mk_nr_users = ATOMIC_LONG_INIT(0);
static atomic_long_t mk_port_denials = ATOMIC_LONG_INIT(0);
static atomic_long_t mk_msg_denials = ATOMIC_LONG_INIT(0);

int mk_limits_init(void)
{
	unsigned long ram = totalram_pages() << PAGE_SHIFT;

	if (!user_max_msg_bytes)
		user_max_msg_bytes = ram / 8;
	if (!global_max_msg_bytes)
		global_max_msg_bytes = ram / 4;
	return 0;
}

/* Context: module exit; nothing is charged any more. */
void mk_limits_exit(void)
{
	struct hlist_node *tmp;
	struct mk_user *u;
	int bkt;

	hash_for_each_safe(mk_users, bkt, tmp, u, node) {
		hash_del(&u->node);
		kfree(u);
	}
}

static struct mk_user *user_find(kuid_t uid)
{
	struct mk_user *u;

	hash_for_each_possible(mk_users, u, node, __kuid_val(uid))
		if (uid_eq(u->uid, uid))
			return u;
	return NULL;
}

/* The caller's effective uid's entry, made on first use; NULL: no memory. */
struct mk_user *mk_user_current(void)
{
	kuid_t uid = current_euid();
	struct mk_user *u, *n;

	spin_lock(&mk_users_lock);
	u = user_find(uid);
	spin_unlock(&mk_users_lock);
	if (u)
		return u;
	n = kzalloc(sizeof(*n), GFP_KERNEL_ACCOUNT);
	if (!n)
		return NULL;
	n->uid = uid;
	spin_lock(&mk_users_lock);
	u = user_find(uid);
	if (!u) {
		hash_add(mk_users, &n->node, __kuid_val(uid));
		atomic_long_inc(&mk_nr_users);
		u = n;
		n = NULL;
	}
	spin_unlock(&mk_users_lock);
	kfree(n);
	return u;
}

static bool over(atomic_long_t *count, long add, unsigned long max)
{
	return max && (unsigned long)atomic_long_read(count) + add > max;
}

/* Can the caller make one more port or port set?  KERN_NO_SPACE if not. */
kern_return_t mk_limit_port_check(void)
{
	struct mk_user *u = mk_user_current();

	if (!u)
		return KERN_RESOURCE_SHORTAGE;
	if (over(&u->ports, 1, READ_ONCE(user_max_ports)) &&
	    !capable(CAP_SYS_RESOURCE)) {
		atomic_long_inc(&mk_port_denials);
		return KERN_NO_SPACE;
	}
	return KERN_SUCCESS;
}

/*
 * Charge a new port or port set to the caller; false when over the limit
 * or out of memory.  *@userp: whom to uncharge when it is freed.
 */
bool mk_limit_charge_port(struct mk_user **userp)
{
	struct mk_user *u = mk_user_current();
	unsigned long max = READ_ONCE(user_max_ports);

	if (!u)
		return false;
	if (atomic_long_inc_return(&u->ports) > max && max &&
	    !capable(CAP_SYS_RESOURCE)) {
		atomic_long_dec(&u->ports);
		atomic_long_inc(&mk_port_denials);
		return false;
	}
	*userp = u;
	return true;
}

void mk_limit_uncharge_port(struct mk_user *user)
{
	if (user)
		atomic_long_dec(&user->ports);
}

/*
 * Charge @bytes of a message to @user: MACH_SEND_NO_BUFFER over the user's
 * or the global limit.  @caller: @user is the caller's (its capabilities
 * may pass the per-user limit); else the kernel charges someone else.
 * Context: any; no sleeping.
 */
kern_return_t mk_limit_charge_msg(struct mk_user *user, size_t bytes, bool caller)
{
	unsigned long umax = READ_ONCE(user_max_msg_bytes);
	unsigned long gmax = READ_ONCE(global_max_msg_bytes);
	long g = atomic_long_add_return(bytes, &mk_global_msg_bytes);
	long n = atomic_long_add_return(bytes, &user->msg_bytes);

	if ((gmax && (unsigned long)g > gmax) ||
	    (umax && (unsigned long)n > umax &&
	     (!caller || !capable(CAP_SYS_RESOURCE)))) {
		atomic_long_sub(bytes, &user->msg_bytes);
		atomic_long_sub(bytes, &mk_global_msg_bytes);
		atomic_long_inc(&mk_msg_denials);
		return MACH_SEND_NO_BUFFER;
	}
	return MACH_MSG_SUCCESS;
}

void mk_limit_uncharge_msg(struct mk_user *user, size_t bytes)
{
	if (!user)
		return;
	atomic_long_sub(bytes, &user->msg_bytes);
	atomic_long_sub(bytes, &mk_global_msg_bytes);
}

void mk_limits_report(struct mk_limits_report *r)
{
	r->user_ports_max = READ_ONCE(user_max_ports);
	r->user_msg_bytes_max = READ_ONCE(user_max_msg_bytes);
	r->global_msg_bytes_max = READ_ONCE(global_max_msg_bytes);
	r->global_msg_bytes = atomic_long_read(&mk_global_msg_bytes);
	r->users = atomic_long_read(&mk_nr_users);
	r->port_denials = atomic_long_read(&mk_port_denials);
	r->msg_denials = atomic_long_read(&mk_msg_denials);
}
