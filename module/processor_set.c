// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: the processor set.  Linux schedules every CPU as one set, so
 * there is one, XNU's pset0, with its two ports for the module's lifetime:
 * the name port (IKOT_PSET_NAME: processor_set_info) and the control port
 * (IKOT_PSET: processor_set_tasks), kernel objects like the host port.
 *
 * Served here, called from the kernel-object server with mk_lock held:
 * processor_set_default (mach_host 213) and host_processor_sets /
 * host_processor_set_priv (host_priv 419, 420) through host.c, and the
 * processor_set subsystem's (4000) processor_set_info,
 * processor_set_tasks and processor_set_tasks_with_flavor, and
 * thread_get_assignment (thread_act 3623) through kobject.c.
 *
 * processor_set_tasks hands out task ports: only those the caller could
 * get from task_for_pid (or task_name_for_pid for name ports) under the
 * module's tfp_policy; the others are left out of the list
 * (Documentation/host.rst).
 */
#include <linux/capability.h>
#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/mach_dev.h>
#include "host.h"
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "mig_ids.h"
#include "notify.h"
#include "port.h"
#include "processor_set.h"
#include "right.h"
#include "task.h"

/* the most tasks one processor_set_tasks call lists */
#define MK_PSET_TASKS_MAX	65536

/* processor_set_info_t's bound (mach_types.defs: array[*:5]) */
#define MK_PSET_INFO_MAX	5

/* XNU's scheduler bands (osfmk/kern/sched.h), as processor_set_info gives */
#define MK_BASEPRI_DEFAULT	31
#define MK_MAXPRI_KERNEL	95

/* <mach/policy.h> */
#define MK_POLICY_TIMESHARE	1
#define MK_POLICY_RR		2
#define MK_POLICY_FIFO		4

static struct mk_port *mk_pset_port;		/* IKOT_PSET */
static struct mk_port *mk_pset_name_port;	/* IKOT_PSET_NAME */

/* host_processor_sets, processor_set_tasks: an out-of-line port array */
struct pset_ports_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_ool_desc list;
	u8 ndr[8];
	u32 count;
} __packed;

/* host_processor_set_priv: the set's name port */
struct pset_priv_request {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc set_name;
} __packed;

struct pset_info_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
	u32 count;
} __packed;

struct pset_info_reply {
	struct mk_msg_header head;
	u32 desc_count;
	struct mk_port_desc host;
	u8 ndr[8];
	u32 count;
	s32 info[];
} __packed;

struct pset_flavor_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
} __packed;

static struct mk_port *pset_port_alloc(enum mk_kobject_type type)
{
	struct mk_port *port = mk_port_alloc();

	if (port)
		port->kotype = type;
	return port;
}

int mk_pset_init(void)
{
	mk_pset_port = pset_port_alloc(MK_KOBJ_PSET);
	mk_pset_name_port = pset_port_alloc(MK_KOBJ_PSET_NAME);
	if (mk_pset_port && mk_pset_name_port)
		return 0;
	mutex_lock(&mk_lock);
	mk_pset_exit();
	mutex_unlock(&mk_lock);
	return -ENOMEM;
}

static void pset_port_destroy(struct mk_port **portp)
{
	lockdep_assert_held(&mk_lock);
	if (!*portp)
		return;
	mk_port_destroy(*portp);
	mk_port_put(*portp);
	*portp = NULL;
}

/* Context: mk_lock held. */
void mk_pset_exit(void)
{
	lockdep_assert_held(&mk_lock);
	pset_port_destroy(&mk_pset_port);
	pset_port_destroy(&mk_pset_name_port);
}

/* A reply carrying @n send rights (@rights, taken) out of line. */
static kern_return_t ports_reply(struct mk_kmsg *req, struct mk_kmsg **replyp,
				 struct mk_right *rights, u32 n)
{
	struct pset_ports_reply *rp;
	struct mk_kmsg *reply;

	reply = mk_mig_reply_alloc(req, sizeof(*rp), 1);
	if (!reply)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)reply->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->list.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	rp->list.disposition = MACH_MSG_TYPE_PORT_SEND;
	rp->list.copy = 1;
	rp->list.deallocate = 1;
	rp->list.size = n;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = n;
	reply->descs[0].offset = offsetof(struct pset_ports_reply, list);
	reply->descs[0].type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	reply->descs[0].ool = rights;
	reply->descs[0].count = n;
	reply->descs[0].rights_in = true;
	*replyp = reply;
	return KERN_SUCCESS;
}

/*
 * XNU's host_processor_sets: the name port of every set (pset0 only),
 * to a host_priv port: anyone else's host port converts to HOST_PRIV_NULL.
 */
