// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the in-kernel MIG server.  A message sent to a kernel-object
 * port (a task port, a task's resume port) is not queued: it is served
 * synchronously in the sender's context by msgh_id, and the reply
 * (request id + 100) goes to the request's reply port.  Error replies are
 * mig_reply_error_t; on error the request's body rights are destroyed, as
 * XNU's ipc_kobject_server does.  Layouts follow standard MIG (see
 * Documentation/suspension.rst for the table of routines served).
 */
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/sched/cputime.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include "exception.h"
#include "host.h"
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "memory_entry.h"
#include "mig_ids.h"
#include "mqueue.h"
#include "notify.h"
#include "port.h"
#include "processor_set.h"
#include "right.h"
#include "suspend.h"
#include "sync.h"
#include "task.h"
#include "task_ident.h"
#include "task_policy.h"
#include "thread.h"
#include "vm.h"

/*
 * Mach port guards are delivered and fatal here, always (right.c's
 * mk_guard_violation kills): the behaviour task_get_exc_guard_behavior
 * reports, and the only one task_set_exc_guard_behavior accepts.
 */
#define MK_EXC_GUARD_BEHAVIOR	(TASK_EXC_GUARD_MP_DELIVER | \
				 TASK_EXC_GUARD_MP_FATAL)

struct mig_reply_error {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
} __packed;

struct mig_port_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc port;
} __packed;

struct special_port_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 which;
} __packed;

/* a routine whose reply is one integer after the return code */
struct mig_int_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u32 value;
} __packed;

struct mig_int_request {
	struct mk_msg_header head;
	u8 ndr[8];
	u32 value;
} __packed;

struct set_special_port_request {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc port;
	u8 ndr[8];
	s32 which;
} __packed;

/* What a routine hands back: a return code, or a reply it built. */
struct mig_call {
	struct mk_kmsg *req;
	struct mk_task *task;		/* the target, from the destination */
	int flavor;			/* enum mk_task_flavor of the port */
	struct mk_kmsg *reply;		/* set by routines with outputs */
	struct mk_task *wait_for;	/* task_suspend: wait for quiet */
	struct mk_task *caller;		/* the sender's task */
	struct mk_thread *wait_thr;	/* thread_suspend: that thread only */
	struct mk_thread *thread;	/* the target, from a thread port */
};

/* One MIG routine: its server function and who may call it. */
struct mig_routine {
	kern_return_t (*serve)(struct mig_call *c);
	u8 flavor;			/* least privileged port flavor taken */
	kern_return_t null_kr;		/* answer to a weaker port */
};

/* A reply to @req: id + 100, the kernel's security token. */
struct mk_kmsg *mk_mig_reply_alloc(struct mk_kmsg *req, u32 size, u32 ndesc)
{
	struct mk_kmsg *reply = mk_kmsg_alloc(size, ndesc);

	if (!reply)
		return NULL;
	mk_kmsg_hdr(reply)->size = size;
	mk_kmsg_hdr(reply)->id = mk_kmsg_hdr(req)->id + 100;
	reply->sec_token[1] = 1;
	return reply;
}

/*
 * A reply whose body is one port descriptor: a new send right to @port,
 * counted in its mscount as MAKE_SEND counts one (NULL: MACH_PORT_NULL).
 * Context: mk_lock held.
 */
kern_return_t mk_mig_send_right_reply(struct mk_kmsg *req, struct mk_port *port,
				      struct mk_kmsg **replyp)
{
	struct mig_port_reply *rp;
	struct mk_kmsg *reply;

	lockdep_assert_held(&mk_lock);
	reply = mk_mig_reply_alloc(req, sizeof(*rp), 1);
	if (!reply)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)reply->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->port.type = MACH_MSG_PORT_DESCRIPTOR;
	rp->port.disposition = MACH_MSG_TYPE_PORT_SEND;
	reply->descs[0].offset = offsetof(struct mig_port_reply, port);
	reply->descs[0].type = MACH_MSG_PORT_DESCRIPTOR;
	reply->descs[0].right.type = MACH_MSG_TYPE_PORT_SEND;
	if (port)
		mk_port_make_send_right(port, &reply->descs[0].right);
	*replyp = reply;
	return KERN_SUCCESS;
}

static struct mk_kmsg *reply_alloc(struct mig_call *c, u32 size, u32 ndesc)
{
	return mk_mig_reply_alloc(c->req, size, ndesc);
}

