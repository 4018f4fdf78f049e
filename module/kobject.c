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
#include <linux/sched/signal.h>
#include <linux/string.h>
#include "kmsg.h"
#include "vm.h"

#define TASK_TERMINATE		3401
#define TASK_THREADS		3402
#define THREAD_SUSPEND		3605
#define TASK_INFO		3405
#define TASK_SUSPEND		3407
#define TASK_RESUME		3408
#define TASK_GET_SPECIAL_PORT	3409
#define TASK_SET_SPECIAL_PORT	3410
#define TASK_SUSPEND2		3436
#define TASK_RESUME2		3437

#define TASK_THREAD_TIMES_INFO	3
#define TASK_BASIC_INFO_32	4
#define TASK_BASIC_INFO_64	5
#define TASK_AUDIT_TOKEN	15
#define MACH_TASK_BASIC_INFO	20
#define TASK_INFO_MAX		1024

#define TASK_KERNEL_PORT	1
#define TASK_NAME_PORT		3
#define TASK_BOOTSTRAP_PORT	4

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

struct task_info_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
	u32 count;
} __packed;

struct task_info_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u32 count;
	s32 info[];
} __packed;

struct special_port_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 which;
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
	struct mk_kmsg *reply;		/* set by routines with outputs */
	struct mk_task *wait_for;	/* task_suspend: wait for quiet */
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

static struct mk_kmsg *reply_alloc(struct mig_call *c, u32 size, u32 ndesc)
{
	return mk_mig_reply_alloc(c->req, size, ndesc);
}

