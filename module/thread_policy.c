// SPDX-License-Identifier: GPL-2.0
/*
 * linux-mach: thread_policy_set (3617) and thread_policy_get (3618), the
 * thread_act routines that Mach programs call on their own threads to ask
 * for fixed priority, real time, a precedence or an affinity tag (Apple's
 * MPMMtest, audio and media threads, Chromium).
 *
 * The checks and the replies are XNU's (thread_policy_set_internal and
 * thread_policy_get, as macOS builds them): the same flavors accepted, the
 * same counts and ranges refused with the same codes, and what was set is
 * what get returns.  What a flavor asks of the scheduler is recorded, not
 * applied: a module has no way to give a thread SCHED_RR or SCHED_DEADLINE
 * under the caller's RLIMIT_RTPRIO (sched_setscheduler is not exported
 * since 5.9, and sched_set_fifo() checks nothing), and XNU grants real
 * time to any user.  Documentation/threads.rst says what that means.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/time64.h>
#include "kmsg.h"
#include "kobject.h"
#include "locking.h"
#include "mach_types.h"
#include "mig_ids.h"
#include "policy_mig.h"
#include "thread.h"
#include "thread_policy.h"
#include <linux/mach/thread_policy.h>

/* the parameter blocks' sizes in words (<mach/thread_policy.h>) */
#define MK_EXTENDED_COUNT	1
#define MK_TIME_CONSTRAINT_COUNT 4
#define MK_PRECEDENCE_COUNT	1
#define MK_AFFINITY_COUNT	1
#define MK_LATENCY_QOS_COUNT	1
#define MK_THROUGHPUT_QOS_COUNT	1
#define MK_QOS_COUNT		2

/*
 * XNU's real-time bounds (sched_realtime_timebase_init) and its defaults
 * for a thread that has none (10 ms quantum: default_timeshare_computation
 * and _constraint), in mach_absolute_time units, nanoseconds here.
 */
#define MK_MIN_RT_QUANTUM	(50 * NSEC_PER_USEC)
#define MK_MAX_RT_QUANTUM	(50 * NSEC_PER_MSEC)
#define MK_TIMESHARE_COMPUTATION (5 * NSEC_PER_MSEC)
#define MK_TIMESHARE_CONSTRAINT	(10 * NSEC_PER_MSEC)

/* thread_policy_set_internal's switch.  Context: mk_lock held. */
static kern_return_t policy_set(struct mk_thread_policy *p, s32 flavor,
				const s32 *info, u32 count)
{
	lockdep_assert_held(&mk_lock);
	switch (flavor) {
	case THREAD_EXTENDED_POLICY:
		/* a short block is the standard policy: timeshare */
		p->fixed = count >= MK_EXTENDED_COUNT && !info[0];
		p->realtime = false;
		return KERN_SUCCESS;
	case THREAD_TIME_CONSTRAINT_POLICY:
		if (count < MK_TIME_CONSTRAINT_COUNT)
			return KERN_INVALID_ARGUMENT;
		if ((u32)info[2] < (u32)info[1] ||
		    (u32)info[1] > MK_MAX_RT_QUANTUM ||
		    (u32)info[1] < MK_MIN_RT_QUANTUM)
			return KERN_INVALID_ARGUMENT;
		p->period = info[0];
		p->computation = info[1];
		p->constraint = info[2];
		p->preemptible = info[3];
		p->realtime = true;
		return KERN_SUCCESS;
	case THREAD_PRECEDENCE_POLICY:
		if (count < MK_PRECEDENCE_COUNT)
			return KERN_INVALID_ARGUMENT;
		p->importance = info[0];
		return KERN_SUCCESS;
	case THREAD_AFFINITY_POLICY:
		/* x86 has affinity sets (ml_get_max_affinity_sets) */
		if (count < MK_AFFINITY_COUNT)
			return KERN_INVALID_ARGUMENT;
		p->affinity_tag = info[0];
		return KERN_SUCCESS;
	case THREAD_LATENCY_QOS_POLICY:
		if (count < MK_LATENCY_QOS_COUNT ||
		    !mk_qos_tier_ok(info[0], MK_LATENCY_TAG))
			return KERN_INVALID_ARGUMENT;
		p->latency_tier = info[0];
		return KERN_SUCCESS;
	case THREAD_THROUGHPUT_QOS_POLICY:
		if (count < MK_THROUGHPUT_QOS_COUNT ||
		    !mk_qos_tier_ok(info[0], MK_THROUGHPUT_TAG))
			return KERN_INVALID_ARGUMENT;
		p->throughput_tier = info[0];
		return KERN_SUCCESS;
	default:
		/*
		 * THREAD_QOS_POLICY needs XNU's -qos-policy-allow boot-arg;
		 * THREAD_BACKGROUND_POLICY is not built for macOS.
		 */
		return KERN_INVALID_ARGUMENT;
	}
}

