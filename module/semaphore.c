// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: Mach semaphores, after XNU's osfmk/kern/sync_sema.c.
 *
 * A semaphore is a kernel object named by a port (MK_KOBJ_SEMAPHORE) that
 * only the kernel receives on.  semaphore_create and semaphore_destroy are
 * MIG routines on the task port (ids 3418, 3419) served by kobject.c; the
 * other calls are XNU traps, here two ioctls that translate the names under
 * mk_lock, take a reference and then work under the semaphore's own
 * spinlock, with no message.
 *
 * Lifetime, as XNU's: the port holds the reference the semaphore is born
 * with and gives it up when its last send right goes (no-senders); waiters
 * hold their own.  The task the semaphore was made for keeps it on its
 * list without a reference; semaphore_destroy, or that task's death,
 * deactivates it: waiters wake with KERN_TERMINATED and every later call
 * gets KERN_TERMINATED, while the port lives on until its senders go.
 *
 * Locking: mk_lock -> sema->lock (a spinlock: count, active, waiters).
 * wake_up_process() runs under sema->lock; a waiter takes sema->lock before
 * its on-stack entry goes, so a waker never touches a freed entry.
 */
#include <linux/hrtimer.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/mach_dev.h>
#include "kmsg.h"
#include "kobject.h"
#include "limits.h"
#include "locking.h"
#include "mig_ids.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "sync.h"
#include "task.h"
#include "thread.h"

/* the policies semaphore_create accepts */
#define MK_SYNC_POLICY_USER_MASK	0x7	/* FIFO | LIFO | PREPOST */

/* internal results, never returned to user space */
#define SEMA_QUEUED		__MACH_KR(-1)	/* XNU's KERN_ALREADY_WAITING */
#define SEMA_RESTART		__MACH_KR(-2)	/* interrupted: restart or abort */

struct mk_sema {
	struct kref ref;
	spinlock_t lock;		/* count, active, waiters */
	int count;			/* >= 0; waiters only when 0 */
	bool active;
	bool lifo;			/* SYNC_POLICY_LIFO: newest first */
	struct list_head waiters;	/* struct sema_waiter, wake order */
	struct mk_task *owner;		/* mk_lock; NULL once destroyed */
	struct list_head task_node;	/* on owner->semaphores, mk_lock */
};

enum { W_WAITING, W_AWAKENED, W_TERMINATED };

struct sema_waiter {
	struct list_head node;
	struct task_struct *task;
	struct pid *pid;		/* for signal_thread */
	int state;
};

/* signal options, XNU's SEMAPHORE_SIGNAL_* */
#define SIG_PREPOST		0x1
#define SIG_ALL			0x2

static atomic_long_t mk_nr_semas = ATOMIC_LONG_INIT(0);

/* Context: mk_lock held; the last reference is gone. */
static void sema_release(struct kref *ref)
{
	struct mk_sema *s = container_of(ref, struct mk_sema, ref);

	lockdep_assert_held(&mk_lock);
	if (s->owner)
		list_del(&s->task_node);
	atomic_long_dec(&mk_nr_semas);
	kfree(s);
}

static void sema_put_locked(struct mk_sema *s)
{
	lockdep_assert_held(&mk_lock);
	kref_put(&s->ref, sema_release);
}

/* Drop a reference without mk_lock; takes it for the last one. */
static void sema_put(struct mk_sema *s)
{
	if (s && kref_put_mutex(&s->ref, sema_release, &mk_lock))
		mutex_unlock(&mk_lock);
}

/* Context: @s->lock held. */
static void wake_waiter(struct mk_sema *s, struct sema_waiter *w, int state)
{
	lockdep_assert_held(&s->lock);
	list_del_init(&w->node);
	WRITE_ONCE(w->state, state);
	wake_up_process(w->task);
}

/*
 * Deactivate @s: off its task's list, every waiter woken with
 * KERN_TERMINATED (XNU's semaphore_destroy_internal).  Context: mk_lock.
 */
