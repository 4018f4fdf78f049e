/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: thread_policy_set/thread_policy_get flavors
 * (<mach/thread_policy.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).  The parameter blocks are
 * libmach's; each is a run of 32-bit words, counted in words.
 */
#ifndef _UAPI_LINUX_MACH_THREAD_POLICY_H
#define _UAPI_LINUX_MACH_THREAD_POLICY_H

#define THREAD_POLICY_INFO_MAX		16	/* thread_policy_t's bound */

#define THREAD_STANDARD_POLICY		1
#define THREAD_EXTENDED_POLICY		1	/* the same flavor, with data */
#define THREAD_TIME_CONSTRAINT_POLICY	2
#define THREAD_PRECEDENCE_POLICY	3
#define THREAD_AFFINITY_POLICY		4
#define THREAD_AFFINITY_TAG_NULL	0
#define THREAD_BACKGROUND_POLICY	5
#define THREAD_BACKGROUND_POLICY_DARWIN_BG	0x1000
#define THREAD_POLICY_STATE		6
#define THREAD_LATENCY_QOS_POLICY	7
#define THREAD_THROUGHPUT_QOS_POLICY	8
#define THREAD_QOS_POLICY		9

#endif /* _UAPI_LINUX_MACH_THREAD_POLICY_H */
