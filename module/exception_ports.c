// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: exception ports, registration.
 *
 * task_{set,get,swap}_exception_ports (3413-3415) and the thread_ forms
 * (3613-3615) are served like every task and thread routine (kobject.c,
 * thread.c), the host_ forms (414-416) for the host port, with XNU's
 * checks (set_exception_ports_validation) and its grouping of equal
 * entries in the get/swap replies.  task_get_exception_ports_info (3460)
 * and thread_get_exception_ports_info (3630) answer the same grouping with
 * identifiers in place of send rights (exc_info_reply).  A task's actions
 * are inherited across
 * fork, and across exec unless the new image is set-id (XNU's
 * ipc_task_init and ipc_task_reset); a thread's are not.  Delivery is in
 * exception.c.  See Documentation/exceptions.rst.
 */
#include <linux/sched/task.h>
#include <linux/slab.h>
#include "compat.h"
#include "exception.h"
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "notify.h"
#include "port.h"
#include "right.h"
#include "space.h"
#include "task.h"
#include "thread.h"

/*
 * exc_serve's index for the *_get_exception_ports_info routines, whose
 * positions differ between task.defs and thread_act.defs: one past the
 * MIG positions it shares with them.
 */
#define GET_EXCEPTION_PORTS_INFO	(SWAP_EXCEPTION_PORTS + 1)

/* action tables alive: the probe's test for "nothing to do" */
atomic_t mk_exc_tables = ATOMIC_INIT(0);

struct mk_exc_actions *mk_exc_table_alloc(void)
{
	struct mk_exc_actions *t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);

	if (t)
		atomic_inc(&mk_exc_tables);
	return t;
}

/* Release every right of the table and free it.  mk_lock held. */
void mk_exc_free(struct mk_exc_actions **exc)
{
	struct mk_exc_actions *t = *exc;
	int i;

	lockdep_assert_held(&mk_lock);
	if (!t)
		return;
	*exc = NULL;
	for (i = 0; i < EXC_TYPES_COUNT; i++)
		mk_right_release(&t->a[i].port);
	kfree(t);
	atomic_dec(&mk_exc_tables);
}

/* A copy of a stored send right (XNU's exception_port_copy_send). */
struct mk_right mk_exc_copy_send(const struct mk_right *r)
{
	struct mk_right c = { .type = MACH_MSG_TYPE_PORT_SEND };

	lockdep_assert_held(&mk_lock);
	if (r->port && r->port->active) {
		r->port->srights++;
		mk_port_get(r->port);
		c.port = r->port;
	} else if (r->port || r->dead) {
		c.dead = true;		/* MACH_PORT_DEAD */
	}
	return c;
}

/*
 * Inheritance: across fork every action (ipc_task_init); across exec, the
 * privileged ones only when the new image is set-id (ipc_task_reset, which
 * XNU's exec runs for set-id images): an image that is not dumpable as
 * its user's counts as set-id, as for task_for_pid.  mk_lock held.
 */
void mk_exc_inherit(struct mk_task *task, struct mk_task *from, bool exec)
{
	struct task_struct *tsk;
	bool setid = false;
	int i;

	lockdep_assert_held(&mk_lock);
	if (!from || !from->exc)
		return;
	if (exec) {
		tsk = get_pid_task(task->pid, PIDTYPE_TGID);
		setid = tsk && !mk_task_dumpable_by_owner(tsk);
		if (tsk)
			put_task_struct(tsk);
	}
	task->exc = mk_exc_table_alloc();
	if (!task->exc)
		return;
	for (i = FIRST_EXCEPTION; i < EXC_TYPES_COUNT; i++) {
		struct mk_exc_action *a = &from->exc->a[i];

		if (setid && !a->privileged)
			continue;
		task->exc->a[i] = *a;
		task->exc->a[i].port = mk_exc_copy_send(&a->port);
		if (!a->port.port && !a->port.dead)
			task->exc->a[i].port.type = 0;
	}
}

/* ---- registration (the MIG routines) ---- */

struct exc_set_request {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc new_port;
	u8 ndr[8];
	u32 mask;
	s32 behavior;
	s32 flavor;
} __packed;

struct exc_get_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u32 mask;
} __packed;

/* masks[count], then old_behaviors[count], then old_flavors[count] */
struct exc_ports_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc handlers[EXC_ARRAY_MAX];
	u8 ndr[8];
	u32 count;
	u32 data[];
} __packed;