static void sema_deactivate(struct mk_sema *s)
{
	struct sema_waiter *w, *tmp;

	lockdep_assert_held(&mk_lock);
	if (s->owner) {
		list_del_init(&s->task_node);
		s->owner = NULL;
	}
	spin_lock(&s->lock);
	s->active = false;
	s->count = 0;
	list_for_each_entry_safe(w, tmp, &s->waiters, node)
		wake_waiter(s, w, W_TERMINATED);
	spin_unlock(&s->lock);
}

/* ---- the MIG routines on the task port ---- */

struct sema_create_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 policy;
	s32 value;
} __packed;

struct sema_port_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc port;
} __packed;

struct sema_destroy_request {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc port;
} __packed;

/*
 * semaphore_create(task, out semaphore, policy, value), XNU's checks: a
 * negative value or an unknown policy bit is KERN_INVALID_ARGUMENT.  The
 * port counts against the caller's port limit (limits.c).
 * Context: mk_lock held.
 */
kern_return_t mk_semaphore_create_mig(struct mk_task *task, struct mk_kmsg *req,
				      struct mk_kmsg **replyp)
{
	struct sema_create_request *rq = (void *)req->data;
	struct mk_right r = { 0 };
	struct sema_port_reply *rp;
	struct mk_kmsg *reply;
	struct mk_port *port;
	struct mk_sema *s;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(*rq) || req->ndesc)
		return MIG_BAD_ARGUMENTS;
	if (rq->value < 0 || (rq->policy & ~MK_SYNC_POLICY_USER_MASK))
		return KERN_INVALID_ARGUMENT;
	if (task->dead)
		return KERN_INVALID_TASK;
	kr = mk_limit_port_check();
	if (kr)
		return kr;
	reply = mk_mig_reply_alloc(req, sizeof(*rp), 1);
	if (!reply)
		return KERN_RESOURCE_SHORTAGE;
	s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);
	port = s ? mk_port_alloc() : NULL;
	if (!port) {
		kfree(s);
		mk_kmsg_destroy(reply);
		return KERN_RESOURCE_SHORTAGE;
	}
	kref_init(&s->ref);		/* the port's */
	spin_lock_init(&s->lock);
	INIT_LIST_HEAD(&s->waiters);
	s->count = rq->value;
	s->active = true;
	s->lifo = rq->policy & SYNC_POLICY_REVERSED;
	s->owner = task;
	list_add(&s->task_node, &task->semaphores);
	atomic_long_inc(&mk_nr_semas);
	port->kotype = MK_KOBJ_SEMAPHORE;
	port->kobject = s;		/* the port's allocation reference stays */

	rp = (void *)reply->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->port.type = MACH_MSG_PORT_DESCRIPTOR;
	rp->port.disposition = MACH_MSG_TYPE_PORT_SEND;
	reply->descs[0].offset = offsetof(struct sema_port_reply, port);
	reply->descs[0].type = MACH_MSG_PORT_DESCRIPTOR;
	mk_port_make_send_right(port, &r);
	reply->descs[0].right = r;
	*replyp = reply;
	return KERN_SUCCESS;
}

/*
 * semaphore_destroy(task, semaphore): the send right moved in is consumed
 * either way (kobject.c destroys what the routine leaves).  As XNU's
 * semaphore_destroy, a semaphore made for another task is left alone and
 * the answer is still KERN_SUCCESS.  Context: mk_lock held.
 */
kern_return_t mk_semaphore_destroy_mig(struct mk_task *task, struct mk_kmsg *req)
{
	struct mk_port *port;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(struct sema_destroy_request) ||
	    req->ndesc != 1 || req->descs[0].type != MACH_MSG_PORT_DESCRIPTOR)
		return MIG_BAD_ARGUMENTS;
	if (req->descs[0].right.port &&
	    req->descs[0].right.type != MACH_MSG_TYPE_PORT_SEND)
		return MIG_TYPE_ERROR;
	port = req->descs[0].right.port;
	if (!port || !port->active || port->kotype != MK_KOBJ_SEMAPHORE ||
	    !port->kobject)
		return KERN_INVALID_ARGUMENT;
	if (((struct mk_sema *)port->kobject)->owner == task)
		sema_deactivate(port->kobject);
	return KERN_SUCCESS;
}

