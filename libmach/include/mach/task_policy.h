/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* task_policy_set/get flavors: roles and QoS tiers. */
#ifndef _MACH_TASK_POLICY_H_
#define _MACH_TASK_POLICY_H_

#include <stdint.h>
#include <mach/mach_types.h>

typedef natural_t	task_policy_flavor_t;
typedef integer_t	*task_policy_t;

/* the flavors: TASK_CATEGORY_POLICY ... TASK_BASE_THROUGHPUT_QOS_POLICY */
#include <linux/mach/task_policy.h>

typedef enum task_role {
	TASK_RENICED			= -1,
	TASK_UNSPECIFIED		= 0,
	TASK_FOREGROUND_APPLICATION	= 1,
	TASK_BACKGROUND_APPLICATION	= 2,
	TASK_CONTROL_APPLICATION	= 3,
	TASK_GRAPHICS_SERVER		= 4,
	TASK_THROTTLE_APPLICATION	= 5,
	TASK_NONUI_APPLICATION		= 6,
	TASK_DEFAULT_APPLICATION	= 7,
	TASK_DARWINBG_APPLICATION	= 8,
} task_role_t;

struct task_category_policy {
	task_role_t	role;
};
typedef struct task_category_policy	task_category_policy_data_t;
typedef struct task_category_policy	*task_category_policy_t;
#define TASK_CATEGORY_POLICY_COUNT ((mach_msg_type_number_t) \
	(sizeof(task_category_policy_data_t) / sizeof(integer_t)))

enum task_latency_qos {
	LATENCY_QOS_TIER_UNSPECIFIED	= 0x0,
	LATENCY_QOS_TIER_0		= ((0xFF << 16) | 1),
	LATENCY_QOS_TIER_1		= ((0xFF << 16) | 2),
	LATENCY_QOS_TIER_2		= ((0xFF << 16) | 3),
	LATENCY_QOS_TIER_3		= ((0xFF << 16) | 4),
	LATENCY_QOS_TIER_4		= ((0xFF << 16) | 5),
	LATENCY_QOS_TIER_5		= ((0xFF << 16) | 6)
};
typedef integer_t	task_latency_qos_t;

enum task_throughput_qos {
	THROUGHPUT_QOS_TIER_UNSPECIFIED	= 0x0,
	THROUGHPUT_QOS_TIER_0		= ((0xFE << 16) | 1),
	THROUGHPUT_QOS_TIER_1		= ((0xFE << 16) | 2),
	THROUGHPUT_QOS_TIER_2		= ((0xFE << 16) | 3),
	THROUGHPUT_QOS_TIER_3		= ((0xFE << 16) | 4),
	THROUGHPUT_QOS_TIER_4		= ((0xFE << 16) | 5),
	THROUGHPUT_QOS_TIER_5		= ((0xFE << 16) | 6),
};
typedef integer_t	task_throughput_qos_t;

#define LATENCY_QOS_LAUNCH_DEFAULT_TIER		LATENCY_QOS_TIER_3
#define THROUGHPUT_QOS_LAUNCH_DEFAULT_TIER	THROUGHPUT_QOS_TIER_3

struct task_qos_policy {
	task_latency_qos_t	task_latency_qos_tier;
	task_throughput_qos_t	task_throughput_qos_tier;
};
typedef struct task_qos_policy	*task_qos_policy_t;
#define TASK_QOS_POLICY_COUNT ((mach_msg_type_number_t) \
	(sizeof(struct task_qos_policy) / sizeof(integer_t)))

struct task_suppression_policy {
	integer_t	active;
	integer_t	lowpri_cpu;
	integer_t	timer_throttle;
	integer_t	disk_throttle;
	integer_t	cpu_limit;
	integer_t	suspend;
	integer_t	throughput_qos;
	integer_t	suppressed_cpu;
	integer_t	background_sockets;
	integer_t	reserved[7];
};
typedef struct task_suppression_policy	*task_suppression_policy_t;
#define TASK_SUPPRESSION_POLICY_COUNT ((mach_msg_type_number_t) \
	(sizeof(struct task_suppression_policy) / sizeof(integer_t)))

struct task_policy_state {
	uint64_t	requested;
	uint64_t	effective;
	uint64_t	pending;
	uint32_t	imp_assertcnt;
	uint32_t	imp_externcnt;
	uint64_t	flags;
	uint64_t	imp_transitions;
	uint64_t	tps_requested_policy;
	uint64_t	tps_effective_policy;
};
typedef struct task_policy_state	*task_policy_state_t;
#define TASK_POLICY_STATE_COUNT ((mach_msg_type_number_t) \
	(sizeof(struct task_policy_state) / sizeof(integer_t)))

#define PROC_FLAG_DARWINBG		0x8000
#define PROC_FLAG_EXT_DARWINBG		0x10000
#define PROC_FLAG_IOS_APPLEDAEMON	0x20000
#define PROC_FLAG_IOS_IMPPROMOTION	0x80000
#define PROC_FLAG_ADAPTIVE		0x100000
#define PROC_FLAG_ADAPTIVE_IMPORTANT	0x200000
#define PROC_FLAG_IMPORTANCE_DONOR	0x400000
#define PROC_FLAG_SUPPRESSED		0x800000
#define PROC_FLAG_APPLICATION		0x1000000
#define PROC_FLAG_IOS_APPLICATION	PROC_FLAG_APPLICATION

#endif