/* thread_policy_get's switch; may set *get_default.  mk_lock held. */
static kern_return_t policy_get(const struct mk_thread_policy *p, s32 flavor,
				s32 *info, u32 count, s32 *get_default)
{
	lockdep_assert_held(&mk_lock);
	switch (flavor) {
	case THREAD_EXTENDED_POLICY:
		if (!*get_default && p->realtime)
			*get_default = 1;
		if (count >= MK_EXTENDED_COUNT)
			info[0] = *get_default || !p->fixed;
		return KERN_SUCCESS;
	case THREAD_TIME_CONSTRAINT_POLICY:
		if (count < MK_TIME_CONSTRAINT_COUNT)
			return KERN_INVALID_ARGUMENT;
		if (!*get_default && !p->realtime)
			*get_default = 1;
		if (*get_default) {
			info[0] = 0;
			info[1] = MK_TIMESHARE_COMPUTATION;
			info[2] = MK_TIMESHARE_CONSTRAINT;
			info[3] = 1;
		} else {
			info[0] = p->period;
			info[1] = p->computation;
			info[2] = p->constraint;
			info[3] = p->preemptible;
		}
		return KERN_SUCCESS;
	case THREAD_PRECEDENCE_POLICY:
		if (count < MK_PRECEDENCE_COUNT)
			return KERN_INVALID_ARGUMENT;
		info[0] = *get_default ? 0 : p->importance;
		return KERN_SUCCESS;
	case THREAD_AFFINITY_POLICY:
		if (count < MK_AFFINITY_COUNT)
			return KERN_INVALID_ARGUMENT;
		info[0] = *get_default ? THREAD_AFFINITY_TAG_NULL :
					 p->affinity_tag;
		return KERN_SUCCESS;
	case THREAD_LATENCY_QOS_POLICY:
		if (count < MK_LATENCY_QOS_COUNT)
			return KERN_INVALID_ARGUMENT;
		info[0] = *get_default ? 0 : p->latency_tier;
		return KERN_SUCCESS;
	case THREAD_THROUGHPUT_QOS_POLICY:
		if (count < MK_THROUGHPUT_QOS_COUNT)
			return KERN_INVALID_ARGUMENT;
		info[0] = *get_default ? 0 : p->throughput_tier;
		return KERN_SUCCESS;
	case THREAD_QOS_POLICY:
		if (count < MK_QOS_COUNT)
			return KERN_INVALID_ARGUMENT;
		info[0] = 0;		/* THREAD_QOS_UNSPECIFIED: never set */
		info[1] = 0;
		return KERN_SUCCESS;
	default:
		/* THREAD_POLICY_STATE is XNU's root-only debugging flavor */
		return KERN_INVALID_ARGUMENT;
	}
}

static kern_return_t thread_policy_set(struct mk_thread *thr, struct mk_kmsg *req)
{
	const struct mk_policy_set_request *rq;
	kern_return_t kr;

	kr = mk_policy_set_request(req, THREAD_POLICY_INFO_MAX, &rq);
	if (kr != KERN_SUCCESS)
		return kr;
	return policy_set(&thr->policy, rq->flavor, rq->info, rq->count);
}

static kern_return_t thread_policy_get(struct mk_thread *thr, struct mk_kmsg *req,
				       struct mk_kmsg **replyp)
{
	const struct mk_policy_get_request *rq = (const void *)req->data;
	s32 info[THREAD_POLICY_INFO_MAX] = { 0 };
	s32 get_default;
	u32 count;
	kern_return_t kr;

	if (req->size != sizeof(*rq))
		return MIG_BAD_ARGUMENTS;
	/* MIG's server hands the routine the caller's count, at most 16 */
	count = min_t(u32, rq->count, THREAD_POLICY_INFO_MAX);
	get_default = rq->get_default;
	kr = policy_get(&thr->policy, rq->flavor, info, count, &get_default);
	if (kr)
		return kr;
	return mk_policy_get_reply(req, info, count, get_default, replyp);
}

/* thread_policy_set / thread_policy_get on @thr.  Context: mk_lock held. */
kern_return_t mk_thread_policy_serve(struct mk_thread *thr, struct mk_kmsg *req,
				     struct mk_kmsg **replyp)
{
	lockdep_assert_held(&mk_lock);
	switch (mk_kmsg_hdr(req)->id) {
	case THREAD_POLICY_SET:
		return thread_policy_set(thr, req);
	case THREAD_POLICY_GET:
		return thread_policy_get(thr, req, replyp);
	default:
		return MIG_BAD_ID;
	}
}