/*
 * The semaphore port's last send right went: the port dies and gives up
 * its reference.  Context: mk_lock held, from mk_port_release_send().
 */
void mk_semaphore_no_senders(struct mk_port *port)
{
	struct mk_sema *s = port->kobject;

	lockdep_assert_held(&mk_lock);
	port->kobject = NULL;
	mk_port_destroy(port);
	mk_port_put(port);		/* the allocation reference */
	if (s)
		sema_put_locked(s);
}

/* @task died: its semaphores are destroyed.  Context: mk_lock held. */
void mk_semaphore_task_dead(struct mk_task *task)
{
	struct mk_sema *s, *tmp;

	lockdep_assert_held(&mk_lock);
	list_for_each_entry_safe(s, tmp, &task->semaphores, task_node)
		sema_deactivate(s);
}

/* ---- the traps ---- */

/*
 * A send right to a semaphore under @name in @space, as XNU's
 * port_name_to_semaphore: a reference on the semaphore.  Context: mk_lock.
 */
static kern_return_t sema_lookup(struct mk_space *space, u32 name, struct mk_sema **sp)
{
	struct mk_entry *entry;
	struct mk_port *port;

	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(name))
		return KERN_INVALID_NAME;
	entry = mk_entry_lookup(space, name);
	if (!entry)
		return KERN_INVALID_NAME;
	if (mk_entry_check_dead(space, name, entry) ||
	    !(entry->bits & MACH_PORT_TYPE_SEND))
		return KERN_INVALID_RIGHT;
	port = entry->port;
	if (port->kotype != MK_KOBJ_SEMAPHORE || !port->kobject)
		return KERN_INVALID_CAPABILITY;
	*sp = port->kobject;
	kref_get(&(*sp)->ref);
	return KERN_SUCCESS;
}

/* The thread a thread-port name denotes (a pid reference). */
static struct pid *thread_lookup(struct mk_space *space, u32 name)
{
	struct mk_entry *entry = mk_entry_lookup(space, name);
	struct mk_thread *thr;

	lockdep_assert_held(&mk_lock);
	if (!entry || !(entry->bits & MACH_PORT_TYPE_SEND) || !entry->port ||
	    entry->port->kotype != MK_KOBJ_THREAD || !entry->port->active)
		return NULL;
	thr = entry->port->kobject;
	if (!thr || thr->dead)
		return NULL;
	return get_pid(thr->pid);
}

/*
 * XNU's semaphore_signal_internal.  @thread (with @only_thread): wake that
 * waiter or answer KERN_NOT_WAITING; NULL wakes any one, no prepost.
 */
static kern_return_t sema_signal(struct mk_sema *s, bool only_thread, struct pid *thread,
				 int opts)
{
	struct sema_waiter *w;
	kern_return_t kr = KERN_NOT_WAITING;

	spin_lock(&s->lock);
	if (!s->active) {
		kr = KERN_TERMINATED;
	} else if (only_thread && thread) {
		list_for_each_entry(w, &s->waiters, node) {
			if (w->pid == thread) {
				wake_waiter(s, w, W_AWAKENED);
				kr = KERN_SUCCESS;
				break;
			}
		}
	} else if (opts & SIG_ALL) {
		struct sema_waiter *tmp;

		list_for_each_entry_safe(w, tmp, &s->waiters, node)
			wake_waiter(s, w, W_AWAKENED);
		kr = KERN_SUCCESS;
	} else if (!list_empty(&s->waiters)) {
		w = list_first_entry(&s->waiters, struct sema_waiter, node);
		wake_waiter(s, w, W_AWAKENED);
		kr = KERN_SUCCESS;
	} else if (opts & SIG_PREPOST) {
		if (s->count < INT_MAX)
			s->count++;
	}
	spin_unlock(&s->lock);
	return kr;
}

