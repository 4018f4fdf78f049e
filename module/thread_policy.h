/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: what thread_policy_set recorded for a thread
 * (thread_policy.c), kept in its struct mk_thread under mk_lock.
 */
#ifndef MK_THREAD_POLICY_H
#define MK_THREAD_POLICY_H

#include <linux/types.h>

#include "kern_return.h"

struct mk_thread;
struct mk_kmsg;

struct mk_thread_policy {
	bool fixed;		/* THREAD_EXTENDED_POLICY timeshare = FALSE */
	bool realtime;		/* THREAD_TIME_CONSTRAINT_POLICY in force */
	u32 period, computation, constraint;
	s32 preemptible;
	s32 importance;		/* THREAD_PRECEDENCE_POLICY */
	s32 affinity_tag;	/* THREAD_AFFINITY_POLICY */
	s32 latency_tier, throughput_tier;
};

kern_return_t mk_thread_policy_serve(struct mk_thread *thr, struct mk_kmsg *req,
				     struct mk_kmsg **replyp);

#endif /* MK_THREAD_POLICY_H */