/*
 * The *_get_exception_ports_info reply, not complex: masks[count], then
 * count ipc_info_port_t {port object, receiver object}, then
 * old_behaviors[count], then old_flavors[count].
 */
struct exc_info_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u32 count;
	u32 data[];
} __packed;

/* VALID_THREAD_STATE_FLAVOR of XNU's i386/thread_status.h */
static bool exc_flavor_valid(s32 f)
{
	return (f >= 1 && f <= 13) || (f >= 16 && f <= 25);
}

/* set_exception_ports_validation, in XNU's order */
static kern_return_t exc_validate(struct mk_kmsg *req, struct exc_set_request **rqp)
{
	struct exc_set_request *rq = (void *)req->data;
	struct mk_right *r;
	s32 b;

	if (req->size != sizeof(*rq) || req->ndesc != 1 ||
	    req->descs[0].type != MACH_MSG_PORT_DESCRIPTOR)
		return MIG_BAD_ARGUMENTS;
	r = &req->descs[0].right;
	/* MIG's check: the port arrives as a send right */
	if ((r->port || r->dead) && r->type != MACH_MSG_TYPE_PORT_SEND)
		return MIG_TYPE_ERROR;
	*rqp = rq;
	b = rq->behavior & ~MACH_EXCEPTION_MASK;
	if (rq->mask & ~EXC_MASK_VALID)
		return KERN_INVALID_ARGUMENT;
	if (r->port && !r->dead && (b < EXCEPTION_DEFAULT ||
				    b > EXCEPTION_STATE_IDENTITY_PROTECTED))
		return KERN_INVALID_ARGUMENT;
	if (rq->flavor != 0 && !exc_flavor_valid(rq->flavor))
		return KERN_INVALID_ARGUMENT;
	if ((b == EXCEPTION_IDENTITY_PROTECTED ||
	     (rq->behavior & MACH_EXCEPTION_BACKTRACE_PREFERRED)) &&
	    !(rq->behavior & MACH_EXCEPTION_CODES))
		return KERN_INVALID_ARGUMENT;
	/* no task identity tokens here: the protected forms cannot be sent */
	if (r->port && !r->dead && (b == EXCEPTION_IDENTITY_PROTECTED ||
				    b == EXCEPTION_STATE_IDENTITY_PROTECTED))
		return KERN_NOT_SUPPORTED;
	return KERN_SUCCESS;
}

/* Store the request's port for every type in the mask.  mk_lock held. */
static void exc_store(struct mk_exc_actions *t, struct exc_set_request *rq,
		      struct mk_right *r)
{
	bool priv = uid_eq(current_euid(), GLOBAL_ROOT_UID);
	int i;

	lockdep_assert_held(&mk_lock);
	for (i = FIRST_EXCEPTION; i < EXC_TYPES_COUNT; i++) {
		struct mk_exc_action *a = &t->a[i];

		if (!(rq->mask & (1u << i)))
			continue;
		mk_right_release(&a->port);
		a->port = mk_exc_copy_send(r);
		if (!r->port && !r->dead)
			a->port.type = 0;
		a->behavior = rq->behavior;
		a->flavor = rq->flavor;
		a->privileged = priv;
	}
}

/*
 * One entry per distinct (port, behavior, flavor) among the masked types,
 * as task_get_exception_ports_internal groups them: @g[k] is entry k's
 * action, @masks[k] its types.  A missing table is all-null for a task
 * (XNU's tasks always have one) and empty for a thread (XNU's
 * thread->exc_actions == NULL).  Returns the count.  mk_lock held.
 */
static u32 exc_group(const struct mk_exc_actions *t, bool thread, u32 mask,
		     const struct mk_exc_action **g, u32 *masks)
{
	static const struct mk_exc_action none;
	u32 n = 0, i, j;

	lockdep_assert_held(&mk_lock);
	for (i = FIRST_EXCEPTION; i < EXC_TYPES_COUNT; i++) {
		const struct mk_exc_action *a = t ? &t->a[i] : &none;

		if (!(mask & (1u << i)) || (!t && thread))
			continue;
		for (j = 0; j < n; j++) {
			if (g[j]->port.port == a->port.port &&
			    g[j]->port.dead == a->port.dead &&
			    g[j]->behavior == a->behavior &&
			    g[j]->flavor == a->flavor) {
				masks[j] |= 1u << i;
				break;
			}
		}
		if (j == n) {
			g[n] = a;
			masks[n++] = 1u << i;
		}
	}
	return n;
}

