/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: the IPC objects (tasks, spaces, entries, ports, port sets,
 * messages) and the one lock that guards them.
 *
 * Locking (the only place the order is written down):
 *
 *   mk_lock (mutex)           all IPC state: every space's name table, every
 *                             port's rights counts, queue, requests and set
 *                             membership.  Taken by ioctls and by the exit
 *                             worker.  Never held across copy_to_user /
 *                             copy_from_user of message bodies, never held
 *                             while sleeping for a message or queue space.
 *                             Also guards the pid -> task table.
 *     -> wait-queue spinlocks (wake_up*, add/remove_wait_queue)
 *     -> mk_nl_subs_lock (spinlock, netlink.c: event subscribers)
 *     -> mk_users_lock (spinlock, limits.c: the uid table; also taken
 *        without mk_lock, nothing inside it)
 *     -> a semaphore's lock (spinlock, semaphore.c: its count and waiters;
 *        also taken without mk_lock; wake_up_process() inside it)
 *     -> xarray spinlocks (name tables, mk_held_tasks, mk_thread_tids;
 *        the tracepoint probes read the last two under RCU, no lock)
 *
 * Per-CPU: the page fragment cache messages are carved from (msg.c) is
 * taken with local_lock (preemption off), under mk_lock or with no lock
 * held, and nothing is taken inside it but the page allocator's own locks.
 *
 * One lock keeps the semantics easy to verify first; the state it guards is
 * grouped per space and per port so that it can be split later along those
 * lines (see Documentation/ports.rst, "Locking").
 *
 * Reference counting: ports, psets, spaces and tasks are refcounted with
 * kref; a name-table entry owns one port reference, a queued message owns
 * one reference per port right it carries.
 */
#ifndef _MACH_IPC_H
#define _MACH_IPC_H

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/xarray.h>
#include <linux/workqueue.h>
#include "mach_types.h"

extern struct mutex mk_lock;

struct mk_task;
struct mk_space;
struct mk_right;
struct mk_port;
struct mk_pset;
struct mk_kmsg;
struct mk_user;

/* What kind of kernel object a port stands for (0: a plain user port). */
enum mk_kobject_type {
	MK_KOBJ_NONE = 0,
	MK_KOBJ_TASK,
	MK_KOBJ_RESUME,			/* a task's suspension tokens */
	MK_KOBJ_THREAD,
	MK_KOBJ_TASK_NAME,		/* read-only: task_info, pid_for_task */
	MK_KOBJ_TASK_READ,		/* XNU's IKOT_TASK_READ: no control */
	MK_KOBJ_TASK_INSPECT,		/* XNU's IKOT_TASK_INSPECT: info only */
	MK_KOBJ_THREAD_READ,		/* XNU's IKOT_THREAD_READ */
	MK_KOBJ_THREAD_INSPECT,		/* XNU's IKOT_THREAD_INSPECT */
	MK_KOBJ_SEMAPHORE,		/* semaphore.c: kobject is the semaphore */
	MK_KOBJ_TIMER,			/* mk_timer.c: a receive right, queued */
	MK_KOBJ_HOST,			/* host.c: mach_host_self() */
	MK_KOBJ_HOST_PRIV,		/* reserved: host_priv */
	MK_KOBJ_CLOCK,			/* host.c: a clock service */
	MK_KOBJ_MEMORY_ENTRY,		/* memory_entry.c: XNU's named entry */
};

/* A registered dead-name request: fires a MACH_NOTIFY_DEAD_NAME. */
struct mk_dnrequest {
	struct list_head node;		/* on port->dnrequests */
	struct mk_space *space;		/* space naming the port (no ref) */
	u32 name;
	struct mk_port *notify;		/* send-once right (a port ref) */
	bool fired;			/* port died; notify already sent */
};

