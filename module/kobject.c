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
#include "ipc.h"
#include "kmsg.h"
#include "sync.h"
#include "vm.h"

#define TASK_TERMINATE		3401
#define TASK_THREADS		3402
#define THREAD_GET_STATE	3603
#define THREAD_SUSPEND		3605
#define THREAD_RESUME		3606
#define THREAD_GET_SPECIAL_PORT	3610
#define THREAD_INFO		3612
#define TASK_INFO		3405
#define TASK_SUSPEND		3407
#define TASK_RESUME		3408
#define TASK_GET_SPECIAL_PORT	3409
#define TASK_SET_SPECIAL_PORT	3410
#define TASK_SUSPEND2		3436
#define TASK_RESUME2		3437
#define TASK_GET_EXC_GUARD_BEHAVIOR	3452
#define TASK_SET_EXC_GUARD_BEHAVIOR	3453
#define MACH_TASK_IS_SELF	3455
#define TASK_SET_EXCEPTION_PORTS	3413	/* exception.c serves these */
#define TASK_GET_EXCEPTION_PORTS	3414
#define TASK_SWAP_EXCEPTION_PORTS	3415
#define SEMAPHORE_CREATE	3418
#define SEMAPHORE_DESTROY	3419

#define TASK_ABSOLUTETIME_INFO	1
#define TASK_THREAD_TIMES_INFO	3
#define TASK_BASIC_INFO_32	4
#define TASK_BASIC_INFO_64	5
#define TASK_BASIC2_INFO_32	6
#define TASK_SECURITY_TOKEN	13
#define TASK_AUDIT_TOKEN	15
#define MACH_TASK_BASIC_INFO	20
#define TASK_INFO_MAX		1024

#define TASK_KERNEL_PORT	1
#define TASK_NAME_PORT		3
#define TASK_BOOTSTRAP_PORT	4
#define TASK_INSPECT_PORT	5
#define TASK_READ_PORT		6

#define THREAD_KERNEL_PORT	1
#define THREAD_INSPECT_PORT	2
#define THREAD_READ_PORT	3

#ifndef KERN_DENIED
#define KERN_DENIED		53
#endif

/*
 * Mach port guards are delivered and fatal here, always (right.c's
 * mk_guard_violation kills): the behaviour task_get_exc_guard_behavior
 * reports, and the only one task_set_exc_guard_behavior accepts.
 */
#define TASK_EXC_GUARD_MP_DELIVER	0x10
#define TASK_EXC_GUARD_MP_FATAL		0x80
#define TASK_EXC_GUARD_ALL		0xff
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

/*
 * Resident pages of @mm, counted exactly.  With split RSS counting (6.1,
 * big NR_CPUS) each thread keeps up to 64 page events in its own
 * task->rss_stat until it syncs them into the mm, so get_mm_rss() misses
 * what a process has just touched: the threads' caches are added here
 * (their owners update them without a lock: a racy but never torn read).
 * From 6.2 the mm's counters are per CPU and get_mm_rss() reads only their
 * central value: the per-CPU parts are summed in instead.
 */
static unsigned long task_rss_pages(struct task_struct *tsk,
				    struct mm_struct *mm)
{
	long sum = 0;
	int i;

	if (__same_type(mm->rss_stat,
			struct percpu_counter[NR_MM_COUNTERS])) {
		struct percpu_counter *c = (void *)&mm->rss_stat;

		for (i = 0; i < NR_MM_COUNTERS; i++)
			if (i != MM_SWAPENTS)
				sum += percpu_counter_sum_positive(&c[i]);
		return sum;
	}
	sum = get_mm_rss(mm);
#ifdef SPLIT_RSS_COUNTING
	{
		struct task_struct *t;

		rcu_read_lock();
		for_each_thread(tsk, t) {
			if (READ_ONCE(t->mm) != mm)
				continue;
			for (i = 0; i < NR_MM_COUNTERS; i++)
				if (i != MM_SWAPENTS)
					sum += READ_ONCE(t->rss_stat.count[i]);
		}
		rcu_read_unlock();
	}
#endif
	return sum > 0 ? sum : 0;
}

/*
 * The live threads' user and system times (ns), summed.  The tick-sampled
 * utime/stime are scaled to the precise runtime, as /proc and getrusage
 * show them (task_cputime_adjusted).
 */