/* The get/swap reply: send rights to the grouped entries' ports.  mk_lock held. */
static kern_return_t exc_reply(struct mk_kmsg *req, struct mk_kmsg **replyp,
			       struct mk_exc_actions *t, bool thread, u32 mask)
{
	struct exc_ports_reply *rp;
	const struct mk_exc_action *g[EXC_TYPES_COUNT];
	u32 masks[EXC_TYPES_COUNT];
	u32 n, i;

	lockdep_assert_held(&mk_lock);
	n = exc_group(t, thread, mask, g, masks);
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp) + 12 * n, EXC_ARRAY_MAX);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = EXC_ARRAY_MAX;
	for (i = 0; i < EXC_ARRAY_MAX; i++) {
		struct mk_kdesc *d = &(*replyp)->descs[i];

		rp->handlers[i].type = MACH_MSG_PORT_DESCRIPTOR;
		rp->handlers[i].disposition = MACH_MSG_TYPE_PORT_SEND;
		d->offset = offsetof(struct exc_ports_reply, handlers[i]);
		d->type = MACH_MSG_PORT_DESCRIPTOR;
		d->right.type = MACH_MSG_TYPE_PORT_SEND;
		if (i < n)
			d->right = mk_exc_copy_send(&g[i]->port);
	}
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = n;
	for (i = 0; i < n; i++) {
		rp->data[i] = masks[i];
		rp->data[n + i] = g[i]->behavior;
		rp->data[2 * n + i] = g[i]->flavor;
	}
	return KERN_SUCCESS;
}

/*
 * What the info routines say of a port, never a kernel address (XNU's
 * VM_KERNEL_ADDRPERM of the port and of its receiver's task): a port is
 * the low 32 bits of its id (port.c: unique, never reused), as
 * mach_port_space_info's iin_object; the receiver is the task whose space
 * holds the receive right, named by its task (control) port's id, 0 when
 * the port is dead, in transit or received by no task (XNU's
 * ipc_port_get_receiver_task).  mk_lock held.
 */
static u32 exc_receiver_object(const struct mk_port *port)
{
	const struct mk_space *space = port->receiver;

	lockdep_assert_held(&mk_lock);
	if (!port->active || !space || !space->active || !space->task ||
	    !space->task->self)
		return 0;
	return lower_32_bits(space->task->self->id);
}

/*
 * The *_get_exception_ports_info reply (XNU's
 * {task,thread}_get_exception_ports_internal with ports_info): the
 * grouping of the get reply, each entry's port given as two identifiers,
 * both 0 for a null or dead-name entry (!IP_VALID).  These are no kernel
 * addresses, so they are given to every caller, as XNU's DEVELOPMENT
 * kernels do.  mk_lock held.
 */