/* Membership of a port in a port set (a port may be in several). */
struct mk_psmember {
	struct list_head port_node;	/* on port->psets */
	struct list_head set_node;	/* on pset->members */
	struct mk_port *port;
	struct mk_pset *pset;
};

struct mk_port {
	struct kref ref;
	u8 kotype;			/* enum mk_kobject_type */
	bool active;
	bool guarded;
	bool strict_guard;
	u64 id;				/* stable, never reused */
	void *kobject;

	/* receive right: owning space and its name there, or in flight */
	struct mk_space *receiver;
	u32 receiver_name;
	/*
	 * In flight and queued: the port whose queue holds the message (XNU's
	 * ip_destination).  No reference: that message's destination right
	 * holds one for as long as this is set.
	 */
	struct mk_port *destination;

	u32 srights;			/* send rights anywhere (incl. in msgs) */
	u32 sorights;			/* send-once rights anywhere */
	u32 mscount;			/* make-send count */
	u32 seqno;
	u32 qlimit;
	u32 msgcount;
	u32 ns_sync;
	u64 context;
	size_t msgbytes;
	bool immovable_receive;

	struct list_head messages;	/* struct mk_kmsg, FIFO */
	wait_queue_head_t rcv_wait;	/* receivers on this port */
	wait_queue_head_t snd_wait;	/* senders waiting for queue room */

	struct mk_port *nsrequest;	/* send-once right for no-senders */
	struct mk_port *pdrequest;	/* send-once right for port-destroyed */
	struct list_head dnrequests;	/* struct mk_dnrequest */
	struct list_head psets;		/* struct mk_psmember */
	struct mk_user *user;		/* charged for it (limits.c) */
};

struct mk_pset {
	struct kref ref;
	bool active;
	struct mk_space *space;
	struct list_head members;	/* struct mk_psmember */
	wait_queue_head_t rcv_wait;
	struct mk_user *user;		/* charged for it (limits.c) */
};

/*
 * One name in a space.  Freed entries stay in the table with bits == 0,
 * keeping the generation the index last had, on the space's free list.
 */
struct mk_entry {
	u32 bits;			/* MACH_PORT_TYPE_* */
	u16 urefs;			/* send / dead-name user references */
	u8 gen;				/* low byte of the name */
	struct mk_port *port;		/* send, receive, send-once (a ref) */
	struct mk_pset *pset;		/* port set */
	union {
		struct mk_dnrequest *dnreq;	/* dead-name request on this name */
		struct {			/* bits == 0: on the free list */
			u32 next, prev;		/* indexes, 0 ends */
		} free;
	};
};

struct mk_space {
	struct kref ref;
	bool active;
	struct mk_task *task;		/* owner (no ref) */
	struct xarray names;		/* index -> struct mk_entry */
	struct xarray byport;		/* port id -> index, send/receive */
	u32 nr_entries;			/* names in use */
	/* freed entries, newest first (XNU reuses them the same way) */
	struct mk_entry *free_entry;
	u32 free_index;
};

/* in-flight rights: a port reference plus the right's count */
struct mk_right {
	struct mk_port *port;		/* NULL: MACH_PORT_NULL, or dead */
	u8 type;			/* MACH_MSG_TYPE_PORT_{RECEIVE,SEND,SEND_ONCE} */
	bool dead;			/* MACH_PORT_DEAD travels */
};

#define MK_TASK_SPECIAL_MAX 11