static kern_return_t host_processor_sets(struct mk_kmsg *req,
					 struct mk_kmsg **replyp)
{
	struct mk_right *rights;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(struct mk_msg_header))
		return MIG_BAD_ARGUMENTS;
	if (!mk_host_priv())
		return KERN_INVALID_ARGUMENT;
	rights = kvcalloc(1, sizeof(*rights), GFP_KERNEL_ACCOUNT);
	if (!rights)
		return KERN_RESOURCE_SHORTAGE;
	mk_port_make_send_right(mk_pset_name_port, &rights[0]);
	kr = ports_reply(req, replyp, rights, 1);
	if (kr) {
		mk_right_release(&rights[0]);
		kvfree(rights);
	}
	return kr;
}

/* A pset port of either kind (convert_port_to_pset_name). */
static bool is_pset(const struct mk_port *port)
{
	return port && port->active &&
		(port->kotype == MK_KOBJ_PSET ||
		 port->kotype == MK_KOBJ_PSET_NAME);
}

/*
 * XNU's host_processor_set_priv: the control port of the set @set_name
 * names; a host port that is not host_priv, or a name that is no set,
 * is KERN_INVALID_ARGUMENT.
 */
static kern_return_t host_processor_set_priv(struct mk_kmsg *req,
					     struct mk_kmsg **replyp)
{
	struct pset_priv_request *rq = (void *)req->data;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(*rq) || req->ndesc != 1 ||
	    req->descs[0].type != MACH_MSG_PORT_DESCRIPTOR)
		return MIG_BAD_ARGUMENTS;
	if (!mk_host_priv() || !is_pset(req->descs[0].right.port))
		return KERN_INVALID_ARGUMENT;
	return mk_mig_send_right_reply(req, mk_pset_port, replyp);
}

/* processor_set_default: the default set's name port, to any host port. */
static kern_return_t processor_set_default(struct mk_kmsg *req,
					   struct mk_kmsg **replyp)
{
	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(struct mk_msg_header))
		return MIG_BAD_ARGUMENTS;
	return mk_mig_send_right_reply(req, mk_pset_name_port, replyp);
}

/* The host port's routines that concern sets (host.c).  Context: mk_lock. */
kern_return_t mk_pset_host_serve(struct mk_kmsg *req, struct mk_kmsg **replyp)
{
	lockdep_assert_held(&mk_lock);
	switch (mk_kmsg_hdr(req)->id) {
	case PROCESSOR_SET_DEFAULT:
		return processor_set_default(req, replyp);
	case HOST_PROCESSOR_SETS:
		return host_processor_sets(req, replyp);
	case HOST_PROCESSOR_SET_PRIV:
		return host_processor_set_priv(req, replyp);
	default:
		return MIG_BAD_ID;
	}
}

/*
 * XNU's thread_get_assignment (thread_act 3623, a thread inspect port or
 * better, kobject.c checks): every thread is in pset0; its name port.
 */
kern_return_t mk_pset_thread_assignment(struct mk_kmsg *req,
					struct mk_kmsg **replyp)
{
	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(struct mk_msg_header))
		return MIG_BAD_ARGUMENTS;
	return mk_mig_send_right_reply(req, mk_pset_name_port, replyp);
}

/*
 * XNU's processor_set_info: what @flavor answers in @v and how many words
 * (*@np), for a caller's @count; KERN_FAILURE when @count is too small for
 * it, KERN_INVALID_ARGUMENT for a flavor it does not know.
 */
static kern_return_t pset_info_fill(s32 flavor, u32 count, s32 *v, u32 *np)
{
	u32 n = 1;

	switch (flavor) {
	case PROCESSOR_SET_BASIC_INFO:
		n = 2;
		v[0] = num_online_cpus();	/* processor_count */
		v[1] = MK_POLICY_TIMESHARE;	/* default_policy */
		break;
	case PROCESSOR_SET_TIMESHARE_DEFAULT:
	case PROCESSOR_SET_FIFO_DEFAULT:
		v[0] = MK_BASEPRI_DEFAULT;	/* base_priority */
		break;
	case PROCESSOR_SET_RR_DEFAULT:
		n = 2;
		v[0] = MK_BASEPRI_DEFAULT;
		v[1] = 1;			/* quantum */
		break;
	case PROCESSOR_SET_TIMESHARE_LIMITS:
	case PROCESSOR_SET_FIFO_LIMITS:
	case PROCESSOR_SET_RR_LIMITS:
		v[0] = MK_MAXPRI_KERNEL;	/* max_priority */
		break;
	case PROCESSOR_SET_ENABLED_POLICIES:
		v[0] = MK_POLICY_TIMESHARE | MK_POLICY_RR | MK_POLICY_FIFO;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if (count < n)
		return KERN_FAILURE;
	*np = n;
	return KERN_SUCCESS;
}

static kern_return_t processor_set_info(struct mk_kmsg *req,
					struct mk_kmsg **replyp)
{
	struct pset_info_request *rq = (void *)req->data;
	struct pset_info_reply *rp;
	struct mk_kmsg *reply;
	s32 v[MK_PSET_INFO_MAX];
	u32 n;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	kr = pset_info_fill(rq->flavor, min_t(u32, rq->count, MK_PSET_INFO_MAX),
			    v, &n);
	if (kr)
		return kr;
	reply = mk_mig_reply_alloc(req, sizeof(*rp) + n * sizeof(s32), 1);
	if (!reply)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)reply->data;
	rp->head.bits = MACH_MSGH_BITS_COMPLEX;
	rp->desc_count = 1;
	rp->host.type = MACH_MSG_PORT_DESCRIPTOR;
	rp->host.disposition = MACH_MSG_TYPE_PORT_SEND;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = n;
	memcpy(rp->info, v, n * sizeof(s32));
	reply->descs[0].offset = offsetof(struct pset_info_reply, host);
	reply->descs[0].type = MACH_MSG_PORT_DESCRIPTOR;
	reply->descs[0].right.type = MACH_MSG_TYPE_PORT_SEND;
	mk_host_make_send_right(&reply->descs[0].right);
	*replyp = reply;
	return KERN_SUCCESS;
}

