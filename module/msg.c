// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: mach_msg (GNU Mach's mach_msg.c).  One ioctl carries a send,
 * a receive, or both; the combined form is the RPC path: enqueue,
 * synchronous wake-up of the receiver, then sleep for the reply, in one
 * mk_lock section (or, when the receiver woken should run at once, a yield
 * to it between the halves).
 *
 * Send (msg_send): validate (sizes, one copy of the message, descriptors,
 * charges; msg_copyin.c, no lock) -> copyin (header rights all or nothing,
 * then body memory and rights) -> enqueue (mqueue.c, blocking on a full
 * queue unless the destination is a send-once right; a kernel object
 * answers at once instead).  A send that fails after copyin hands
 * everything back to the sender (pseudo-receive, msg_copyout.c).
 *
 * Receive (msg_receive): name -> port or set -> wait -> size check ->
 * dequeue (mqueue.c) -> rights out into the receiver's space (under
 * mk_lock) -> memory out and the message copied to the user buffer (no
 * lock; msg_copyout.c).
 */
#include <linux/kref.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "mqueue.h"
#include "msg.h"
#include "msg_call.h"
#include "port.h"
#include "space.h"
#include "stats.h"
#include "suspend.h"
#include "task.h"

/* The caller's task, looked up once per call.  Context: mk_lock held. */
struct mk_task *mk_msg_task(struct msg_call *m)
{
	lockdep_assert_held(&mk_lock);
	if (!m->task) {
		m->task = mk_task_current();
		if (m->task)
			kref_get(&m->task->ref);
	}
	return m->task;
}

/*
 * Deliver a copied-in message: to a dead send-once right or circular, it
 * is sent and then gone; to a kernel object, served at once in the
 * sender's context; else queued.  On success the message is gone from
 * @m.  Context: mk_lock held, dropped while waiting for queue room.
 */
static kern_return_t msg_enqueue(struct msg_call *m)
	__must_hold(&mk_lock)
{
	struct mk_kmsg *kmsg = m->kmsg;
	struct mk_port *port = kmsg->dest.port;
	kern_return_t mr;

	lockdep_assert_held(&mk_lock);
	if (!port || mk_kmsg_is_circular(kmsg, port)) {
		mk_kmsg_destroy(kmsg);
		m->kmsg = NULL;
		return MACH_MSG_SUCCESS;
	}
	/* timer ports are queued as any other (mk_timer.c) */
	if (port->kotype != MK_KOBJ_NONE && port->kotype != MK_KOBJ_TIMER &&
	    port->active) {
		m->wait_for = mk_kobject_server(m->task, kmsg, &m->wait_thr);
		if (m->wait_for)
			kref_get(&m->wait_for->ref);
		m->kmsg = NULL;
		return MACH_MSG_SUCCESS;
	}
	mr = mk_mqueue_send(port, kmsg, m->a.option, m->a.timeout);
	if (!mr)
		m->kmsg = NULL;
	return mr;
}

/*
 * validate -> copyin -> enqueue; a message that cannot be queued goes
 * back to the sender.  Returns with mk_lock held, whatever the result:
 * mk_msg_ioctl decides whether the receive goes on in this section.
 */
static kern_return_t msg_send(struct msg_call *m)
	__acquires(&mk_lock)
{
	size_t ool;
	kern_return_t mr;

	mr = mk_msg_validate(m);
	mk_lock_take();
	if (mr)
		return mr;
	mr = mk_msg_copyin(m);
	if (mr)
		return mr;
	ool = m->kmsg->charge - m->kmsg->size;	/* gone once queued */
	mr = msg_enqueue(m);
	if (mr) {
		mk_msg_pseudo_receive(m);
		return mr;
	}
	mk_stats.msgs_sent++;
	mk_stats.ool_bytes += ool;
	return MACH_MSG_SUCCESS;
}

/*
 * After the send, with mk_lock dropped: a task_suspend or thread_suspend
 * sent to a kernel object waits here for the target to stop.
 */
static void msg_send_done(struct msg_call *m)
{
	if (!m->wait_for)
		return;
	/* the task reference keeps the thread object alive too */
	if (m->wait_thr)
		mk_thread_suspend_wait(m->wait_thr);
	else
		mk_suspend_wait(m->wait_for);
	mk_task_put(m->wait_for);
	m->wait_for = NULL;
}

/*
 * The message on @port is too large for the buffer and MACH_RCV_LARGE
 * asks to leave it queued: report its size (and the port, on request).
 * Context: mk_lock held, released on return.
 */
static kern_return_t rcv_too_large(struct msg_call *m, void __user *buf,
				   struct mk_port *port, struct mk_kmsg *kmsg)
	__releases(&mk_lock)
{
	u32 sizes[2] = { kmsg->size, port->receiver_name };

	lockdep_assert_held(&mk_lock);
	mk_lock_drop();
	if (m->a.rcv_size >= 8 &&
	    put_user(sizes[0], (u32 __user *)(buf + 4)))
		return MACH_RCV_INVALID_DATA;
	if ((m->a.option & MACH_RCV_LARGE_IDENTITY) && m->a.rcv_size >= 16 &&
	    put_user(sizes[1], (u32 __user *)(buf + 12)))
		return MACH_RCV_INVALID_DATA;
	return MACH_RCV_TOO_LARGE;
}

/*
 * The locked half of a receive: @kmsg, the first message of @port,
 * dequeued and its rights put into @space, for the call @m.  Run by the
 * receiver itself, or by a sender handing the message to a receiver
 * asleep in mk_mqueue_rcv_find (mqueue.c).  m->kmsg is left what is still
 * to be written to the user buffer (NULL: nothing).  Context: mk_lock
 * held.
 */