/* A Linux thread with a thread port (thread.c). */
struct mk_thread {
	struct list_head node;		/* on task->threads, under mk_lock */
	struct pid *pid;		/* the thread's own pid (a ref) */
	struct mk_port *port;		/* kobject port, NULL once dead */
	struct mk_port *read;		/* read port, on demand (kobject.c) */
	struct mk_port *inspect;	/* inspect port, on demand */
	struct mk_task *task;		/* owner, no ref */
	int user_stop_count;		/* thread_suspend holds */
	bool dead;
	struct mk_exc_actions *exc;	/* exception ports (exception.c) */
};

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
	 * (msg.c), and the credentials and session they were made from
	 * (references held).  Under mk_lock.
	 */
	const struct cred *token_cred;
	struct pid *token_sid;
	u32 sec_token[2];
	u32 audit_token[8];
	struct rcu_head rcu;		/* freed after RCU readers (probes) */

	/* special ports: send rights held for the task, inherited by fork */
	struct mk_right special[MK_TASK_SPECIAL_MAX + 1];
	struct mk_exc_actions *exc;	/* exception ports (exception.c) */
	struct hlist_node node;		/* in the pid hash, under mk_lock */
};

/* module statistics (under mk_lock) */
struct mk_stats {
	long spaces, ports, psets, entries;	/* under mk_lock */
	atomic_long_t kmsgs;			/* also counted outside it */
	long msgs_sent, msgs_received, notifications;	/* under mk_lock */
	u64 ool_bytes;				/* sent out of line, mk_lock */
};

extern struct mk_stats mk_stats;

/* name helpers */
static inline u32 mk_name_index(u32 name)
{
	return name >> 8;
}

static inline u32 mk_name_make(u32 index, u8 gen)
{
	return (index << 8) | gen;
}

static inline bool mk_name_valid(u32 name)
{
	return name != MACH_PORT_NULL && name != MACH_PORT_DEAD;
}

/* task.c */
int mk_task_init(void);
void mk_task_exit(void);
struct mk_task *mk_task_current(void);
void mk_task_put(struct mk_task *task);
struct mk_space *mk_space_from_task_name(struct mk_space *self,
					 u32 name);
int mk_task_self_name(struct mk_task *task, u32 *namep);
struct mk_task *mk_task_find(struct pid *pid);
void mk_task_queue_work(struct work_struct *work);
void mk_task_exit_current(void);
struct tracepoint;
struct tracepoint *mk_tracepoint_attach(const char *name, void *probe,
					const char *without);
int mk_task_for_pid(struct mk_task *caller, u32 target_tport, s32 nr,
		    u32 *namep);
int mk_pid_for_task(struct mk_task *caller, u32 name, s32 *pidp);
int mk_task_name_for_pid(struct mk_task *caller, u32 target_tport, s32 nr,
			 u32 *namep);
int mk_task_set_default_bootstrap(struct mk_task *caller, u32 name);
/* XNU's task flavors: what a task port's kind lets its holder do */
enum mk_task_flavor {
	MK_TASK_FLAVOR_CONTROL = 0,
	MK_TASK_FLAVOR_READ,
	MK_TASK_FLAVOR_INSPECT,
	MK_TASK_FLAVOR_NAME,
	MK_TASK_FLAVOR_NONE,		/* not a task port */
};

int mk_task_port_flavor(struct mk_port *port);
struct mk_space *mk_space_from_task_port(struct mk_space *self, u32 name,
					 int flavor);
struct mk_port *mk_task_flavor_port(struct mk_task *task, int flavor);
int mk_task_flavor_for_pid(struct mk_task *caller, u32 target_tport, s32 nr,
			   int flavor, u32 *namep);
int mk_space_init(void);
void mk_space_exit(void);
int mk_port_init(void);
void mk_port_exit(void);

/* space.c */
struct mk_space *mk_space_create(struct mk_task *task);
void mk_space_destroy(struct mk_space *space);
void mk_space_put(struct mk_space *space);

/*
 * Context: mk_lock held.  Returns NULL for a name not in use.  Inline: it
 * is on every message's path, often three times.
 */
static inline struct mk_entry *mk_entry_lookup(struct mk_space *space,
					       u32 name)
{
	struct mk_entry *entry;

	if (!space->active || !mk_name_valid(name))
		return NULL;
	entry = xa_load(&space->names, mk_name_index(name));
	if (!entry || !entry->bits || entry->gen != (u8)name)
		return NULL;
	return entry;
}

