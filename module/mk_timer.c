// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: mk_timer, after XNU's osfmk/kern/mk_timer.c.
 *
 * mk_timer_create makes a receive right in the caller's space whose port
 * is the timer (MK_KOBJ_TIMER; messages to it are queued as to any port).
 * The timer keeps a send right of its own.  Armed, an hrtimer on
 * CLOCK_MONOTONIC (mach_absolute_time's clock, in nanoseconds: libmach's
 * timebase is 1/1) fires at the deadline and queues work that sends the
 * expiry message, XNU's mk_timer_expire_msg_t: a 48-byte message, msgh_id
 * 0, sent with MACH_MSG_TYPE_COPY_SEND of the timer's right, no reply
 * port, a zero body.  As XNU reuses one preallocated message, no second
 * expiry is queued while the last one has not been received.
 *
 * Re-arming replaces the deadline; cancel answers the armed deadline (0 if
 * none).  The timer goes with its port: destroying the receive right
 * (mk_timer_destroy is mach_port_destroy, as on XNU) cancels and frees it.
 *
 * The hrtimer callback only queues the work (mk_lock is a mutex); the work
 * and the callback hold a reference on the timer, so the port may die
 * while either is in flight.
 */
#include <linux/hrtimer.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>
#include <linux/mach_dev.h>
#include "compat.h"
#include "kmsg.h"
#include "limits.h"
#include "locking.h"
#include "mqueue.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "sync.h"
#include "task.h"

/* XNU's mk_timer_expire_msg_t: a header and uint64_t unused[3] */
#define MK_TIMER_MSG_SIZE	(sizeof(struct mk_msg_header) + 3 * 8)
#define MK_TIMER_CRITICAL	1

struct mk_ktimer {
	struct kref ref;
	struct hrtimer hrt;
	struct work_struct work;
	struct mk_port *port;		/* a reference and a send right; mk_lock */
	u64 deadline;			/* the armed deadline, mk_lock */
	bool armed;			/* mk_lock */
	struct mk_kmsg *sent;		/* last expiry message (maybe gone) */
};

static struct workqueue_struct *mk_timer_wq;
static atomic_long_t mk_nr_timers = ATOMIC_LONG_INIT(0);

static void timer_release(struct kref *ref)
{
	struct mk_ktimer *t = container_of(ref, struct mk_ktimer, ref);

	atomic_long_dec(&mk_nr_timers);
	kfree(t);
}

static enum hrtimer_restart timer_fire(struct hrtimer *hrt)
{
	struct mk_ktimer *t = container_of(hrt, struct mk_ktimer, hrt);

	/* the port's reference is held: hrtimer_cancel() precedes its put */
	kref_get(&t->ref);
	if (!queue_work(mk_timer_wq, &t->work))
		kref_put(&t->ref, timer_release);	/* never the last */
	return HRTIMER_NORESTART;
}

/* Is the last expiry message still on the queue?  Context: mk_lock. */
static bool expiry_queued(struct mk_ktimer *t)
{
	struct mk_kmsg *kmsg;

	lockdep_assert_held(&mk_lock);
	if (!t->sent)
		return false;
	list_for_each_entry(kmsg, &t->port->messages, node)
		if (kmsg == t->sent && kmsg->sec_token[1] == 1 &&
		    !kmsg->sec_token[0])
			return true;
	t->sent = NULL;
	return false;
}

/* Send the expiry message.  Context: mk_lock held. */
static void timer_send(struct mk_ktimer *t)
{
	struct mk_port *port = t->port;
	struct mk_msg_header *hdr;
	struct mk_kmsg *kmsg;

	lockdep_assert_held(&mk_lock);
	if (expiry_queued(t))
		return;
	kmsg = mk_kmsg_alloc(MK_TIMER_MSG_SIZE, 0);
	if (!kmsg)
		return;
	hdr = mk_kmsg_hdr(kmsg);
	hdr->bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND, 0);
	hdr->size = MK_TIMER_MSG_SIZE;
	hdr->id = 0;
	/* MACH_MSG_TYPE_COPY_SEND of the timer's own right */
	port->srights++;
	mk_port_get(port);
	kmsg->dest.port = port;
	kmsg->dest.type = MACH_MSG_TYPE_PORT_SEND;
	kmsg->sec_token[0] = 0;
	kmsg->sec_token[1] = 1;
	t->sent = kmsg;
	mk_kmsg_enqueue(port, kmsg);
}

static void timer_work(struct work_struct *work)
{
	struct mk_ktimer *t = container_of(work, struct mk_ktimer, work);

	mutex_lock(&mk_lock);
	/* cancelled, destroyed, or re-armed for later since it fired */
	if (t->port && t->armed && !hrtimer_is_queued(&t->hrt)) {
		t->armed = false;
		timer_send(t);
	}
	mutex_unlock(&mk_lock);
	kref_put(&t->ref, timer_release);
}

/*
 * The timer's receive right is destroyed.  Context: mk_lock held, from
 * mk_port_destroy(), whose caller holds a port reference.
 */