/*
 * Take a count of @ws, or queue @w on it (SEMA_QUEUED); a dead
 * semaphore and MACH_SEMA_NOBLOCK answer at once.
 */
static kern_return_t sema_take(struct mk_sema *ws, struct sema_waiter *w, u32 flags)
{
	kern_return_t kr;

	spin_lock(&ws->lock);
	if (!ws->active) {
		kr = KERN_TERMINATED;
	} else if (ws->count > 0) {
		ws->count--;
		kr = KERN_SUCCESS;
	} else if (flags & MACH_SEMA_NOBLOCK) {
		kr = KERN_OPERATION_TIMED_OUT;
	} else {
		if (ws->lifo)
			list_add(&w->node, &ws->waiters);
		else
			list_add_tail(&w->node, &ws->waiters);
		kr = SEMA_QUEUED;
	}
	spin_unlock(&ws->lock);
	return kr;
}

/*
 * Leave @ws's queue: @kr if @w is still waiting, else how its wake-up
 * ended (KERN_SUCCESS, or KERN_TERMINATED for a destroyed semaphore).
 */
static kern_return_t sema_leave(struct mk_sema *ws, struct sema_waiter *w,
				kern_return_t kr)
{
	spin_lock(&ws->lock);
	if (w->state == W_WAITING)
		list_del(&w->node);
	else
		kr = w->state == W_AWAKENED ? KERN_SUCCESS : KERN_TERMINATED;
	spin_unlock(&ws->lock);
	return kr;
}

/*
 * Sleep until @w is woken, a signal is pending or the deadline passes
 * (MACH_SEMA_DEADLINE).  True: the deadline passed.
 */
static bool sema_sleep(struct sema_waiter *w, u32 flags, u64 deadline)
{
	ktime_t expires = ns_to_ktime(min_t(u64, deadline, KTIME_MAX));
	bool timed_out = false;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(w->state) != W_WAITING || signal_pending(current))
			break;
		if (!(flags & MACH_SEMA_DEADLINE)) {
			schedule();
		} else if (!schedule_hrtimeout_range(&expires, 0,
						     HRTIMER_MODE_ABS)) {
			timed_out = true;
			break;
		}
	}
	__set_current_state(TASK_RUNNING);
	return timed_out;
}

/*
 * XNU's semaphore_wait_internal: take a count or queue, then signal @ss
 * (if any), then sleep.  *@signalled: @ss was signalled (a restart must
 * not do it again).  Returns a kern_return_t or SEMA_RESTART.
 */
static kern_return_t sema_wait(struct mk_sema *ws, struct mk_sema *ss, u32 flags,
			       u64 deadline, bool *signalled)
{
	struct sema_waiter w = {
		.task = current,
		.pid = task_pid(current),
		.state = W_WAITING,
	};
	bool timed_out;
	kern_return_t kr, skr;

	kr = sema_take(ws, &w, flags);
	if (ss) {
		skr = sema_signal(ss, false, NULL, SIG_PREPOST);
		*signalled = true;
		/*
		 * The semaphore to signal is dead: leave the wait (whoever
		 * was to wake us may be waiting for that signal), unless a
		 * wake-up already came.
		 */
		if (skr == KERN_TERMINATED && kr == SEMA_QUEUED)
			kr = sema_leave(ws, &w, KERN_TERMINATED);
	}
	if (kr != SEMA_QUEUED)
		return kr;

	timed_out = sema_sleep(&w, flags, deadline);
	return sema_leave(ws, &w, timed_out ? KERN_OPERATION_TIMED_OUT :
			  SEMA_RESTART);
}