int mk_entry_alloc(struct mk_space *space, u32 *namep,
		   struct mk_entry **entryp);
int mk_entry_alloc_name(struct mk_space *space, u32 name,
			struct mk_entry **entryp);
void mk_entry_free(struct mk_space *space, u32 name,
		   struct mk_entry *entry);
struct mk_entry *mk_entry_by_port(struct mk_space *space, struct mk_port *port,
				  u32 *namep);
void mk_entry_link_port(struct mk_space *space, u32 name,
			struct mk_entry *entry);
void mk_entry_unlink_port(struct mk_space *space, struct mk_entry *entry);
bool mk_entry_make_dead(struct mk_space *space, u32 name,
			struct mk_entry *entry);

/*
 * Is the entry a dead name, turning a right on a dead port into one the
 * first time it is looked at?  The common answer, no, without a call.
 * Context: mk_lock held.
 */
static inline bool mk_entry_check_dead(struct mk_space *space, u32 name,
				       struct mk_entry *entry)
{
	if (entry->bits & MACH_PORT_TYPE_DEAD_NAME)
		return true;
	if (!entry->port || entry->port->active ||
	    (entry->bits & MACH_PORT_TYPE_RECEIVE))
		return false;
	return mk_entry_make_dead(space, name, entry);
}

/* port.c */
struct mk_port *mk_port_alloc(void);
void mk_port_get(struct mk_port *port);
void mk_port_put(struct mk_port *port);
void mk_port_destroy(struct mk_port *port);
void mk_port_release_send(struct mk_port *port);
void mk_port_release_sonce(struct mk_port *port);
void mk_port_make_send(struct mk_port *port);
void mk_port_make_sonce(struct mk_port *port);
void mk_port_make_send_right(struct mk_port *port, struct mk_right *r);
void mk_port_dnrequest_cancel(struct mk_dnrequest *req, bool notify_deleted);
void mk_port_set_qlimit(struct mk_port *port, u32 qlimit);
void mk_port_clear_receiver(struct mk_port *port);

/* pset.c */
struct mk_pset *mk_pset_alloc(struct mk_space *space);
void mk_pset_destroy(struct mk_pset *pset);
void mk_pset_put(struct mk_pset *pset);
bool mk_pset_has_member(struct mk_pset *pset, struct mk_port *port);
int mk_pset_add(struct mk_pset *pset, struct mk_port *port);
int mk_pset_remove(struct mk_pset *pset, struct mk_port *port);
void mk_pset_remove_all(struct mk_port *port);
void mk_pset_wake(struct mk_port *port, bool sync);

/* right.c */
int mk_right_dealloc(struct mk_space *space, u32 name);
int mk_right_destroy(struct mk_space *space, u32 name);
int mk_right_delta(struct mk_space *space, u32 name, u32 right, s32 delta);
void mk_right_drop_entry(struct mk_space *space, u32 name,
			 struct mk_entry *entry);

int mk_right_copyin(struct mk_space *space, u32 name, u32 disposition,
		    struct mk_right *out);
int mk_right_copyin_check(struct mk_space *space, u32 name, u32 disposition);
/* the same, for a caller that has looked @name up already (@entry or NULL) */
int mk_right_copyin_entry(struct mk_space *space, u32 name,
			  struct mk_entry *entry, u32 disposition,
			  struct mk_right *out);
int mk_right_copyin_check_entry(struct mk_space *space, u32 name,
				struct mk_entry *entry, u32 disposition);
int mk_right_copyout(struct mk_space *space, struct mk_right *r, u32 *namep);
int mk_right_copyout_name(struct mk_space *space, struct mk_right *r,
			  u32 name);
void mk_right_release(struct mk_right *r);
void mk_right_release_used(struct mk_right *r);

void mk_guard_violation(u32 name, int code);