static int task_info(struct mig_call *c)
{
	struct task_info_request *rq = (void *)c->req->data;
	struct task_info_reply *rp;
	struct task_struct *tsk;
	struct mm_struct *mm;
	u64 vsize = 0, rss = 0, ut = 0, st = 0;
	u32 count = min_t(u32, rq->count, TASK_INFO_MAX), need;
	s32 *v, suspend;

	if (c->req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	switch (rq->flavor) {
	case TASK_BASIC_INFO_32:
		need = 8;
		break;
	case TASK_BASIC_INFO_64:
		need = 10;
		break;
	case MACH_TASK_BASIC_INFO:
		need = 12;
		break;
	case TASK_AUDIT_TOKEN:
		need = 8;
		break;
	case TASK_THREAD_TIMES_INFO:
		need = 4;
		break;
	default:
		if (mk_vm_task_info_flavor(rq->flavor))		/* vm.c */
			return mk_vm_task_info(c->task, rq->flavor, count,
					       c->req, &c->reply);
		return KERN_INVALID_ARGUMENT;
	}
	if (count < need)
		return KERN_INVALID_ARGUMENT;
	tsk = get_pid_task(c->task->pid, PIDTYPE_TGID);
	if (!tsk)
		return KERN_INVALID_ARGUMENT;
	/* a job-control stop counts as one hold, as XNU's SIGSTOP does */
	suspend = c->task->user_stop_count + mk_task_stop_holds(c->task);
	mm = get_task_mm(tsk);
	if (mm) {
		vsize = (u64)mm->total_vm << PAGE_SHIFT;
		rss = (u64)get_mm_rss(mm) << PAGE_SHIFT;
		mmput(mm);
	}
	ut = tsk->signal->utime + tsk->utime;
	st = tsk->signal->stime + tsk->stime;
	c->reply = reply_alloc(c, sizeof(*rp) + need * 4, 0);
	if (!c->reply) {
		put_task_struct(tsk);
		return KERN_RESOURCE_SHORTAGE;
	}
	rp = (void *)c->reply->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = need;
	v = rp->info;
	switch (rq->flavor) {
	case TASK_BASIC_INFO_32:	/* suspend, vsize, rss, times, policy */
		v[0] = suspend;
		v[1] = (u32)vsize;
		v[2] = (u32)rss;
		v[3] = div_u64(ut, NSEC_PER_SEC);
		v[4] = div_u64(ut, NSEC_PER_USEC) % USEC_PER_SEC;
		v[5] = div_u64(st, NSEC_PER_SEC);
		v[6] = div_u64(st, NSEC_PER_USEC) % USEC_PER_SEC;
		v[7] = 1;		/* POLICY_TIMESHARE */
		break;
	case TASK_BASIC_INFO_64:
		v[0] = suspend;
		memcpy(&v[1], &vsize, 8);
		memcpy(&v[3], &rss, 8);
		v[5] = div_u64(ut, NSEC_PER_SEC);
		v[6] = div_u64(ut, NSEC_PER_USEC) % USEC_PER_SEC;
		v[7] = div_u64(st, NSEC_PER_SEC);
		v[8] = div_u64(st, NSEC_PER_USEC) % USEC_PER_SEC;
		v[9] = 1;
		break;
	case MACH_TASK_BASIC_INFO:
		memcpy(&v[0], &vsize, 8);
		memcpy(&v[2], &rss, 8);
		memcpy(&v[4], &rss, 8);	/* resident_size_max: no better figure */
		v[6] = div_u64(ut, NSEC_PER_SEC);
		v[7] = div_u64(ut, NSEC_PER_USEC) % USEC_PER_SEC;
		v[8] = div_u64(st, NSEC_PER_SEC);
		v[9] = div_u64(st, NSEC_PER_USEC) % USEC_PER_SEC;
		v[10] = 1;
		v[11] = suspend;
		break;
	case TASK_AUDIT_TOKEN: {
		const struct cred *cred = get_task_cred(tsk);

		v[0] = -1;
		v[1] = from_kuid_munged(&init_user_ns, cred->euid);
		v[2] = from_kgid_munged(&init_user_ns, cred->egid);
		v[3] = from_kuid_munged(&init_user_ns, cred->uid);
		v[4] = from_kgid_munged(&init_user_ns, cred->gid);
		v[5] = pid_nr(c->task->pid);
		v[6] = task_session_nr_ns(tsk, &init_pid_ns);
		v[7] = 0;
		put_cred(cred);
		break;
	}
	case TASK_THREAD_TIMES_INFO:	/* live threads' times */
		v[0] = div_u64(tsk->utime, NSEC_PER_SEC);
		v[1] = div_u64(tsk->utime, NSEC_PER_USEC) % USEC_PER_SEC;
		v[2] = div_u64(tsk->stime, NSEC_PER_SEC);
		v[3] = div_u64(tsk->stime, NSEC_PER_USEC) % USEC_PER_SEC;
		break;
	}
	put_task_struct(tsk);
	return KERN_SUCCESS;
}

static int task_get_special_port(struct mig_call *c)
{
	struct special_port_request *rq = (void *)c->req->data;
	struct mig_port_reply *rp;
	struct mk_right r = { .type = MACH_MSG_TYPE_PORT_SEND };
	struct mk_port *port = NULL;
	bool make = false;

	if (c->req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	switch (rq->which) {
	case TASK_KERNEL_PORT:
	case TASK_NAME_PORT:		/* no separate name port yet */
		port = c->task->self;
		make = true;
		break;
	default:
		if (rq->which <= 0 || rq->which > MK_TASK_SPECIAL_MAX ||
		    rq->which == 7 || rq->which == 8)	/* retired numbers */
			return KERN_INVALID_ARGUMENT;
		port = c->task->special[rq->which].port;
		break;
	}
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

static int task_set_special_port(struct mig_call *c)
{
	struct set_special_port_request *rq = (void *)c->req->data;
	struct mk_right *slot;

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

static int task_suspend2(struct mig_call *c)
{
	struct mig_port_reply *rp;
	struct mk_right token = { 0 };
	int kr;

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

static int task_terminate(struct mig_call *c)
{
	struct task_struct *tsk = get_pid_task(c->task->pid, PIDTYPE_TGID);

	if (!tsk)
		return KERN_INVALID_ARGUMENT;
	send_sig(SIGKILL, tsk, 1);
	put_task_struct(tsk);
	return KERN_SUCCESS;
}

/* Serve one request to a task port.  Context: mk_lock held. */
static int serve_task(struct mig_call *c, struct mk_task *caller)
{
	int kr;

	switch (mk_kmsg_hdr(c->req)->id) {
	case TASK_TERMINATE:
		return task_terminate(c);
	case TASK_THREADS:
		return mk_task_threads(c->task, c->req, &c->reply);
	case TASK_INFO:
		return task_info(c);
	case TASK_SUSPEND:
		kr = mk_task_suspend(caller, c->task);
		if (!kr)
			c->wait_for = c->task;
		return kr;
	case TASK_RESUME:
		return mk_task_resume(caller, c->task);
	case TASK_GET_SPECIAL_PORT:
		return task_get_special_port(c);
	case TASK_SET_SPECIAL_PORT:
		return task_set_special_port(c);
	case TASK_SUSPEND2:
		return task_suspend2(c);
	default:
		if (mk_vm_routine(mk_kmsg_hdr(c->req)->id))	/* vm.c */
			return mk_vm_serve(c->task, c->req, &c->reply);
		return MIG_BAD_ID;
	}
}

static void send_reply(struct mk_kmsg *req, struct mk_kmsg *reply)
{
	struct mk_msg_header *hdr = mk_kmsg_hdr(reply);

	reply->dest = req->reply;
	memset(&req->reply, 0, sizeof(req->reply));
	if (!reply->dest.port) {	/* nowhere to send it */
		mk_kmsg_destroy(reply);
		return;
	}
	hdr->bits |= MACH_MSGH_BITS(reply->dest.type, 0);
	mk_kmsg_enqueue(reply->dest.port, reply);
}

/*
 * Serve @req, sent to the kernel-object port @port.  Consumes @req.
 * Returns the task the caller must wait on (task_suspend) or NULL.
 * Context: mk_lock held.
 */
struct mk_task *mk_kobject_server(struct mk_task *caller, struct mk_kmsg *req,
				  struct mk_thread **wait_thr)
{
	struct mk_port *port = req->dest.port;
	struct mig_call c = { .req = req };
	struct mig_reply_error *err;
	int kr;

	if (port->kotype == MK_KOBJ_TASK)
		c.task = port->kobject;
	*wait_thr = NULL;
	if (port->kotype == MK_KOBJ_THREAD) {
		kr = mk_thread_serve(port->kobject, req, &c.reply);
		/* thread_suspend also returns once the thread is off-CPU */
		if (!kr && mk_kmsg_hdr(req)->id == THREAD_SUSPEND) {
			*wait_thr = port->kobject;
			c.wait_for = (*wait_thr)->task;
		}
	} else if (port->kotype == MK_KOBJ_RESUME) {
		c.task = port->kobject;
		kr = mk_kmsg_hdr(req)->id == TASK_RESUME2 &&
			req->dest.type == MACH_MSG_TYPE_PORT_SEND_ONCE ?
			(c.task ? mk_task_resume2(c.task) : KERN_INVALID_ARGUMENT) :
			MIG_BAD_ID;
	} else if (port->kotype == MK_KOBJ_TASK_NAME) {
		/* a name port only reads: task_info */
		c.task = port->kobject;
		kr = !c.task || c.task->dead ? KERN_INVALID_ARGUMENT :
			mk_kmsg_hdr(req)->id == TASK_INFO ? task_info(&c) :
			KERN_INVALID_ARGUMENT;
	} else if (port->kotype == MK_KOBJ_HOST ||
		   port->kotype == MK_KOBJ_CLOCK) {
		kr = mk_host_serve(port, req, &c.reply);	/* host.c */
	} else if (!c.task || c.task->dead) {
		kr = KERN_INVALID_ARGUMENT;
	} else {
		kr = serve_task(&c, caller);
	}
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
			err->retcode = kr;
		}
	}
	if (c.reply)
		send_reply(req, c.reply);
	mk_kmsg_destroy(req);	/* what the routine did not take */
	return kr ? NULL : c.wait_for;
}