struct pset_tasks {
	struct mk_right *rights;
	u32 max, n;
	int flavor;
};

static int pset_count_task(struct mk_task *task, void *arg)
{
	u32 *n = arg;

	return ++*n > MK_PSET_TASKS_MAX;
}

/* A send right to @task's port of the flavor, if the caller may have it. */
static int pset_add_task(struct mk_task *task, void *arg)
{
	struct pset_tasks *pt = arg;
	struct mk_port *port;

	lockdep_assert_held(&mk_lock);
	if (pt->n == pt->max)
		return 1;
	if (!mk_task_port_allowed(task, pt->flavor))
		return 0;
	port = mk_task_flavor_port(task, pt->flavor);
	if (port)
		mk_port_make_send_right(port, &pt->rights[pt->n++]);
	return 0;
}

/*
 * XNU's processor_set_tasks_internal: a port of @flavor for every task,
 * here every task the caller could get that port of with task_for_pid
 * (task_name_for_pid for name ports).  The caller's own control port is
 * the name mach_task_self() has.  Counted first, allocated once.
 */
static kern_return_t pset_tasks(struct mk_kmsg *req, struct mk_kmsg **replyp,
				int flavor)
{
	struct pset_tasks pt = { .flavor = flavor };
	kern_return_t kr;
	u32 i;

	lockdep_assert_held(&mk_lock);
	if (mk_task_for_each(pset_count_task, &pt.max))
		return KERN_RESOURCE_SHORTAGE;
	pt.rights = kvcalloc(max_t(u32, pt.max, 1), sizeof(*pt.rights),
			     GFP_KERNEL_ACCOUNT);
	if (!pt.rights)
		return KERN_RESOURCE_SHORTAGE;
	mk_task_for_each(pset_add_task, &pt);
	kr = ports_reply(req, replyp, pt.rights, pt.n);
	if (kr) {
		for (i = 0; i < pt.n; i++)
			mk_right_release(&pt.rights[i]);
		kvfree(pt.rights);
	}
	return kr;
}

static kern_return_t processor_set_tasks_with_flavor(struct mk_kmsg *req,
						     struct mk_kmsg **replyp)
{
	struct pset_flavor_request *rq = (void *)req->data;

	lockdep_assert_held(&mk_lock);
	switch (rq->flavor) {
	/* enum mk_task_flavor has XNU's TASK_FLAVOR_* numbers */
	case MK_TASK_FLAVOR_CONTROL:
	case MK_TASK_FLAVOR_READ:
	case MK_TASK_FLAVOR_INSPECT:
	case MK_TASK_FLAVOR_NAME:
		return pset_tasks(req, replyp, rq->flavor);
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/*
 * A message to a pset port.  The routines that need the control port
 * (processor_set_t) answer KERN_INVALID_ARGUMENT to the name port, as
 * XNU's convert_port_to_pset gives PROCESSOR_SET_NULL for it.
 * Context: mk_lock held.
 */
kern_return_t mk_pset_serve(struct mk_port *port, struct mk_kmsg *req,
			    struct mk_kmsg **replyp)
{
	bool control = port->kotype == MK_KOBJ_PSET;

	lockdep_assert_held(&mk_lock);
	switch (mk_kmsg_hdr(req)->id) {
	case PROCESSOR_SET_INFO:
		return processor_set_info(req, replyp);
	case PROCESSOR_SET_TASKS:
		if (req->size != sizeof(struct mk_msg_header))
			return MIG_BAD_ARGUMENTS;
		if (!control)
			return KERN_INVALID_ARGUMENT;
		return pset_tasks(req, replyp, MK_TASK_FLAVOR_CONTROL);
	case PROCESSOR_SET_TASKS_WITH_FLAVOR:
		if (req->size != sizeof(struct pset_flavor_request))
			return MIG_BAD_ARGUMENTS;
		if (!control)
			return KERN_INVALID_ARGUMENT;
		return processor_set_tasks_with_flavor(req, replyp);
	default:
		return MIG_BAD_ID;
	}
}
