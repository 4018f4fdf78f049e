/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * linux-mach: Mach's thread_info flavors and run states
 * (<mach/thread_info.h>).
 *
 * XNU's numbers, defined once: mach.ko and libmach's Darwin headers include
 * this file (tools/check-abi-once keeps it so).
 */
#ifndef _UAPI_LINUX_MACH_THREAD_INFO_H
#define _UAPI_LINUX_MACH_THREAD_INFO_H

#define THREAD_INFO_MAX		(32)

#define THREAD_BASIC_INFO	3

#define THREAD_IDENTIFIER_INFO	4

#define THREAD_EXTENDED_INFO	5
#define MAXTHREADNAMESIZE	64

/* development kernels only: KERN_NOT_SUPPORTED on release XNU */
#define THREAD_DEBUG_INFO_INTERNAL	6

/* The policy_*_info structures of <mach/policy.h>. */
#define THREAD_SCHED_TIMESHARE_INFO	10
#define THREAD_SCHED_RR_INFO		11
#define THREAD_SCHED_FIFO_INFO		12

#define TH_USAGE_SCALE	1000

/* run_state */
#define TH_STATE_RUNNING		1
#define TH_STATE_STOPPED		2
#define TH_STATE_WAITING		3
#define TH_STATE_UNINTERRUPTIBLE	4
#define TH_STATE_HALTED			5

/* flags */
#define TH_FLAGS_SWAPPED		0x1
#define TH_FLAGS_IDLE			0x2
#define TH_FLAGS_GLOBAL_FORCED_IDLE	0x4

#endif /* _UAPI_LINUX_MACH_THREAD_INFO_H */
