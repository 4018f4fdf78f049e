// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: task_policy_set and task_policy_get, the task routines that
 * Mach programs call to give a task a role (foreground, background) or
 * latency and throughput QoS tiers, and that Apple's tests call on every
 * flavor of task port.
 *
 * The checks and the replies are XNU's (task_policy_set and
 * task_policy_get in osfmk/kern/task_policy.c, as macOS builds them): the
 * same flavors, counts, roles and tiers accepted and refused with the same
 * codes, and what was set is what get returns.  Set takes a control port
 * and get an inspect port (convert_port_to_task_policy without Apple's
 * private entitlement; kobject.c's table).  The policies are recorded, not
 * applied: XNU turns them into I/O tiers, timer coalescing and CPU
 * priority for its own scheduler, which a module cannot reproduce
 * (Documentation/tasks.rst).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include "kern_return.h"
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "mach_types.h"
#include "mig_ids.h"
#include "policy_mig.h"
#include "task.h"
#include "task_policy.h"
#include <linux/mach/task_policy.h>

/* the parameter blocks' sizes in words (<mach/task_policy.h>) */
#define MK_CATEGORY_COUNT	1
#define MK_QOS_COUNT		2
#define MK_SUPPRESSION_COUNT	16
#define MK_POLICY_STATE_COUNT	16

/* enum task_role's members (<mach/task_policy.h>) */
#define MK_ROLE_FOREGROUND	1
#define MK_ROLE_BACKGROUND	2
#define MK_ROLE_CONTROL		3
#define MK_ROLE_GRAPHICS_SERVER	4
#define MK_ROLE_DEFAULT		7

/* the suppression block's words (struct task_suppression_policy) */
enum { SUP_ACTIVE, SUP_LOWPRI_CPU, SUP_TIMER, SUP_DISK, SUP_CPU_LIMIT,
	SUP_SUSPEND, SUP_THROUGHPUT, SUP_SUPPRESSED_CPU, SUP_BG_SOCKETS };

/* task_qos_policy_validate: both tiers, whichever one the flavor sets */
static kern_return_t qos_validate(const s32 *info, u32 count)
{
	if (count < MK_QOS_COUNT || !mk_qos_tier_ok(info[0], MK_LATENCY_TAG) ||
	    !mk_qos_tier_ok(info[1], MK_THROUGHPUT_TAG))
		return KERN_INVALID_ARGUMENT;
	return KERN_SUCCESS;
}

/* qos_extract: the tier's low byte, 0 for UNSPECIFIED */
static u8 qos_extract(s32 tier)
{
	return tier & 0xff;
}

/* qos_latency_policy_package / qos_throughput_policy_package */
static s32 qos_package(u8 value, u32 tag)
{
	return value ? (s32)((tag << 16) | value) : 0;
}

/* TASK_CATEGORY_POLICY: the roles macOS lets a task take */
static kern_return_t set_role(struct mk_task *caller, struct mk_task *task,
			      s32 role)
{
	lockdep_assert_held(&mk_lock);
	switch (role) {
	case MK_ROLE_FOREGROUND:
	case MK_ROLE_BACKGROUND:
	case MK_ROLE_DEFAULT:
		break;
	case MK_ROLE_CONTROL:
	case MK_ROLE_GRAPHICS_SERVER:
		/* the caller's own task, and root's */
		if (task != caller || task->sec_token[0] != 0)
			return KERN_INVALID_ARGUMENT;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	task->policy.role = role;
	return KERN_SUCCESS;
}

static kern_return_t set_suppression(struct mk_task_policy *p,
				     const s32 *info, u32 count)
{
	s32 qos[MK_QOS_COUNT];

	lockdep_assert_held(&mk_lock);
	if (count < MK_SUPPRESSION_COUNT)
		return KERN_INVALID_ARGUMENT;
	qos[0] = info[SUP_TIMER];
	qos[1] = info[SUP_THROUGHPUT];
	if (qos_validate(qos, MK_QOS_COUNT))
		return KERN_INVALID_ARGUMENT;
	p->sup_active = info[SUP_ACTIVE];
	p->sup_lowpri_cpu = info[SUP_LOWPRI_CPU];
	p->sup_timer = qos_extract(info[SUP_TIMER]);
	p->sup_disk = info[SUP_DISK];
	p->sup_throughput = qos_extract(info[SUP_THROUGHPUT]);
	p->sup_cpu = info[SUP_SUPPRESSED_CPU];
	p->sup_bg_sockets = info[SUP_BG_SOCKETS];
	return KERN_SUCCESS;
}

/* task_policy_set's switch.  Context: mk_lock held. */
static kern_return_t policy_set(struct mk_task *caller, struct mk_task *task,
				s32 flavor, const s32 *info, u32 count)
{
	struct mk_task_policy *p = &task->policy;
	kern_return_t kr;

	lockdep_assert_held(&mk_lock);
	switch (flavor) {
	case TASK_CATEGORY_POLICY:
		if (count < MK_CATEGORY_COUNT)
			return KERN_INVALID_ARGUMENT;
		return set_role(caller, task, info[0]);
	case TASK_BASE_QOS_POLICY:
	case TASK_OVERRIDE_QOS_POLICY:
		kr = qos_validate(info, count);
		if (kr != KERN_SUCCESS)
			return kr;
		if (flavor == TASK_BASE_QOS_POLICY) {
			p->base_latency = qos_extract(info[0]);
			p->base_throughput = qos_extract(info[1]);
		} else {
			p->over_latency = qos_extract(info[0]);
			p->over_throughput = qos_extract(info[1]);
		}
		return KERN_SUCCESS;
	case TASK_BASE_LATENCY_QOS_POLICY:
		kr = qos_validate(info, count);
		if (kr == KERN_SUCCESS)
			p->base_latency = qos_extract(info[0]);
		return kr;
	case TASK_BASE_THROUGHPUT_QOS_POLICY:
		kr = qos_validate(info, count);
		if (kr == KERN_SUCCESS)
			p->base_throughput = qos_extract(info[1]);
		return kr;
	case TASK_SUPPRESSION_POLICY:
		return set_suppression(p, info, count);
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

static void get_suppression(const struct mk_task_policy *p, s32 *info,
			    bool get_default)
{
	if (get_default) {
		info[SUP_TIMER] = 0;		/* LATENCY_QOS_TIER_UNSPECIFIED */
		return;				/* the rest 0 */
	}
	info[SUP_ACTIVE] = p->sup_active;
	info[SUP_LOWPRI_CPU] = p->sup_lowpri_cpu;
	info[SUP_TIMER] = qos_package(p->sup_timer, MK_LATENCY_TAG);
	info[SUP_DISK] = p->sup_disk;
	info[SUP_THROUGHPUT] = qos_package(p->sup_throughput,
					   MK_THROUGHPUT_TAG);
	info[SUP_SUPPRESSED_CPU] = p->sup_cpu;
	info[SUP_BG_SOCKETS] = p->sup_bg_sockets;
}

/*
 * task_policy_get's switch; @info is zeroed, @count at most 16.  Context:
 * mk_lock held.
 */
static kern_return_t policy_get(struct mk_task *caller,
				const struct mk_task_policy *p, s32 flavor,
				s32 *info, u32 count, bool get_default)
{
	lockdep_assert_held(&mk_lock);
	switch (flavor) {
	case TASK_CATEGORY_POLICY:
		if (count < MK_CATEGORY_COUNT)
			return KERN_INVALID_ARGUMENT;
		info[0] = get_default ? 0 : p->role;	/* TASK_UNSPECIFIED */
		return KERN_SUCCESS;
	case TASK_BASE_QOS_POLICY:
	case TASK_OVERRIDE_QOS_POLICY:
		if (count < MK_QOS_COUNT)
			return KERN_INVALID_ARGUMENT;
		if (get_default)
			return KERN_SUCCESS;		/* both UNSPECIFIED */
		info[0] = qos_package(flavor == TASK_BASE_QOS_POLICY ?
				      p->base_latency : p->over_latency,
				      MK_LATENCY_TAG);
		info[1] = qos_package(flavor == TASK_BASE_QOS_POLICY ?
				      p->base_throughput : p->over_throughput,
				      MK_THROUGHPUT_TAG);
		return KERN_SUCCESS;
	case TASK_POLICY_STATE:
		if (count < MK_POLICY_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		/* root only; XNU's bitfields have no meaning here: all 0 */
		if (caller->sec_token[0] != 0)
			return KERN_PROTECTION_FAILURE;
		return KERN_SUCCESS;
	case TASK_SUPPRESSION_POLICY:
		if (count < MK_SUPPRESSION_COUNT)
			return KERN_INVALID_ARGUMENT;
		get_suppression(p, info, get_default);
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

static kern_return_t task_policy_set(struct mk_task *caller,
				     struct mk_task *task, struct mk_kmsg *req)
{
	const struct mk_policy_set_request *rq;
	kern_return_t kr;

	kr = mk_policy_set_request(req, TASK_POLICY_INFO_MAX, &rq);
	if (kr != KERN_SUCCESS)
		return kr;
	return policy_set(caller, task, rq->flavor, rq->info, rq->count);
}

static kern_return_t task_policy_get(struct mk_task *caller,
				     struct mk_task *task, struct mk_kmsg *req,
				     struct mk_kmsg **replyp)
{
	const struct mk_policy_get_request *rq = (const void *)req->data;
	s32 info[TASK_POLICY_INFO_MAX] = { 0 };
	kern_return_t kr;
	u32 count;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	/* MIG's server hands the routine the caller's count, at most 16 */
	count = min_t(u32, rq->count, TASK_POLICY_INFO_MAX);
	kr = policy_get(caller, &task->policy, rq->flavor, info, count,
			rq->get_default);
	if (kr != KERN_SUCCESS)
		return kr;
	/* XNU leaves get_default as sent */
	return mk_policy_get_reply(req, info, count, rq->get_default, replyp);
}

/*
 * task_policy_set / task_policy_get on @task for @caller.  Context: mk_lock
 * held.
 */
kern_return_t mk_task_policy_serve(struct mk_task *caller,
				   struct mk_task *task, struct mk_kmsg *req,
				   struct mk_kmsg **replyp)
{
	lockdep_assert_held(&mk_lock);
	switch (mk_kmsg_hdr(req)->id) {
	case TASK_POLICY_SET:
		return task_policy_set(caller, task, req);
	case TASK_POLICY_GET:
		return task_policy_get(caller, task, req, replyp);
	default:
		return MIG_BAD_ID;
	}
}
