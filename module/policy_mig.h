/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: what task_policy_set/get (task_policy.c) and
 * thread_policy_set/get (thread_policy.c) share: the MIG layout of their
 * requests and replies (task.defs and thread_act.defs declare them alike:
 * a flavor, a count and an array of integer_t) and the QoS tier encoding
 * both validate (<mach/thread_policy.h>: UNSPECIFIED, or tier 0-5 packed
 * as (tag << 16) | 1..6).
 */
#ifndef MK_POLICY_MIG_H
#define MK_POLICY_MIG_H

#include <linux/string.h>
#include <linux/types.h>
#include "kern_return.h"
#include "kmsg.h"
#include "kobject.h"
#include "notify.h"

#define MK_LATENCY_TAG		0xff	/* LATENCY_QOS_TIER_* */
#define MK_THROUGHPUT_TAG	0xfe	/* THROUGHPUT_QOS_TIER_* */

/* XNU's qos_latency_policy_validate / qos_throughput_policy_validate */
static inline bool mk_qos_tier_ok(s32 tier, u32 tag)
{
	return tier == 0 || (tier >= (s32)((tag << 16) | 1) &&
			     tier <= (s32)((tag << 16) | 6));
}

struct mk_policy_set_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
	u32 count;
	s32 info[];
} __packed;

struct mk_policy_get_request {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 flavor;
	u32 count;
	s32 get_default;
} __packed;

/*
 * A set request of at most @max words, whole: its size is what its count
 * says (MIG_BAD_ARGUMENTS otherwise).
 */
static inline kern_return_t
mk_policy_set_request(const struct mk_kmsg *req, u32 max,
		      const struct mk_policy_set_request **rqp)
{
	const struct mk_policy_set_request *rq = (const void *)req->data;

	if (req->size < sizeof(*rq) || rq->count > max ||
	    req->size != sizeof(*rq) + rq->count * sizeof(s32))
		return MIG_BAD_ARGUMENTS;
	*rqp = rq;
	return KERN_SUCCESS;
}

/* retcode, count, info[count], get_default: MIG packs what follows the array */
struct mk_policy_get_reply {
	struct mk_msg_header head;
	u8 ndr[8];
	s32 retcode;
	u32 count;
	s32 info[];
} __packed;

/* The get routines' reply: @count words of @info, then @get_default. */
static inline kern_return_t
mk_policy_get_reply(struct mk_kmsg *req, const s32 *info, u32 count,
		    s32 get_default, struct mk_kmsg **replyp)
{
	struct mk_policy_get_reply *rp;

	*replyp = mk_mig_reply_alloc(req, sizeof(*rp) + (count + 1) * 4, 0);
	if (!*replyp)
		return KERN_RESOURCE_SHORTAGE;
	rp = (void *)(*replyp)->data;
	memcpy(rp->ndr, mk_ndr_record, sizeof(rp->ndr));
	rp->count = count;
	memcpy(rp->info, info, count * 4);
	rp->info[count] = get_default;
	return KERN_SUCCESS;
}

#endif /* MK_POLICY_MIG_H */