/* task_info.c */
static kern_return_t task_info(struct mig_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_info(c->task, c->req, &c->reply);
}

/*
 * The port task_get_special_port's @which names.  The task's own
 * kernel-object ports (*@make) get a new send right, made as XNU makes
 * one; the stored special ports a copy of the right the task holds.
 */
static kern_return_t task_special_port(struct mk_task *task, s32 which,
				       struct mk_port **portp, bool *make)
{
	lockdep_assert_held(&mk_lock);
	*make = true;
	switch (which) {
	case TASK_KERNEL_PORT:
		*portp = task->self;
		break;
	case TASK_NAME_PORT:		/* each its own port, as XNU's */
		*portp = mk_task_flavor_port(task, MK_TASK_FLAVOR_NAME);
		break;
	case TASK_READ_PORT:
		*portp = mk_task_flavor_port(task, MK_TASK_FLAVOR_READ);
		break;
	case TASK_INSPECT_PORT:
		*portp = mk_task_flavor_port(task, MK_TASK_FLAVOR_INSPECT);
		break;
	default:
		*make = false;
		if (which <= 0 || which > MK_TASK_SPECIAL_MAX ||
		    which == 7 || which == 8)	/* retired numbers */
			return KERN_INVALID_ARGUMENT;
		*portp = task->special[which].port;
		return KERN_SUCCESS;
	}
	return *portp ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
}

static kern_return_t task_get_special_port(struct mig_call *c)
{
	struct special_port_request *rq = (void *)c->req->data;
	struct mig_port_reply *rp;
	struct mk_right r = { .type = MACH_MSG_TYPE_PORT_SEND };
	struct mk_port *port = NULL;
	bool make;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (c->req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	/* XNU's task_get_special_port_from_user: no name ports */
	if (c->flavor > MK_TASK_FLAVOR_INSPECT)
		return KERN_INVALID_ARGUMENT;
	/* special_port_allowed_with_task_flavor */
	if ((c->flavor == MK_TASK_FLAVOR_READ &&
	     rq->which != TASK_READ_PORT && rq->which != TASK_INSPECT_PORT &&
	     rq->which != TASK_NAME_PORT) ||
	    (c->flavor == MK_TASK_FLAVOR_INSPECT &&
	     rq->which != TASK_INSPECT_PORT && rq->which != TASK_NAME_PORT))
		return KERN_INVALID_CAPABILITY;
	if (c->task->dead)		/* !task->ipc_active */
		return KERN_FAILURE;
	kr = task_special_port(c->task, rq->which, &port, &make);
	if (kr)
		return kr;
	c->reply = reply_alloc(c, sizeof(*rp), 1);
	if (!c->reply)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)c->reply->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->port.type = MACH_MSG_PORT_DESCRIPTOR;
	rp->port.disposition = MACH_MSG_TYPE_PORT_SEND;
	c->reply->descs[0].offset = offsetof(struct mig_port_reply, port);
	c->reply->descs[0].type = MACH_MSG_PORT_DESCRIPTOR;
	if (port && port->active && make) {
		mk_port_make_send_right(port, &r);	/* counts in mscount */
	} else if (port && port->active) {
		port->srights++;	/* a copy of the stored special right */
		mk_port_get(port);
		r.port = port;
	}
	c->reply->descs[0].right = r;
	return KERN_SUCCESS;
}