void mk_timer_port_destroyed(struct mk_port *port)
{
	struct mk_ktimer *t = port->kobject;

	lockdep_assert_held(&mk_lock);
	if (!t)
		return;
	port->kobject = NULL;
	hrtimer_cancel(&t->hrt);
	t->armed = false;
	t->port = NULL;
	port->srights--;		/* the timer's send right */
	mk_port_put(port);
	kref_put(&t->ref, timer_release);
}

/* A receive right to a timer, XNU's ipc_port_translate_receive errors. */
static kern_return_t timer_lookup(struct mk_space *space, u32 name,
				  struct mk_ktimer **tp)
{
	struct mk_entry *entry;

	lockdep_assert_held(&mk_lock);
	if (!mk_name_valid(name))
		return KERN_INVALID_NAME;
	entry = mk_entry_lookup(space, name);
	if (!entry)
		return KERN_INVALID_NAME;
	if (!(entry->bits & MACH_PORT_TYPE_RECEIVE))
		return KERN_INVALID_RIGHT;
	if (entry->port->kotype != MK_KOBJ_TIMER || !entry->port->kobject)
		return KERN_INVALID_ARGUMENT;
	*tp = entry->port->kobject;
	return KERN_SUCCESS;
}

static kern_return_t timer_create(struct mk_space *space, u32 *namep)
{
	struct mk_right r = { .type = MACH_MSG_TYPE_PORT_RECEIVE };
	struct mk_ktimer *t;
	struct mk_port *port;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_limit_port_check();
	if (kr)
		return kr;
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	port = t ? mk_port_alloc() : NULL;
	if (!port) {
		kfree(t);
		return KERN_RESOURCE_SHORTAGE;
	}
	kref_init(&t->ref);		/* the port's */
	mk_hrtimer_setup(&t->hrt, timer_fire, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
	INIT_WORK(&t->work, timer_work);
	atomic_long_inc(&mk_nr_timers);
	port->kotype = MK_KOBJ_TIMER;
	port->kobject = t;
	port->immovable_receive = true;	/* as XNU's */
	mk_port_make_send(port);	/* the timer's own send right */
	mk_port_get(port);
	t->port = port;
	r.port = port;			/* the allocation reference */
	kr = mk_right_copyout(space, &r, namep);
	if (kr)
		mk_right_release(&r);	/* destroys the timer too */
	return kr;
}

/* Context: mk_lock held (the timer's state and the work's view of it). */
static kern_return_t timer_arm(struct mk_ktimer *t, u64 deadline, u64 leeway)
{
	lockdep_assert_held(&mk_lock);
	t->armed = true;
	t->deadline = deadline;
	hrtimer_start_range_ns(&t->hrt, ns_to_ktime(min_t(u64, deadline,
							  KTIME_MAX)),
			       min_t(u64, leeway, KTIME_MAX), HRTIMER_MODE_ABS);
	return KERN_SUCCESS;
}

static u64 timer_cancel(struct mk_ktimer *t)
{
	u64 armed = t->armed ? t->deadline : 0;

	lockdep_assert_held(&mk_lock);
	if (t->armed) {
		hrtimer_cancel(&t->hrt);
		t->armed = false;	/* queued work sees it and sends nothing */
	}
	return armed;
}

long mk_timer_ioctl(unsigned int cmd, void __user *uarg)
{
	struct mach_timer_args a;
	struct mk_ktimer *t;
	struct mk_task *task;
	kern_return_t kr;

	if (copy_from_user(&a, uarg, sizeof(a)))
		return -EFAULT;
	if (a.reserved || a.kr ||
	    (cmd != MACH_IOC_TIMER_ARM && (a.flags || a.deadline || a.leeway)) ||
	    (cmd == MACH_IOC_TIMER_CREATE && a.name))
		return -EINVAL;
	mutex_lock(&mk_lock);
	task = mk_task_current();
	if (!task) {
		kr = KERN_RESOURCE_SHORTAGE;
	} else if (cmd == MACH_IOC_TIMER_CREATE) {
		kr = timer_create(task->space, &a.name);
		if (kr)
			a.name = MACH_PORT_NULL;
	} else {
		kr = timer_lookup(task->space, a.name, &t);
		if (!kr && cmd == MACH_IOC_TIMER_DESTROY)
			kr = mk_right_destroy(task->space, a.name);
		else if (!kr && cmd == MACH_IOC_TIMER_ARM)
			kr = timer_arm(t, a.deadline, a.leeway);
		else if (!kr)
			a.deadline = timer_cancel(t);
	}
	mutex_unlock(&mk_lock);
	a.kr = mk_kr_to_user(kr);
	if (copy_to_user(uarg, &a, sizeof(a)))
		return -EFAULT;
	return 0;
}

void mk_sync_timer_stats(struct seq_file *m)
{
	seq_printf(m, "timers %ld\n", atomic_long_read(&mk_nr_timers));
}

int mk_timer_init(void)
{
	mk_timer_wq = alloc_workqueue("mach_timer", WQ_UNBOUND | WQ_HIGHPRI, 0);
	return mk_timer_wq ? 0 : -ENOMEM;
}

/* Module exit, after every task and port is gone: wait for late work. */
void mk_timer_exit(void)
{
	destroy_workqueue(mk_timer_wq);
}