kern_return_t mk_msg_rcv_take(struct msg_call *m, struct mk_space *space,
			      struct mk_port *port, struct mk_kmsg *kmsg)
{
	u32 need;
	kern_return_t mr = MACH_MSG_SUCCESS;

	lockdep_assert_held(&mk_lock);
	m->trailer_size = mk_msg_trailer_size(m->a.option);
	m->seqno = port->seqno;
	m->context = port->context;
	m->kmsg = kmsg;
	need = kmsg->size + m->trailer_size;
	mk_mqueue_dequeue(port, kmsg);
	if (m->a.rcv_size < need) {
		mk_msg_destroy_to_header(m, port->receiver_name);
		mr = MACH_RCV_TOO_LARGE;
		m->trailer_size = m->a.rcv_size >= sizeof(struct mk_msg_header) +
			m->trailer_size ? m->trailer_size : 0;
		if (m->a.rcv_size < sizeof(struct mk_msg_header)) {
			mk_kmsg_free(kmsg);
			m->kmsg = NULL;
		}
		return mr;
	}
	mr = mk_msg_copyout_header(m, space, port->receiver_name);
	if (mr)
		mk_msg_destroy_to_header(m, port->receiver_name);
	else if (kmsg->ndesc)
		mr = mk_msg_copyout_body(m, space);
	return mr;
}

/* The unlocked half: memory and bytes to the user buffer.  No lock held. */
static kern_return_t rcv_put(struct msg_call *m, kern_return_t mr)
{
	kern_return_t put;

	if (!m->kmsg)
		return mr;
	put = mk_msg_put_user(m, u64_to_user_ptr(m->a.rcv_msg ?: m->a.msg));
	return put ? put : mr;
}

/* The receive.  Context: mk_lock held; released on return. */
static kern_return_t msg_receive_locked(struct msg_call *m)
	__releases(&mk_lock)
{
	void __user *buf = u64_to_user_ptr(m->a.rcv_msg ?: m->a.msg);
	struct mk_port *port, *want;
	struct mk_space *space;
	struct mk_kmsg *kmsg;
	struct mk_pset *pset;
	u32 name = m->a.rcv_name;
	kern_return_t mr;

	lockdep_assert_held(&mk_lock);
	if (!mk_msg_task(m) || !m->task->space->active) {
		mk_lock_drop();
		return MACH_RCV_INVALID_NAME;
	}
	space = m->task->space;
	mr = mk_mqueue_rcv_lookup(space, name, &want, &pset);
	if (!mr)
		mr = mk_mqueue_rcv_find(m, space, want, pset, &port);
	if (mr || m->handed) {
		mk_lock_drop();
		/* handed: a sender did the locked half (mk_mqueue_rcv_find) */
		return mr ? mr : rcv_put(m, m->handed_mr);
	}
	kmsg = list_first_entry(&port->messages, struct mk_kmsg, node);
	if ((m->a.option & MACH_RCV_LARGE) &&
	    m->a.rcv_size < kmsg->size + mk_msg_trailer_size(m->a.option))
		return rcv_too_large(m, buf, port, kmsg);
	mr = mk_msg_rcv_take(m, space, port, kmsg);
	mk_lock_drop();
	return rcv_put(m, mr);
}

static kern_return_t msg_receive(struct msg_call *m)
{
	mk_lock_take();
	return msg_receive_locked(m);
}

/*
 * The one place that decides whether the receive goes on in the send's
 * mk_lock section: after a send that succeeded, with nothing to wait for
 * after it (task_suspend), and unless the receiver just woken should run
 * first (it is then let run before the receive takes mk_lock again).
 */
static bool rcv_stays_locked(struct msg_call *m, kern_return_t send_mr)
{
	return !send_mr && !m->wait_for && (m->a.option & MACH_RCV_MSG) &&
		!need_resched();
}

/* A send, and the receive if asked for and the send went through. */
static kern_return_t msg_send_receive(struct msg_call *m)
{
	kern_return_t mr = msg_send(m);			/* returns locked */

	if (rcv_stays_locked(m, mr))
		return msg_receive_locked(m);
	mk_lock_drop();
	msg_send_done(m);
	if (mr || !(m->a.option & MACH_RCV_MSG))
		return mr;
	/*
	 * After a send that woke a receiver the scheduler wants to run, let
	 * it run now, while we are still runnable: its next message is often
	 * queued by the time we look, so we need not sleep for it and it need
	 * not wake us (a pipe's writer, preempted on its way out of write(),
	 * gets the same).  Otherwise this returns at once.
	 */
	cond_resched();
	return msg_receive(m);
}

long mk_msg_ioctl(void __user *uarg)
{
	struct msg_call m;

	if (mk_msg_copy_from_user(&m.a, uarg, sizeof(m.a)))
		return -EFAULT;
	m.task = NULL;
	m.kmsg = NULL;
	m.pseudo = false;
	m.handed = false;
	m.wait_for = NULL;
	m.wait_thr = NULL;
	if (m.a.reserved || m.a.notify || m.a.mr)
		return -EINVAL;
	if (m.a.option & MACH_SEND_MSG)
		m.a.mr = mk_kr_to_user(msg_send_receive(&m));
	else if (m.a.option & MACH_RCV_MSG)
		m.a.mr = mk_kr_to_user(msg_receive(&m));
	if (m.task)
		mk_task_put(m.task);
	/* the result is the only field the kernel writes */
	if (put_user(m.a.mr, &((struct mach_msg_args __user *)uarg)->mr))
		return -EFAULT;
	return 0;
}