/* notify.c */
void mk_notify_send_once(struct mk_port *notify);
void mk_notify_no_senders(struct mk_port *notify, u32 mscount);
void mk_notify_dead_name(struct mk_port *notify, u32 name);
void mk_notify_port_deleted(struct mk_port *notify, u32 name);
void mk_notify_port_destroyed(struct mk_port *notify, struct mk_port *port);

/* msg.c */
void mk_kmsg_enqueue(struct mk_port *port, struct mk_kmsg *kmsg);
void mk_kmsg_destroy(struct mk_kmsg *kmsg);
void mk_mqueue_destroy(struct mk_port *port);
long mk_msg_ioctl(void __user *uarg);

/* suspend.c */
int mk_task_suspend(struct mk_task *caller, struct mk_task *task);
int mk_task_resume(struct mk_task *caller, struct mk_task *task);
int mk_task_suspend2(struct mk_task *task, struct mk_right *token);
int mk_task_resume2(struct mk_task *task);
void mk_suspend_wait(struct mk_task *task);
void mk_resume_no_senders(struct mk_port *port);
void mk_resume_token_dropped(struct mk_port *port);
void mk_suspend_task_dead(struct mk_task *task);
bool mk_task_job_stopped(struct mk_task *task);
int mk_task_stop_holds(struct mk_task *task);
void mk_suspend_init(void);
void mk_suspend_exit(void);

/* thread.c */
struct mk_thread *mk_thread_of(struct mk_task *task, struct task_struct *t);
struct mk_thread *mk_thread_find(struct mk_task *task, struct task_struct *t);
void mk_threads_task_dead(struct mk_task *task);
void mk_threads_free(struct mk_task *task);
void mk_thread_watch_start(void);
void mk_thread_watch_stop(void);
int mk_thread_self_name(struct mk_task *task, u32 *namep);
int mk_thread_suspend(struct mk_thread *thr, struct task_struct *t);
int mk_thread_resume(struct mk_thread *thr);

/* kobject.c */
struct mk_kmsg;
struct mk_task *mk_kobject_server(struct mk_task *caller, struct mk_kmsg *req,
				  struct mk_thread **wait_thr);
void mk_thread_suspend_wait(struct mk_thread *thr);
void mk_thread_flavor_ports_kill(struct mk_thread *thr);

/* exception.c: exception ports and the delivery of CPU faults */
struct mk_exc_actions;
int mk_exc_task_serve(struct mk_task *task, struct mk_kmsg *req,
		      struct mk_kmsg **replyp);
int mk_exc_thread_serve(struct mk_thread *thr, struct mk_kmsg *req,
			struct mk_kmsg **replyp);
/* host_{set,get,swap}_exception_ports (414-416), for the host port */
int mk_exc_host_serve(struct mk_kmsg *req, struct mk_kmsg **replyp);
void mk_exc_inherit(struct mk_task *task, struct mk_task *from, bool exec);
void mk_exc_free(struct mk_exc_actions **exc);
void mk_exc_init(void);
void mk_exc_exit(void);
struct task_struct;
void mk_thread_state64_get(struct task_struct *t, u64 *s);
void mk_thread_state64_set(struct task_struct *t, const u64 *s);

/* debugfs.c */
void mk_debugfs_init(void);
void mk_debugfs_exit(void);

/* netlink.c: introspection; the events are sent under mk_lock */
int mk_nl_init(void);
void mk_nl_exit(void);
void mk_nl_event_hold(struct mk_task *task, bool suspended);
void mk_nl_event_task_died(struct mk_task *task);
void mk_nl_event_port_destroyed(struct mk_port *port, struct mk_space *owner);
void mk_nl_event_notify(struct mk_port *notify, s32 id);
void mk_nl_event_guard(u32 name, int code);

/* port_ops.c */
long mk_port_ioctl(unsigned int cmd, void __user *uarg);

#endif /* _MACH_IPC_H */
