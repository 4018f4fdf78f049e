/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux-mach: what task_policy_set recorded for a task (task_policy.c),
 * kept in its struct mk_task under mk_lock.
 */
#ifndef MK_TASK_POLICY_H
#define MK_TASK_POLICY_H

#include <linux/types.h>
#include "kern_return.h"

struct mk_task;
struct mk_kmsg;

/* XNU's requested_policy fields that task_policy_get reads back */
struct mk_task_policy {
	s32 role;			/* TASK_CATEGORY_POLICY */
	u8 base_latency, base_throughput;	/* qos_extract()ed tiers */
	u8 over_latency, over_throughput;
	/* TASK_SUPPRESSION_POLICY */
	bool sup_active, sup_lowpri_cpu, sup_disk, sup_cpu, sup_bg_sockets;
	u8 sup_timer, sup_throughput;
};

kern_return_t mk_task_policy_serve(struct mk_task *caller,
				   struct mk_task *task, struct mk_kmsg *req,
				   struct mk_kmsg **replyp);

#endif /* MK_TASK_POLICY_H */
