/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: Mach tasks (task.c): one per Linux process that opened the
 * device, found by pid; its space, its kernel-object ports and special
 * ports.  Suspension is in suspend.h, threads in thread.h.
 */
#ifndef _MACH_TASK_H
#define _MACH_TASK_H

#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include "kern_return.h"
#include "right.h"
#include "task_policy.h"

struct cred;
struct pid;
struct mk_space;
struct mk_port;
struct mk_exc_actions;
struct tracepoint;

#define MK_TASK_SPECIAL_MAX 11

struct mk_task {
	struct kref ref;
	struct pid *pid;		/* thread-group pid (a ref) */
	u64 exec_id;			/* self_exec_id the space belongs to */
	kuid_t owner;			/* euid last seen: whose events */
	struct mk_space *space;
	struct mk_port *self;		/* the task port (kobject) */
	bool dead;
	bool watching;			/* exit_wait is on pid->wait_pidfd */
	struct wait_queue_entry exit_wait;	/* on pid->wait_pidfd */
	struct work_struct exit_work;

	/* suspension (suspend.c): XNU's counters are the canonical state */
	int user_stop_count;
	int legacy_stop_count;
	struct mk_port *resume;		/* kobject port, created on demand */
	struct mk_port *name;		/* task name port, on demand */
	struct mk_port *read;		/* task read port, on demand */
	struct mk_port *inspect;	/* task inspect port, on demand */
	wait_queue_head_t park_wq;	/* parked threads, TASK_STOPPED */
	wait_queue_head_t stopped_wq;	/* suspenders waiting for quiet */
	atomic_t parked;
	atomic_t repark;		/* a new thread went unparked (suspend.c) */

	struct list_head threads;	/* struct mk_thread, under mk_lock */
	struct list_head semaphores;	/* semaphore.c: made for it, mk_lock */

	/*
	 * The trailer's sender tokens, as of the last message sent
	 * (msg_copyin.c), and the credentials and session they were made
	 * from (references held).  Under mk_lock.
	 */
	const struct cred *token_cred;
	struct pid *token_sid;
	u32 sec_token[2];
	struct mk_task_policy policy;	/* task_policy_set (task_policy.c) */
	u32 audit_token[8];
	struct rcu_head rcu;		/* freed after RCU readers (probes) */

	/* special ports: send rights held for the task, inherited by fork */
	struct mk_right special[MK_TASK_SPECIAL_MAX + 1];
	struct mk_exc_actions *exc;	/* exception ports (exception.c) */
	struct hlist_node node;		/* in the pid hash, under mk_lock */
};

/* XNU's task flavors: what a task port's kind lets its holder do */
enum mk_task_flavor {
	MK_TASK_FLAVOR_CONTROL = 0,
	MK_TASK_FLAVOR_READ,
	MK_TASK_FLAVOR_INSPECT,
	MK_TASK_FLAVOR_NAME,
	MK_TASK_FLAVOR_NONE,		/* not a task port */
};

int mk_task_init(void);
void mk_task_exit(void);
struct mk_task *mk_task_current(void);
void mk_task_put(struct mk_task *task);
struct mk_task *mk_task_find(struct pid *pid);
void mk_task_queue_work(struct work_struct *work);
void mk_task_exit_current(void);
struct tracepoint *mk_tracepoint_attach(const char *name, void *probe,
					const char *without);
kern_return_t mk_task_self_name(struct mk_task *task, u32 *namep);
struct mk_space *mk_space_from_task_name(struct mk_space *self,
					 u32 name);
struct mk_space *mk_space_from_task_port(struct mk_space *self, u32 name,
					 int flavor);
int mk_task_port_flavor(struct mk_port *port);
struct mk_port *mk_task_flavor_port(struct mk_task *task, int flavor);
kern_return_t mk_task_for_pid(struct mk_task *caller, u32 target_tport, s32 nr,
			      u32 *namep);
kern_return_t mk_pid_for_task(struct mk_task *caller, u32 name, s32 *pidp);
kern_return_t mk_task_name_for_pid(struct mk_task *caller, u32 target_tport, s32 nr,
				   u32 *namep);
kern_return_t mk_task_flavor_for_pid(struct mk_task *caller, u32 target_tport, s32 nr,
				     int flavor, u32 *namep);
bool mk_task_port_allowed(struct mk_task *task, int flavor);
int mk_task_for_each(int (*fn)(struct mk_task *task, void *arg), void *arg);
kern_return_t mk_task_set_default_bootstrap(struct mk_task *caller, u32 name);
struct task_struct;
bool mk_task_flavor_allowed(struct task_struct *tsk, int flavor);

/* task_info.c */
struct mk_kmsg;
kern_return_t mk_task_info(struct mk_task *task, struct mk_kmsg *req,
			   struct mk_kmsg **replyp);

#endif /* _MACH_TASK_H */