static kern_return_t exc_info_reply(struct mk_kmsg *req, struct mk_kmsg **replyp,
				    const struct mk_exc_actions *t, bool thread,
				    u32 mask)
{
	struct exc_info_reply *rp;
	const struct mk_exc_action *g[EXC_TYPES_COUNT];
	u32 masks[EXC_TYPES_COUNT];
	u32 n, i;

	lockdep_assert_held(&mk_lock);
	n = exc_group(t, thread, mask, g, masks);
	*replyp = mk_mig_reply_alloc(req, sizeof(*rp) + 20 * n, 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->retcode = mk_kr_to_user(KERN_SUCCESS);
	rp->count = n;
	for (i = 0; i < n; i++) {
		const struct mk_port *port = g[i]->port.port;

		rp->data[i] = masks[i];
		rp->data[n + 2 * i] = port ? lower_32_bits(port->id) : 0;
		rp->data[n + 2 * i + 1] = port ? exc_receiver_object(port) : 0;
		rp->data[3 * n + i] = g[i]->behavior;
		rp->data[4 * n + i] = g[i]->flavor;
	}
	return KERN_SUCCESS;
}

static kern_return_t exc_serve(struct mk_exc_actions **tp, bool thread, u32 index,
			       struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	struct exc_get_request *gq = (void *)req->data;
	struct exc_set_request *rq;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	switch (index) {
	case GET_EXCEPTION_PORTS:
		if (req->size != sizeof(*gq))
			return MIG_BAD_ARGUMENTS;
		if (gq->mask & ~EXC_MASK_VALID)
			return KERN_INVALID_ARGUMENT;
		return exc_reply(req, replyp, *tp, thread, gq->mask);
	case GET_EXCEPTION_PORTS_INFO:
		if (req->size != sizeof(*gq))
			return MIG_BAD_ARGUMENTS;
		if (gq->mask & ~EXC_MASK_VALID)
			return KERN_INVALID_ARGUMENT;
		return exc_info_reply(req, replyp, *tp, thread, gq->mask);
	case SET_EXCEPTION_PORTS:
	case SWAP_EXCEPTION_PORTS:
		kr = exc_validate(req, &rq);
		if (kr)
			return kr;
		if (!*tp) {
			*tp = mk_exc_table_alloc();
			if (!*tp)
				return KERN_RESOURCE_SHORTAGE;
		}
		if (index == SWAP_EXCEPTION_PORTS) {
			/* the old entries, before they change */
			kr = exc_reply(req, replyp, *tp, thread, rq->mask);
			if (kr)
				return kr;
		}
		/* the request's right is released with it: "consumed" */
		exc_store(*tp, rq, &req->descs[0].right);
		return KERN_SUCCESS;
	default:
		return MIG_BAD_ID;
	}
}

/* The rest of task.defs' routines.  Context: mk_lock held. */
kern_return_t mk_exc_task_serve(struct mk_task *task, struct mk_kmsg *req,
				struct mk_kmsg **replyp)
{
	s32 id = mk_kmsg_hdr(req)->id;

	lockdep_assert_held(&mk_lock);
	/* a read port or better (kobject.c's table) */
	if (id == TASK_GET_EXCEPTION_PORTS_INFO)
		return exc_serve(&task->exc, false, GET_EXCEPTION_PORTS_INFO,
				 req, replyp);
	if (id < TASK_SUBSYSTEM + SET_EXCEPTION_PORTS ||
	    id > TASK_SUBSYSTEM + SWAP_EXCEPTION_PORTS)
		return MIG_BAD_ID;
	return exc_serve(&task->exc, false, id - TASK_SUBSYSTEM, req, replyp);
}

/* The rest of thread_act.defs' routines.  Context: mk_lock held. */
kern_return_t mk_exc_thread_serve(struct mk_thread *thr, struct mk_kmsg *req,
				  struct mk_kmsg **replyp)
{
	s32 id = mk_kmsg_hdr(req)->id;

	lockdep_assert_held(&mk_lock);
	/* a read port or better (kobject.c's table) */
	if (id == THREAD_GET_EXCEPTION_PORTS_INFO)
		return exc_serve(&thr->exc, true, GET_EXCEPTION_PORTS_INFO,
				 req, replyp);
	if (id < THREAD_SUBSYSTEM + SET_EXCEPTION_PORTS ||
	    id > THREAD_SUBSYSTEM + SWAP_EXCEPTION_PORTS)
		return MIG_BAD_ID;
	return exc_serve(&thr->exc, true, id - THREAD_SUBSYSTEM, req, replyp);
}

/*
 * The host's exception ports (host_priv.defs 414-416), for the host port's
 * dispatch (host.c).  Root only, as the host-priv port is.  Under mk_lock.
 */
struct mk_exc_actions *mk_exc_host;

kern_return_t mk_exc_host_serve(struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	s32 id = mk_kmsg_hdr(req)->id;

	lockdep_assert_held(&mk_lock);
	if (id < HOST_SUBSYSTEM + HOST_SET_EXCEPTION_PORTS ||
	    id > HOST_SUBSYSTEM + HOST_SET_EXCEPTION_PORTS + 2)
		return MIG_BAD_ID;
	/*
	 * XNU takes a host_priv port, which only root's mach_host_self()
	 * is; anyone else's host port converts to HOST_PRIV_NULL there.
	 */
	if (!capable(CAP_SYS_ADMIN))
		return KERN_INVALID_ARGUMENT;
	return exc_serve(&mk_exc_host, false,
			 id - HOST_SUBSYSTEM - HOST_SET_EXCEPTION_PORTS +
			 SET_EXCEPTION_PORTS, req, replyp);
}