static kern_return_t task_set_special_port(struct mig_call *c)
{
	struct set_special_port_request *rq = (void *)c->req->data;
	struct mk_right *slot;

	lockdep_assert_held(&mk_lock);
	if (c->req->size != sizeof(*rq) || c->req->ndesc != 1 ||
	    c->req->descs[0].type != MACH_MSG_PORT_DESCRIPTOR)
		return MIG_BAD_ARGUMENTS;
	/* name, inspect, read are derived ports; 7, 8 are retired numbers */
	if (rq->which <= 0 || rq->which > MK_TASK_SPECIAL_MAX ||
	    rq->which == TASK_NAME_PORT || (rq->which >= 5 && rq->which <= 8))
		return KERN_INVALID_ARGUMENT;
	/* the kernel's own ports: control and host */
	if (rq->which < TASK_NAME_PORT)
		return KERN_NO_ACCESS;
	if (c->req->descs[0].right.type == MACH_MSG_TYPE_PORT_RECEIVE ||
	    c->req->descs[0].right.type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		return KERN_INVALID_ARGUMENT;
	slot = &c->task->special[rq->which];
	mk_right_release(slot);
	*slot = c->req->descs[0].right;		/* the routine takes it */
	memset(&c->req->descs[0].right, 0, sizeof(c->req->descs[0].right));
	return KERN_SUCCESS;
}

/* ---- thread read and inspect ports (XNU's ipc_tt.c) ---- */

static int thread_port_flavor(struct mk_port *port)
{
	switch (port->kotype) {
	case MK_KOBJ_THREAD:
		return MK_TASK_FLAVOR_CONTROL;
	case MK_KOBJ_THREAD_READ:
		return MK_TASK_FLAVOR_READ;
	case MK_KOBJ_THREAD_INSPECT:
		return MK_TASK_FLAVOR_INSPECT;
	default:
		return MK_TASK_FLAVOR_NONE;
	}
}

/*
 * The thread's port of @flavor (control, read or inspect), the last two
 * made on first use and kept until the thread dies.  Context: mk_lock.
 */
static struct mk_port *thread_flavor_port(struct mk_thread *thr, int flavor)
{
	struct mk_port **slot;

	lockdep_assert_held(&mk_lock);
	if (thr->dead)
		return NULL;
	if (flavor == MK_TASK_FLAVOR_CONTROL)
		return thr->port;
	if (flavor != MK_TASK_FLAVOR_READ && flavor != MK_TASK_FLAVOR_INSPECT)
		return NULL;
	slot = flavor == MK_TASK_FLAVOR_READ ? &thr->read : &thr->inspect;
	if (!*slot) {
		*slot = mk_port_alloc();
		if (!*slot)
			return NULL;
		(*slot)->kotype = flavor == MK_TASK_FLAVOR_READ ?
			MK_KOBJ_THREAD_READ : MK_KOBJ_THREAD_INSPECT;
		(*slot)->kobject = thr;
	}
	return *slot;
}

static void kill_port(struct mk_port **portp)
{
	lockdep_assert_held(&mk_lock);
	if (!*portp)
		return;
	(*portp)->kobject = NULL;
	mk_port_destroy(*portp);
	mk_port_put(*portp);
	*portp = NULL;
}

/* The thread died (thread.c): its read and inspect ports die too. */
void mk_thread_flavor_ports_kill(struct mk_thread *thr)
{
	lockdep_assert_held(&mk_lock);
	kill_port(&thr->read);
	kill_port(&thr->inspect);
}

/* A reply carrying a new send right to @port (NULL: MACH_PORT_NULL). */
static kern_return_t make_send_reply(struct mig_call *c, struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	return mk_mig_send_right_reply(c->req, port && port->active ? port : NULL,
				       &c->reply);
}

/*
 * XNU's thread_get_special_port_from_user: a control port gets any of
 * the three, a read port the read and inspect ports, an inspect port the
 * inspect port (special_port_allowed_with_thread_flavor).
 */
static kern_return_t thread_get_special_port(struct mig_call *c, struct mk_thread *thr,
					     int flavor)
{
	struct special_port_request *rq = (void *)c->req->data;
	int want;

	lockdep_assert_held(&mk_lock);
	if (c->req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	switch (rq->which) {
	case THREAD_KERNEL_PORT:
		want = MK_TASK_FLAVOR_CONTROL;
		break;
	case THREAD_READ_PORT:
		want = MK_TASK_FLAVOR_READ;
		break;
	case THREAD_INSPECT_PORT:
		want = MK_TASK_FLAVOR_INSPECT;
		break;
	default:
		return flavor == MK_TASK_FLAVOR_CONTROL ?
			KERN_INVALID_ARGUMENT : KERN_INVALID_CAPABILITY;
	}
	if (want < flavor)
		return KERN_INVALID_CAPABILITY;
	if (thr->dead)			/* !thread->ipc_active */
		return KERN_FAILURE;
	return make_send_reply(c, thread_flavor_port(thr, want));
}

/* thread_act routines thread.c serves (its own MIG server). */
static kern_return_t thread_routine(struct mig_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_thread_serve(c->thread, c->req, &c->reply);
}

/* thread_suspend also returns once the thread is off-CPU */
static kern_return_t thread_suspend_routine(struct mig_call *c)
{
	kern_return_t kr = mk_thread_serve(c->thread, c->req, &c->reply);

	lockdep_assert_held(&mk_lock);
	if (!kr) {
		c->wait_thr = c->thread;
		c->wait_for = c->thread->task;
	}
	return kr;
}

static kern_return_t thread_special_port_routine(struct mig_call *c)
{
	lockdep_assert_held(&mk_lock);
	return thread_get_special_port(c, c->thread, c->flavor);
}

/* processor_set.c: the set a thread runs in */
static kern_return_t thread_get_assignment(struct mig_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_pset_thread_assignment(c->req, &c->reply);
}

/* the thread_act table ends after the last routine it holds */
#define THREAD_SUBSYSTEM_END	(THREAD_GET_EXCEPTION_PORTS_INFO + 1)
#define THREAD_ROUTINE(id, fn, fl) \
	[(id) - THREAD_SUBSYSTEM] = { .serve = (fn), .flavor = (fl), \
				      .null_kr = KERN_INVALID_ARGUMENT }

/*
 * The thread_act routines by msgh_id, with the least privileged thread
 * flavor each takes; a weaker port converts to THREAD_NULL
 * (KERN_INVALID_ARGUMENT).  thread_get_special_port takes any flavor and
 * checks it itself.  Ids not listed need a control port and go to
 * thread.c, which answers MIG_BAD_ID for what it does not serve.
 */
static const struct mig_routine thread_routines[THREAD_SUBSYSTEM_END -
						THREAD_SUBSYSTEM] = {
	THREAD_ROUTINE(THREAD_GET_STATE, thread_routine, MK_TASK_FLAVOR_READ),
	THREAD_ROUTINE(THREAD_SUSPEND, thread_suspend_routine,
		       MK_TASK_FLAVOR_READ),
	THREAD_ROUTINE(THREAD_RESUME, thread_routine, MK_TASK_FLAVOR_READ),
	THREAD_ROUTINE(THREAD_GET_SPECIAL_PORT, thread_special_port_routine,
		       MK_TASK_FLAVOR_INSPECT),
	THREAD_ROUTINE(THREAD_INFO, thread_routine, MK_TASK_FLAVOR_INSPECT),
	THREAD_ROUTINE(THREAD_POLICY_GET, thread_routine,
		       MK_TASK_FLAVOR_INSPECT),
	THREAD_ROUTINE(THREAD_GET_EXCEPTION_PORTS_INFO, thread_routine,
		       MK_TASK_FLAVOR_READ),
	THREAD_ROUTINE(THREAD_GET_ASSIGNMENT, thread_get_assignment,
		       MK_TASK_FLAVOR_INSPECT),
};

static const struct mig_routine thread_routine_default = {
	.serve = thread_routine,
	.flavor = MK_TASK_FLAVOR_CONTROL,
	.null_kr = KERN_INVALID_ARGUMENT,
};

/* Serve one request to c->thread's port of c->flavor.  Context: mk_lock held. */
static kern_return_t serve_thread(struct mig_call *c)
{
	s32 id = mk_kmsg_hdr(c->req)->id;
	const struct mig_routine *r = &thread_routine_default;

	lockdep_assert_held(&mk_lock);
	if (!c->thread)
		return KERN_INVALID_ARGUMENT;
	if (id >= THREAD_SUBSYSTEM && id < THREAD_SUBSYSTEM_END &&
	    thread_routines[id - THREAD_SUBSYSTEM].serve)
		r = &thread_routines[id - THREAD_SUBSYSTEM];
	if (c->flavor > r->flavor)
		return r->null_kr;
	return r->serve(c);
}

/*
 * task_threads from a read or inspect task port: XNU hands out thread
 * ports of the same flavor (task_threads_internal).  The control rights
 * mk_task_threads put in the reply are swapped for those.
 */
static kern_return_t task_threads_flavor(struct mig_call *c)
{
	struct mk_right *rights;
	struct mk_kdesc *d;
	u32 i;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	kr = mk_task_threads(c->task, c->req, &c->reply);
	if (kr || c->flavor == MK_TASK_FLAVOR_CONTROL)
		return kr;
	d = &c->reply->descs[0];
	rights = d->ool;
	for (i = 0; i < d->count; i++) {
		struct mk_thread *thr;
		struct mk_port *port;

		if (!rights[i].port)
			continue;
		thr = rights[i].port->kobject;
		port = thr ? thread_flavor_port(thr, c->flavor) : NULL;
		mk_right_release(&rights[i]);
		memset(&rights[i], 0, sizeof(rights[i]));
		rights[i].type = MACH_MSG_TYPE_PORT_SEND;
		if (port)
			mk_port_make_send_right(port, &rights[i]);
	}
	return KERN_SUCCESS;
}

static kern_return_t task_suspend2(struct mig_call *c)
{
	struct mig_port_reply *rp;
	struct mk_right token = { 0 };
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	c->reply = reply_alloc(c, sizeof(*rp), 1);
	if (!c->reply)
		return KERN_RESOURCE_SHORTAGE;
	kr = mk_task_suspend2(c->task, &token);
	if (kr)
		return kr;
	rp = (void *)c->reply->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->port.type = MACH_MSG_PORT_DESCRIPTOR;
	rp->port.disposition = MACH_MSG_TYPE_PORT_SEND_ONCE;
	c->reply->descs[0].offset = offsetof(struct mig_port_reply, port);
	c->reply->descs[0].type = MACH_MSG_PORT_DESCRIPTOR;
	c->reply->descs[0].right = token;
	c->wait_for = c->task;
	return KERN_SUCCESS;
}

/* A reply carrying one integer (boolean_t or a behavior word). */
static kern_return_t int_reply(struct mig_call *c, u32 value)
{
	struct mig_int_reply *rp;

	c->reply = reply_alloc(c, sizeof(*rp), 0);
	if (!c->reply)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)c->reply->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->retcode = mk_kr_to_user(KERN_SUCCESS);
	rp->value = value;
	return KERN_SUCCESS;
}

/* XNU's mach_task_is_self: any flavor of the port; is it the caller's? */
static kern_return_t task_is_self(struct mig_call *c)
{
	if (c->req->size != sizeof(struct mk_msg_header))
		return MIG_BAD_ARGUMENTS;
	return int_reply(c, c->task == c->caller);
}

/*
 * XNU's task_set_exc_guard_behavior: bits beyond TASK_EXC_GUARD_ALL are
 * KERN_INVALID_VALUE; the rest is masked to what this configuration
 * supports, and (as on release kernels) a setting that would drop a
 * behaviour in force is KERN_DENIED.
 */
static kern_return_t task_set_exc_guard(struct mig_call *c)
{
	struct mig_int_request *rq = (void *)c->req->data;
	u32 want;

	if (c->req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	if (rq->value & ~TASK_EXC_GUARD_ALL)
		return KERN_INVALID_VALUE;
	want = rq->value & MK_EXC_GUARD_BEHAVIOR;
	if (MK_EXC_GUARD_BEHAVIOR & ~want)
		return KERN_DENIED;
	return KERN_SUCCESS;
}

static kern_return_t task_terminate(struct mig_call *c)
{
	struct task_struct *tsk = get_pid_task(c->task->pid, PIDTYPE_TGID);

	if (!tsk)
		return KERN_INVALID_ARGUMENT;
	send_sig(SIGKILL, tsk, 1);
	put_task_struct(tsk);
	return KERN_SUCCESS;
}

static kern_return_t task_suspend_routine(struct mig_call *c)
{
	kern_return_t kr = mk_task_suspend(c->caller, c->task);

	lockdep_assert_held(&mk_lock);
	if (!kr)
		c->wait_for = c->task;
	return kr;
}

static kern_return_t task_resume_routine(struct mig_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_resume(c->caller, c->task);
}

static kern_return_t task_get_exc_guard(struct mig_call *c)
{
	return int_reply(c, MK_EXC_GUARD_BEHAVIOR);
}

/* semaphore.c */
static kern_return_t task_semaphore_create(struct mig_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_semaphore_create_mig(c->task, c->req, &c->reply);
}

static kern_return_t task_semaphore_destroy(struct mig_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_semaphore_destroy_mig(c->task, c->req);
}

/* task_policy.c */
static kern_return_t task_policy(struct mig_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_policy_serve(c->caller, c->task, c->req, &c->reply);
}

/* task_ident.c */
static kern_return_t task_ident_create(struct mig_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_ident_create(c->task, c->req, &c->reply);
}

/* task_{set,get,swap}_exception_ports (exception.c) */
static kern_return_t task_exc_ports(struct mig_call *c)
{
	lockdep_assert_held(&mk_lock);
	return mk_exc_task_serve(c->task, c->req, &c->reply);
}

#define TASK_ROUTINE(id, fn, fl, nkr) \
	[(id) - TASK_SUBSYSTEM] = { .serve = (fn), .flavor = (fl), .null_kr = (nkr) }
#define TASK_SUBSYSTEM_END	(TASK_GET_EXCEPTION_PORTS_INFO + 1)

/*
 * The task subsystem's routines by msgh_id, as MIG's routine arrays (seed
 * 002: ipc_kobject_server finds the stub by id).  .flavor: the least
 * privileged task port flavor the routine takes, its first argument's type
 * in XNU's task.defs (task_t, task_read_t, task_inspect_t, task_name_t);
 * a weaker port converts to TASK_NULL there, and the routine answers what
 * it answers for a null task, .null_kr (KERN_INVALID_ARGUMENT, or
 * KERN_INVALID_TASK for the guard calls).  task_get_special_port checks
 * the flavor itself; task_threads hands out thread ports of the same
 * flavor.
 */
static const struct mig_routine task_routines[TASK_SUBSYSTEM_END -
					      TASK_SUBSYSTEM] = {
	TASK_ROUTINE(TASK_TERMINATE, task_terminate,
		     MK_TASK_FLAVOR_CONTROL, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_THREADS, task_threads_flavor,
		     MK_TASK_FLAVOR_INSPECT, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_INFO, task_info,
		     MK_TASK_FLAVOR_NAME, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_SUSPEND, task_suspend_routine,
		     MK_TASK_FLAVOR_READ, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_RESUME, task_resume_routine,
		     MK_TASK_FLAVOR_READ, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_GET_SPECIAL_PORT, task_get_special_port,
		     MK_TASK_FLAVOR_NAME, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_SET_SPECIAL_PORT, task_set_special_port,
		     MK_TASK_FLAVOR_CONTROL, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_SET_EXCEPTION_PORTS, task_exc_ports,
		     MK_TASK_FLAVOR_CONTROL, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_GET_EXCEPTION_PORTS, task_exc_ports,
		     MK_TASK_FLAVOR_CONTROL, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_SWAP_EXCEPTION_PORTS, task_exc_ports,
		     MK_TASK_FLAVOR_CONTROL, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(SEMAPHORE_CREATE, task_semaphore_create,
		     MK_TASK_FLAVOR_CONTROL, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(SEMAPHORE_DESTROY, task_semaphore_destroy,
		     MK_TASK_FLAVOR_CONTROL, KERN_INVALID_ARGUMENT),
	/* convert_port_to_task_policy_set/_get, no private entitlement */
	TASK_ROUTINE(TASK_POLICY_SET, task_policy,
		     MK_TASK_FLAVOR_CONTROL, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_POLICY_GET, task_policy,
		     MK_TASK_FLAVOR_INSPECT, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_SUSPEND2, task_suspend2,
		     MK_TASK_FLAVOR_READ, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_GET_EXC_GUARD_BEHAVIOR, task_get_exc_guard,
		     MK_TASK_FLAVOR_INSPECT, KERN_INVALID_TASK),
	TASK_ROUTINE(TASK_SET_EXC_GUARD_BEHAVIOR, task_set_exc_guard,
		     MK_TASK_FLAVOR_CONTROL, KERN_INVALID_TASK),
	TASK_ROUTINE(MACH_TASK_IS_SELF, task_is_self,
		     MK_TASK_FLAVOR_NAME, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_CREATE_IDENTITY_TOKEN, task_ident_create,
		     MK_TASK_FLAVOR_CONTROL, KERN_INVALID_ARGUMENT),
	TASK_ROUTINE(TASK_GET_EXCEPTION_PORTS_INFO, task_exc_ports,
		     MK_TASK_FLAVOR_READ, KERN_INVALID_ARGUMENT),
};

static const struct mig_routine *task_routine(s32 id)
{
	const struct mig_routine *r;

	if (id < TASK_SUBSYSTEM || id >= TASK_SUBSYSTEM_END)
		return NULL;
	r = &task_routines[id - TASK_SUBSYSTEM];
	return r->serve ? r : NULL;
}

/*
 * Serve one request to a task port.  Ids outside the table go to vm.c's
 * mach_vm routines, with their flavors, or else to exception.c, which
 * answers MIG_BAD_ID for what it does not serve (a name port is enough
 * to be told so).  Context: mk_lock held; the mach_vm routines drop it
 * while they work on the target's memory and take it again.
 */
static kern_return_t serve_task(struct mig_call *c)
	__must_hold(&mk_lock)
{
	s32 id = mk_kmsg_hdr(c->req)->id;
	const struct mig_routine *r = task_routine(id);

	lockdep_assert_held(&mk_lock);
	if (r) {
		if (c->flavor > r->flavor)
			return r->null_kr;
		return r->serve(c);
	}
	if (mk_vm_routine(id)) {				/* vm.c */
		if (c->flavor > mk_vm_routine_flavor(id))
			return KERN_INVALID_ARGUMENT;
		return mk_vm_serve(c->task, c->req, &c->reply);
	}
	if (c->flavor > MK_TASK_FLAVOR_NAME)
		return KERN_INVALID_ARGUMENT;
	return task_exc_ports(c);
}

static void send_reply(struct mk_kmsg *req, struct mk_kmsg *reply)
{
	struct mk_msg_header *hdr = mk_kmsg_hdr(reply);

	lockdep_assert_held(&mk_lock);
	reply->dest = req->reply;
	memset(&req->reply, 0, sizeof(req->reply));
	if (!reply->dest.port) {	/* nowhere to send it */
		mk_kmsg_destroy(reply);
		return;
	}
	hdr->bits |= MACH_MSGH_BITS(reply->dest.type, 0);
	mk_kmsg_enqueue(reply->dest.port, reply);
}

/* A task port of any flavor; the task was set from the port. */
static kern_return_t kobj_serve_task(struct mig_call *c, struct mk_port *port)
	__must_hold(&mk_lock)
{
	lockdep_assert_held(&mk_lock);
	if (!c->task || c->task->dead)
		return KERN_INVALID_ARGUMENT;
	return serve_task(c);
}

static kern_return_t kobj_serve_thread(struct mig_call *c, struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	c->thread = port->kobject;
	c->flavor = thread_port_flavor(port);
	return serve_thread(c);
}

/* A resume port takes task_resume2 only, through a send-once right. */
static kern_return_t kobj_serve_resume(struct mig_call *c, struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	c->task = port->kobject;
	if (mk_kmsg_hdr(c->req)->id != TASK_RESUME2 ||
	    c->req->dest.type != MACH_MSG_TYPE_PORT_SEND_ONCE)
		return MIG_BAD_ID;
	return c->task ? mk_task_resume2(c->task) : KERN_INVALID_ARGUMENT;
}

/* host.c: the host port and the clock services */
static kern_return_t kobj_serve_host(struct mig_call *c, struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	return mk_host_serve(port, c->req, &c->reply);
}

/* task_ident.c: an identity token takes task_identity_token_get_task_port */
static kern_return_t kobj_serve_task_ident(struct mig_call *c, struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	return mk_task_ident_serve(c->caller, port, c->req, &c->reply);
}

/* processor_set.c: the processor set's control and name ports */
static kern_return_t kobj_serve_pset(struct mig_call *c, struct mk_port *port)
{
	lockdep_assert_held(&mk_lock);
	return mk_pset_serve(port, c->req, &c->reply);
}

/*
 * Whether a kernel object of the module serves @id.  XNU's
 * ipc_kobject_server finds the routine by msgh_id in one table of every
 * kernel subsystem, whatever kind of port the message came to, and the
 * routine converts a port of another kind to a null object: so a routine
 * served here, sent to the wrong kind of port, answers
 * KERN_INVALID_ARGUMENT, and an id no kernel object serves MIG_BAD_ID.
 */
static bool mig_id_served(s32 id)
{
	switch (id) {
	case HOST_INFO:
	case HOST_PAGE_SIZE:
	case HOST_PROCESSOR_INFO:
	case HOST_GET_CLOCK_SERVICE:
	case HOST_STATISTICS:
	case HOST_STATISTICS64:
	case HOST_SUBSYSTEM + HOST_SET_EXCEPTION_PORTS:	/* set, get, swap */
	case HOST_SUBSYSTEM + HOST_SET_EXCEPTION_PORTS + 1:
	case HOST_SUBSYSTEM + HOST_SET_EXCEPTION_PORTS + 2:
	case CLOCK_GET_TIME:
	case HOST_GET_SPECIAL_PORT:
	case PROCESSOR_SET_DEFAULT:
	case HOST_PROCESSOR_SETS:
	case HOST_PROCESSOR_SET_PRIV:
	case PROCESSOR_SET_INFO:
	case PROCESSOR_SET_TASKS:
	case PROCESSOR_SET_TASKS_WITH_FLAVOR:
	case THREAD_TERMINATE:
	case THREAD_GET_STATE:
	case THREAD_SET_STATE:
	case THREAD_SUSPEND:
	case THREAD_RESUME:
	case THREAD_GET_SPECIAL_PORT:
	case THREAD_INFO:
	case THREAD_POLICY_SET:
	case THREAD_POLICY_GET:
	case THREAD_GET_ASSIGNMENT:
	case THREAD_SUBSYSTEM + SET_EXCEPTION_PORTS:
	case THREAD_SUBSYSTEM + GET_EXCEPTION_PORTS:
	case THREAD_SUBSYSTEM + SWAP_EXCEPTION_PORTS:
	case TASK_IDENTITY_TOKEN_GET_TASK_PORT:
	case THREAD_GET_EXCEPTION_PORTS_INFO:
		return true;
	default:
		return task_routine(id) || mk_vm_routine(id);
	}
}

/*
 * What each kernel-object type does: serve a message sent to it (none:
 * only the answers of mig_id_served), its last send right gone (instead of a
 * no-senders notification), a send-once right to it destroyed unused
 * (instead of a send-once notification).  Timer ports are queued like any
 * other (mk_timer.c) and are never served.
 */
const struct mk_kobject_ops mk_kobject_ops[MK_KOBJ_COUNT] = {
	[MK_KOBJ_TASK] = { .serve = kobj_serve_task },
	[MK_KOBJ_TASK_NAME] = { .serve = kobj_serve_task },
	[MK_KOBJ_TASK_READ] = { .serve = kobj_serve_task },
	[MK_KOBJ_TASK_INSPECT] = { .serve = kobj_serve_task },
	[MK_KOBJ_RESUME] = {
		.serve = kobj_serve_resume,
		.no_senders = mk_resume_no_senders,		/* suspend.c */
		.sonce_dropped = mk_resume_token_dropped,
	},
	[MK_KOBJ_THREAD] = { .serve = kobj_serve_thread },
	[MK_KOBJ_THREAD_READ] = { .serve = kobj_serve_thread },
	[MK_KOBJ_THREAD_INSPECT] = { .serve = kobj_serve_thread },
	[MK_KOBJ_SEMAPHORE] = { .no_senders = mk_semaphore_no_senders },
	[MK_KOBJ_HOST] = { .serve = kobj_serve_host },
	[MK_KOBJ_CLOCK] = { .serve = kobj_serve_host },
	[MK_KOBJ_PSET] = { .serve = kobj_serve_pset },
	[MK_KOBJ_PSET_NAME] = { .serve = kobj_serve_pset },
	[MK_KOBJ_MEMORY_ENTRY] = {
		.no_senders = mk_mem_entry_no_senders,		/* memory_entry.c */
	},
	[MK_KOBJ_TASK_ID_TOKEN] = {
		.serve = kobj_serve_task_ident,
		.no_senders = mk_task_ident_no_senders,		/* task_ident.c */
	},
};

/*
 * Serve @req, sent to the kernel-object port @port.  Consumes @req.
 * Returns the task the caller must wait on (task_suspend) or NULL.
 * Context: mk_lock held, dropped and retaken by the mach_vm routines.
 */
struct mk_task *mk_kobject_server(struct mk_task *caller, struct mk_kmsg *req,
				  struct mk_thread **wait_thr)
	__must_hold(&mk_lock)
{
	struct mk_port *port = req->dest.port;
	const struct mk_kobject_ops *ops = mk_kobject_ops_of(port);
	struct mig_call c = { .req = req, .caller = caller };
	struct mig_reply_error *err;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	c.flavor = mk_task_port_flavor(port);
	if (c.flavor != MK_TASK_FLAVOR_NONE)
		c.task = port->kobject;
	kr = ops->serve ? ops->serve(&c, port) : MIG_BAD_ID;
	if (kr == MIG_BAD_ID && mig_id_served(mk_kmsg_hdr(req)->id))
		kr = KERN_INVALID_ARGUMENT;	/* served, on another kind */
	*wait_thr = c.wait_thr;
	/* the destination right is consumed, without a notification */
	mk_right_release_used(&req->dest);
	if (kr && c.reply) {
		mk_kmsg_destroy(c.reply);
		c.reply = NULL;
	}
	if (!c.reply) {
		c.reply = reply_alloc(&c, sizeof(*err), 0);
		if (c.reply) {
			err = (void *)c.reply->data;
			memcpy(err->ndr, mk_ndr_record, sizeof(err->ndr));
			err->retcode = mk_kr_to_user(kr);
		}
	}
	if (c.reply)
		send_reply(req, c.reply);
	mk_kmsg_destroy(req);	/* what the routine did not take */
	return kr ? NULL : c.wait_for;
}
