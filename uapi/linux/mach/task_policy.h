/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: task_policy_set/task_policy_get flavors
 * (<mach/task_policy.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).  The roles and QoS tiers
 * are enum members in <mach/task_policy.h>; the parameter blocks are runs
 * of 32-bit words, counted in words.
 */
#ifndef _UAPI_LINUX_MACH_TASK_POLICY_H
#define _UAPI_LINUX_MACH_TASK_POLICY_H

#define TASK_POLICY_INFO_MAX		16	/* task_policy_t's bound */

#define TASK_CATEGORY_POLICY		1
#define TASK_SUPPRESSION_POLICY		3
#define TASK_POLICY_STATE		4
#define TASK_BASE_QOS_POLICY		8
#define TASK_OVERRIDE_QOS_POLICY	9
#define TASK_BASE_LATENCY_QOS_POLICY	10
#define TASK_BASE_THROUGHPUT_QOS_POLICY	11

#endif /* _UAPI_LINUX_MACH_TASK_POLICY_H */