static bool sema_args_valid(unsigned int cmd, const struct mach_sema_args *a)
{
	if (a->reserved || a->kr)
		return false;
	if (cmd == MACH_IOC_SEMA_SIGNAL)
		return !a->wait_name && !a->deadline &&
			!(a->flags & ~(MACH_SEMA_ALL | MACH_SEMA_THREAD)) &&
			a->flags != (MACH_SEMA_ALL | MACH_SEMA_THREAD) &&
			(!a->thread || (a->flags & MACH_SEMA_THREAD));
	return !a->thread &&
		!(a->flags & ~(MACH_SEMA_DEADLINE | MACH_SEMA_NOBLOCK)) &&
		((a->flags & MACH_SEMA_DEADLINE) || !a->deadline);
}

/*
 * Translate @a's names in XNU's order (the thread, then the semaphore to
 * signal, then the one to wait on); the first failure is the answer.
 * mk_lock held.
 */
static kern_return_t sema_translate(unsigned int cmd, const struct mach_sema_args *a,
				    struct pid **threadp, struct mk_sema **ssp,
				    struct mk_sema **wsp)
{
	struct mk_task *task;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	task = mk_task_current();
	if (!task)
		return KERN_RESOURCE_SHORTAGE;
	if (cmd == MACH_IOC_SEMA_SIGNAL) {
		if (a->thread) {
			*threadp = thread_lookup(task->space, a->thread);
			if (!*threadp)
				return KERN_INVALID_ARGUMENT;
		}
		return sema_lookup(task->space, a->signal_name, ssp);
	}
	kr = a->signal_name ? sema_lookup(task->space, a->signal_name, ssp) : 0;
	if (!kr)
		kr = sema_lookup(task->space, a->wait_name, wsp);
	return kr;
}

/*
 * MACH_IOC_SEMA_SIGNAL's signal of @ss: one thread, every waiter, or one
 * (prepost when none waits); only semaphore_signal_thread reports
 * KERN_NOT_WAITING.
 */
static kern_return_t sema_signal_args(const struct mach_sema_args *a,
				      struct mk_sema *ss, struct pid *thread)
{
	kern_return_t kr;

	if (a->flags & MACH_SEMA_THREAD)
		kr = sema_signal(ss, true, thread, 0);
	else
		kr = sema_signal(ss, false, NULL, (a->flags & MACH_SEMA_ALL) ?
				 SIG_ALL : SIG_PREPOST);
	if (kr == KERN_NOT_WAITING && !(a->flags & MACH_SEMA_THREAD))
		kr = KERN_SUCCESS;
	return kr;
}

/*
 * MACH_IOC_SEMA_SIGNAL and MACH_IOC_SEMA_WAIT.  Names are translated in
 * XNU's order (the thread, then the semaphore to signal, then the one to
 * wait on); the first failure is the answer.
 */
long mk_sema_ioctl(unsigned int cmd, void __user *uarg)
{
	struct mach_sema_args __user *ua = uarg;
	struct mk_sema *ws = NULL, *ss = NULL;
	struct mach_sema_args a;
	struct pid *thread = NULL;
	bool signalled = false;
	kern_return_t kr;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (!sema_args_valid(cmd, &a))
		return -EINVAL;
	mutex_lock(&mk_lock);
	kr = sema_translate(cmd, &a, &thread, &ss, &ws);
	mutex_unlock(&mk_lock);

	if (!kr && cmd == MACH_IOC_SEMA_SIGNAL)
		kr = sema_signal_args(&a, ss, thread);
	else if (!kr)
		kr = sema_wait(ws, ss, a.flags, a.deadline, &signalled);
	put_pid(thread);
	sema_put(ss);
	sema_put(ws);

	if (kr == SEMA_RESTART) {
		/*
		 * A signal or a Mach suspension (suspend.c's task_work):
		 * restart unless a handler runs (XNU's KERN_ABORTED, which
		 * libmach makes of EINTR).  The signal half is done.
		 */
		if (signalled && put_user(0u, &ua->signal_name))
			return -EFAULT;
		return -ERESTARTNOHAND;
	}
	if (put_user(mk_kr_to_user(kr), &ua->kr))
		return -EFAULT;
	return 0;
}

void mk_sync_sema_stats(struct seq_file *m)
{
	seq_printf(m, "semaphores %ld\n", atomic_long_read(&mk_nr_semas));
}