static void live_times(struct task_struct *tsk, u64 *ut, u64 *st)
{
	struct task_struct *t;
	u64 u, s;

	*ut = 0;
	*st = 0;
	rcu_read_lock();
	for_each_thread(tsk, t) {
		task_cputime_adjusted(t, &u, &s);
		*ut += u;
		*st += s;
	}
	rcu_read_unlock();
}

/*
 * The terminated threads' times: the signal struct keeps their sampled
 * utime/stime and their precise runtime; split the latter as the former.
 */
static void dead_times(struct task_struct *tsk, u64 *ut, u64 *st)
{
	u64 rt = READ_ONCE(tsk->signal->sum_sched_runtime);
	u64 u = READ_ONCE(tsk->signal->utime);
	u64 s = READ_ONCE(tsk->signal->stime);

	*st = u + s ? mul_u64_u64_div_u64(rt, s, u + s) : 0;
	*ut = rt - min(*st, rt);
}

static int task_info(struct mig_call *c)
{
	struct task_info_request *rq = (void *)c->req->data;
	struct task_info_reply *rp;
	struct task_struct *tsk;
	struct mm_struct *mm;
	u64 vsize = 0, rss = 0, rss_max = 0, ut, st, live_ut, live_st;
	u32 count = min_t(u32, rq->count, TASK_INFO_MAX), need;
	s32 *v, suspend;

	if (c->req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	switch (rq->flavor) {
	case TASK_BASIC_INFO_32:
	case TASK_BASIC2_INFO_32:
		need = 8;
		break;
	case TASK_SECURITY_TOKEN:
		need = 2;
		break;
	case TASK_ABSOLUTETIME_INFO:
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
		rss = (u64)task_rss_pages(tsk, mm) << PAGE_SHIFT;
		rss_max = max_t(u64, rss,
				(u64)READ_ONCE(mm->hiwater_rss) << PAGE_SHIFT);
		mmput(mm);
	}
	/*
	 * XNU's basic flavors report the terminated threads' times
	 * (_task_fill_times); TASK_THREAD_TIMES_INFO the live ones.
	 */
	dead_times(tsk, &ut, &st);
	live_times(tsk, &live_ut, &live_st);
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
	case TASK_BASIC2_INFO_32:	/* the same, with the peak rss */
		if (rq->flavor == TASK_BASIC2_INFO_32)
			rss = rss_max;
		v[0] = suspend;
		v[1] = (u32)vsize;
		v[2] = (u32)min_t(u64, rss, U32_MAX);	/* XNU clamps */
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
		memcpy(&v[4], &rss_max, 8);	/* resident_size_max */
		v[6] = div_u64(ut, NSEC_PER_SEC);
		v[7] = div_u64(ut, NSEC_PER_USEC) % USEC_PER_SEC;
		v[8] = div_u64(st, NSEC_PER_SEC);
		v[9] = div_u64(st, NSEC_PER_USEC) % USEC_PER_SEC;
		v[10] = 1;
		v[11] = suspend;
		break;
	case TASK_SECURITY_TOKEN: {	/* the trailer's: euid, egid */
		const struct cred *cred = get_task_cred(tsk);

		v[0] = from_kuid_munged(&init_user_ns, cred->euid);
		v[1] = from_kgid_munged(&init_user_ns, cred->egid);
		put_cred(cred);
		break;
	}
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
	case TASK_ABSOLUTETIME_INFO: {
		/*
		 * mach_absolute_time() units, which are nanoseconds here:
		 * totals count the terminated threads too.
		 */
		u64 t[4] = { ut + live_ut, st + live_st, live_ut, live_st };

		memcpy(v, t, sizeof(t));
		break;
	}
	case TASK_THREAD_TIMES_INFO:	/* live threads' times */
		v[0] = div_u64(live_ut, NSEC_PER_SEC);
		v[1] = div_u64(live_ut, NSEC_PER_USEC) % USEC_PER_SEC;
		v[2] = div_u64(live_st, NSEC_PER_SEC);
		v[3] = div_u64(live_st, NSEC_PER_USEC) % USEC_PER_SEC;
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
	switch (rq->which) {
	case TASK_KERNEL_PORT:
		port = c->task->self;
		make = true;
		break;
	case TASK_NAME_PORT:		/* each its own port, as XNU's */
		port = mk_task_flavor_port(c->task, MK_TASK_FLAVOR_NAME);
		make = true;
		break;
	case TASK_READ_PORT:
		port = mk_task_flavor_port(c->task, MK_TASK_FLAVOR_READ);
		make = true;
		break;
	case TASK_INSPECT_PORT:
		port = mk_task_flavor_port(c->task, MK_TASK_FLAVOR_INSPECT);
		make = true;
		break;
	default:
		if (rq->which <= 0 || rq->which > MK_TASK_SPECIAL_MAX ||
		    rq->which == 7 || rq->which == 8)	/* retired numbers */
			return KERN_INVALID_ARGUMENT;
		port = c->task->special[rq->which].port;
		break;
	}
	if (make && !port)
		return KERN_RESOURCE_SHORTAGE;
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
static int make_send_reply(struct mig_call *c, struct mk_port *port)
{
	struct mig_port_reply *rp;
	struct mk_right r = { .type = MACH_MSG_TYPE_PORT_SEND };

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
	if (port && port->active)
		mk_port_make_send_right(port, &r);
	c->reply->descs[0].right = r;
	return KERN_SUCCESS;
}

/*
 * XNU's thread_get_special_port_from_user: a control port gets any of
 * the three, a read port the read and inspect ports, an inspect port the
 * inspect port (special_port_allowed_with_thread_flavor).
 */
static int thread_get_special_port(struct mig_call *c, struct mk_thread *thr,
				   int flavor)
{
	struct special_port_request *rq = (void *)c->req->data;
	int want;

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

/* The least privileged thread flavor each thread_act routine takes. */
static int thread_routine_flavor(s32 id)
{
	switch (id) {
	case THREAD_INFO:
		return MK_TASK_FLAVOR_INSPECT;
	case THREAD_GET_STATE:
	case THREAD_SUSPEND:
	case THREAD_RESUME:
		return MK_TASK_FLAVOR_READ;
	default:
		return MK_TASK_FLAVOR_CONTROL;
	}
}

/* Serve one request to a thread port of @flavor.  Context: mk_lock held. */
static int serve_thread(struct mig_call *c, struct mk_thread *thr, int flavor,
			struct mk_thread **wait_thr)
{
	s32 id = mk_kmsg_hdr(c->req)->id;
	int kr;

	lockdep_assert_held(&mk_lock);
	if (!thr)
		return KERN_INVALID_ARGUMENT;
	if (id == THREAD_GET_SPECIAL_PORT)
		return thread_get_special_port(c, thr, flavor);
	if (flavor > thread_routine_flavor(id))
		return KERN_INVALID_ARGUMENT;	/* converts to THREAD_NULL */
	kr = mk_thread_serve(thr, c->req, &c->reply);
	/* thread_suspend also returns once the thread is off-CPU */
	if (!kr && id == THREAD_SUSPEND) {
		*wait_thr = thr;
		c->wait_for = thr->task;
	}
	return kr;
}

/*
 * task_threads from a read or inspect task port: XNU hands out thread
 * ports of the same flavor (task_threads_internal).  The control rights
 * mk_task_threads put in the reply are swapped for those.
 */
static int task_threads_flavor(struct mig_call *c)
{
	struct mk_right *rights;
	struct mk_kdesc *d;
	u32 i;
	int kr;

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

/* A reply carrying one integer (boolean_t or a behavior word). */
static int int_reply(struct mig_call *c, u32 value)
{
	struct mig_int_reply *rp;

	c->reply = reply_alloc(c, sizeof(*rp), 0);
	if (!c->reply)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)c->reply->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->retcode = KERN_SUCCESS;
	rp->value = value;
	return KERN_SUCCESS;
}

/* XNU's mach_task_is_self: any flavor of the port; is it the caller's? */
static int task_is_self(struct mig_call *c, struct mk_task *caller)
{
	if (c->req->size != sizeof(struct mk_msg_header))
		return MIG_BAD_ARGUMENTS;
	return int_reply(c, c->task == caller);
}

/*
 * XNU's task_set_exc_guard_behavior: bits beyond TASK_EXC_GUARD_ALL are
 * KERN_INVALID_VALUE; the rest is masked to what this configuration
 * supports, and (as on release kernels) a setting that would drop a
 * behaviour in force is KERN_DENIED.
 */
static int task_set_exc_guard(struct mig_call *c)
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

static int task_terminate(struct mig_call *c)
{
	struct task_struct *tsk = get_pid_task(c->task->pid, PIDTYPE_TGID);

	if (!tsk)
		return KERN_INVALID_ARGUMENT;
	send_sig(SIGKILL, tsk, 1);
	put_task_struct(tsk);
	return KERN_SUCCESS;
}

/*
 * The least privileged task port flavor each routine takes: its first
 * argument's type in XNU's task.defs (task_t, task_read_t,
 * task_inspect_t, task_name_t).  A port of a weaker flavor converts to
 * TASK_NULL there, and the routine answers what it answers for a null
 * task: KERN_INVALID_ARGUMENT, or KERN_INVALID_TASK for the guard calls.
 */
static int routine_flavor(s32 id, int *null_kr)
{
	*null_kr = KERN_INVALID_ARGUMENT;
	switch (id) {
	case TASK_INFO:
	case MACH_TASK_IS_SELF:
		return MK_TASK_FLAVOR_NAME;
	case TASK_GET_EXC_GUARD_BEHAVIOR:
		*null_kr = KERN_INVALID_TASK;
		return MK_TASK_FLAVOR_INSPECT;
	case TASK_GET_SPECIAL_PORT:	/* checks the flavor itself */
		return MK_TASK_FLAVOR_NAME;
	case TASK_THREADS:		/* thread ports of the same flavor */
		return MK_TASK_FLAVOR_INSPECT;
	case TASK_SUSPEND:
	case TASK_RESUME:
	case TASK_SUSPEND2:
		return MK_TASK_FLAVOR_READ;
	case TASK_SET_EXC_GUARD_BEHAVIOR:
		*null_kr = KERN_INVALID_TASK;
		return MK_TASK_FLAVOR_CONTROL;
	case TASK_TERMINATE:
	case TASK_SET_SPECIAL_PORT:
	case TASK_SET_EXCEPTION_PORTS:
	case TASK_GET_EXCEPTION_PORTS:
	case TASK_SWAP_EXCEPTION_PORTS:
	case SEMAPHORE_CREATE:
	case SEMAPHORE_DESTROY:
		return MK_TASK_FLAVOR_CONTROL;
	default:			/* MIG_BAD_ID, whatever the port */
		return mk_vm_routine(id) ? mk_vm_routine_flavor(id) :
			MK_TASK_FLAVOR_NAME;
	}
}

/* Serve one request to a task port.  Context: mk_lock held. */
static int serve_task(struct mig_call *c, struct mk_task *caller)
{
	s32 id = mk_kmsg_hdr(c->req)->id;
	int kr, null_kr;

	lockdep_assert_held(&mk_lock);
	if (c->flavor > routine_flavor(id, &null_kr))
		return null_kr;
	switch (id) {
	case TASK_TERMINATE:
		return task_terminate(c);
	case TASK_THREADS:
		return task_threads_flavor(c);
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
	case TASK_GET_EXC_GUARD_BEHAVIOR:
		return int_reply(c, MK_EXC_GUARD_BEHAVIOR);
	case TASK_SET_EXC_GUARD_BEHAVIOR:
		return task_set_exc_guard(c);
	case MACH_TASK_IS_SELF:
		return task_is_self(c, caller);
	case SEMAPHORE_CREATE:		/* semaphore.c */
		return mk_semaphore_create_mig(c->task, c->req, &c->reply);
	case SEMAPHORE_DESTROY:
		return mk_semaphore_destroy_mig(c->task, c->req);
	default:
		if (mk_vm_routine(mk_kmsg_hdr(c->req)->id))	/* vm.c */
			return mk_vm_serve(c->task, c->req, &c->reply);
		/* task_{set,get,swap}_exception_ports (exception.c) */
		return mk_exc_task_serve(c->task, c->req, &c->reply);
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

	lockdep_assert_held(&mk_lock);
	c.flavor = mk_task_port_flavor(port);
	if (c.flavor != MK_TASK_FLAVOR_NONE)
		c.task = port->kobject;
	*wait_thr = NULL;
	if (thread_port_flavor(port) != MK_TASK_FLAVOR_NONE) {
		kr = serve_thread(&c, port->kobject, thread_port_flavor(port),
				  wait_thr);
	} else if (port->kotype == MK_KOBJ_RESUME) {
		c.task = port->kobject;
		kr = mk_kmsg_hdr(req)->id == TASK_RESUME2 &&
			req->dest.type == MACH_MSG_TYPE_PORT_SEND_ONCE ?
			(c.task ? mk_task_resume2(c.task) : KERN_INVALID_ARGUMENT) :
			MIG_BAD_ID;
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
